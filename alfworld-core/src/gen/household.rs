//! Households: a room's receptacles (from an ALFRED scene or composed procedurally) filled with
//! objects placed only where ALFRED allows them.
//!
//! A household is a pure function of its source and a seed, drawn with `rand_chacha::ChaCha8Rng`.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::classes::{self, is};
use super::scenes::{self, Pose, RoomKind};
use text_render::push_uint;

/// Where a household's receptacles come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SceneSource {
    /// One of the 120 ALFRED FloorPlans (by number).
    Alfred(u16),
    /// A room of this kind composed procedurally from this seed.
    Procedural {
        /// Room kind.
        kind: RoomKind,
        /// Composition seed.
        seed: u64,
    },
}

impl SceneSource {
    /// The `floor_plan` name written to `traj_data.json`: `FloorPlan12` or
    /// `Procedural-Kitchen-42`.
    pub fn floor_plan(&self) -> String {
        match self {
            SceneSource::Alfred(n) => format!("FloorPlan{n}"),
            SceneSource::Procedural { kind, seed } => format!("Procedural-{kind}-{seed}"),
        }
    }

    /// The scene number for names (`-12` suffixes); procedural rooms use 1000 + kind index.
    pub fn number(&self) -> u32 {
        match self {
            SceneSource::Alfred(n) => u32::from(*n),
            SceneSource::Procedural { kind, .. } => 1000 + kind.index() as u32,
        }
    }
}

/// A static receptacle of a household.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receptacle {
    /// THOR id, e.g. `Cabinet|+00.68|+00.50|-02.20`.
    pub id: String,
    /// Receptacle class (an rtype without `Type`).
    pub class: &'static str,
    /// Interaction pose (its `loc_bar_…` location).
    pub pose: Pose,
    /// Whether it can be opened.
    pub openable: bool,
    /// Whether it starts open (only openable ones).
    pub opened: bool,
}

/// Where an object is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In (or on) the receptacle with this index (`inReceptacle`).
    In(usize),
    /// Inside the movable receptacle object with this index (`inReceptacleObject`).
    InObject(usize),
    /// Standing in the room, in no receptacle (windows, light switches, ...).
    Loose,
}

/// An object instance of a household.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    /// THOR id, e.g. `Apple|-00.47|+00.97|+01.13`.
    pub id: String,
    /// Object class.
    pub class: &'static str,
    /// Where it is.
    pub place: Place,
    /// The location it is at (its host receptacle's pose).
    pub pose: Pose,
}

impl Object {
    /// Whether the agent can pick it up.
    pub fn pickupable(&self) -> bool {
        is(classes::PICKUPABLE, self.class)
    }
}

/// A generated room: receptacles, objects and the agent's start pose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Household {
    /// Where the receptacles come from.
    pub source: SceneSource,
    /// Room kind.
    pub kind: RoomKind,
    /// Static receptacles.
    pub receptacles: Vec<Receptacle>,
    /// Objects (pickupable things, lamps, scenery).
    pub objects: Vec<Object>,
    /// The agent's start pose (shared with no receptacle).
    pub start: Pose,
}

/// Largest number of instances of one object class (ALFRED's `MAX_NUM_OF_OBJ_INSTANCES`).
pub const MAX_INSTANCES: usize = 3;

/// Chance that an openable receptacle starts open.
const OPEN_PROB: f64 = 0.1;
/// Chance that an object goes into a movable receptacle that can hold it.
const NEST_PROB: f64 = 0.2;

/// A room's inventory before objects are placed.
struct Inventory {
    receptacles: Vec<Receptacle>,
    classes: Vec<&'static str>,
}

impl Household {
    /// A household on ALFRED scene `scene` (a FloorPlan number), or `None` if the number is not
    /// one of the 120 scenes.
    pub fn alfred(scene: u16, seed: u64) -> Option<Household> {
        let row = scenes::scene(scene)?;
        let mut rng = ChaCha8Rng::seed_from_u64(mix(u64::from(scene), seed));
        let receptacles = row
            .receptacles
            .iter()
            .map(|r| {
                // Synthesised instances open like the listed ones of their class (a class the
                // pose file lists none of stays closed-for-good, as before).
                let openable = is(classes::OPENABLE, r.class())
                    && (r.listed
                        || row
                            .receptacles
                            .iter()
                            .any(|l| l.listed && l.class() == r.class()));
                Receptacle {
                    id: r.id.to_string(),
                    class: r.class(),
                    pose: r.pose(),
                    openable,
                    opened: false,
                }
            })
            .collect();
        let inv = Inventory {
            receptacles,
            classes: row.classes.to_vec(),
        };
        Some(populate(
            SceneSource::Alfred(scene),
            row.kind(),
            inv,
            &mut rng,
        ))
    }

    /// A household in a room composed procedurally: the receptacle inventory mixes two real
    /// scenes of the same kind, laid out along the walls of a new room.
    pub fn procedural(kind: RoomKind, seed: u64) -> Household {
        let mut rng = ChaCha8Rng::seed_from_u64(mix(0xB0CA_0000 + kind.index() as u64, seed));
        let inv = compose(kind, &mut rng);
        populate(SceneSource::Procedural { kind, seed }, kind, inv, &mut rng)
    }

    /// Indices of the objects of class `class` the agent can take at the start (in a static
    /// receptacle and pickupable).
    pub fn reachable(&self, class: &str) -> impl Iterator<Item = usize> + '_ {
        let class = class.to_string();
        self.objects.iter().enumerate().filter_map(move |(i, o)| {
            (o.class == class && o.pickupable() && matches!(o.place, Place::In(_))).then_some(i)
        })
    }

    /// Indices of the receptacles of class `class`.
    pub fn receptacles_of<'a>(&'a self, class: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.receptacles
            .iter()
            .enumerate()
            .filter_map(move |(i, r)| (r.class == class).then_some(i))
    }

    /// Whether the room has a receptacle of class `class`.
    pub fn has_receptacle(&self, class: &str) -> bool {
        self.receptacles.iter().any(|r| r.class == class)
    }
}

/// SplitMix64 finaliser: mixes two words into one seed.
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(b)
        .wrapping_add(0x6A09_E667_F3BC_C909);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Parses a THOR coordinate field (`+00.68`, `-01.55`, `00.00`) into hundredths.
fn parse_coord(s: &str) -> Option<i32> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = body.split_once('.')?;
    let v = int.parse::<i32>().ok()? * 100 + frac.parse::<i32>().ok()?;
    Some(if neg { -v } else { v })
}

/// Appends hundredths as THOR writes them: `+00.68`, `-01.55`, `00.00`.
fn push_coord(out: &mut String, v: i32) {
    let a = v.unsigned_abs();
    match v.signum() {
        1 => out.push('+'),
        -1 => out.push('-'),
        _ => {}
    }
    let (int, frac) = (a / 100, a % 100);
    if int < 10 {
        out.push('0');
    }
    push_uint(out, u64::from(int));
    out.push('.');
    out.push(char::from(b'0' + (frac / 10) as u8));
    out.push(char::from(b'0' + (frac % 10) as u8));
}

/// The reference formatting of [`push_coord`] (checked against it).
#[cfg(test)]
fn fmt_coord(v: i32) -> String {
    let a = v.unsigned_abs();
    let sign = match v.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    };
    format!("{sign}{:02}.{:02}", a / 100, a % 100)
}

/// The x, y, z of a THOR id, in hundredths.
fn id_coords(id: &str) -> [i32; 3] {
    let mut out = [0; 3];
    for (i, f) in id.split('|').skip(1).take(3).enumerate() {
        out[i] = parse_coord(f).unwrap_or(0);
    }
    out
}

fn thor_id(class: &str, c: [i32; 3]) -> String {
    let mut id = String::with_capacity(class.len() + 24);
    id.push_str(class);
    for v in c {
        id.push('|');
        push_coord(&mut id, v);
    }
    id
}

/// Picks a fresh id near `base` (hundredths), unique case-insensitively among `used` (the
/// lowercased ids taken so far, kept sorted).
fn fresh_id(
    class: &str,
    base: [i32; 3],
    spread: i32,
    rng: &mut ChaCha8Rng,
    used: &mut Vec<String>,
) -> String {
    loop {
        let c = [
            base[0] + rng.random_range(-spread..=spread),
            base[1] + rng.random_range(2..=30),
            base[2] + rng.random_range(-spread..=spread),
        ];
        let id = thor_id(class, c);
        let key = id.to_ascii_lowercase();
        if let Err(at) = used.binary_search(&key) {
            used.insert(at, key);
            return id;
        }
    }
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        Some(&items[rng.random_range(0..items.len())])
    }
}

/// Fills an inventory with objects and a start pose.
fn populate(
    source: SceneSource,
    kind: RoomKind,
    mut inv: Inventory,
    rng: &mut ChaCha8Rng,
) -> Household {
    for r in &mut inv.receptacles {
        r.opened = r.openable && rng.random_bool(OPEN_PROB);
    }
    let receps = inv.receptacles;
    let mut used: Vec<String> = receps.iter().map(|r| r.id.to_ascii_lowercase()).collect();
    used.sort_unstable();
    let mut objects: Vec<Object> = Vec::new();
    let mut classes_here: Vec<&'static str> = inv.classes.clone();
    classes_here.sort_unstable();
    classes_here.dedup();

    // Distinct receptacle classes, so canContain is asked once per class pair.
    let mut rclasses: Vec<&'static str> = receps.iter().map(|r| r.class).collect();
    rclasses.sort_unstable();
    rclasses.dedup();
    let rclass_of: Vec<usize> = receps
        .iter()
        .map(|r| rclasses.binary_search(&r.class).unwrap_or(0))
        .collect();
    let rsets: Vec<u128> = rclasses.iter().map(|rc| classes::contain_set(rc)).collect();

    // Pickupable objects, one to three of each class, only where canContain allows.
    for &class in &classes_here {
        if !is(classes::PICKUPABLE, class) {
            continue;
        }
        let bit = classes::otype_bit(class);
        let ok: Vec<bool> = rsets.iter().map(|set| set & bit != 0).collect();
        let hosts: Vec<usize> = (0..receps.len()).filter(|&i| ok[rclass_of[i]]).collect();
        if hosts.is_empty() {
            continue;
        }
        let n = rng.random_range(1..=MAX_INSTANCES);
        for _ in 0..n {
            let Some(&h) = pick(rng, &hosts) else { break };
            let id = fresh_id(class, id_coords(&receps[h].id), 30, rng, &mut used);
            objects.push(Object {
                id,
                class,
                place: Place::In(h),
                pose: receps[h].pose,
            });
        }
    }

    // Some objects go into a movable receptacle (mug, bowl, pan, ...) lying in a static one.
    let containers: Vec<usize> = (0..objects.len())
        .filter(|&i| is(classes::MOVABLE_RECEPTACLES, objects[i].class))
        .collect();
    if !containers.is_empty() {
        let container_sets: Vec<u128> = containers
            .iter()
            .map(|&c| classes::contain_set(objects[c].class))
            .collect();
        // Objects of a class are consecutive: compute the fitting containers once per class.
        let mut fits: Vec<usize> = Vec::new();
        let mut fits_class = "";
        for i in 0..objects.len() {
            if is(classes::MOVABLE_RECEPTACLES, objects[i].class) {
                continue;
            }
            if objects[i].class != fits_class {
                fits_class = objects[i].class;
                fits.clear();
                let bit = classes::otype_bit(fits_class);
                fits.extend(
                    containers
                        .iter()
                        .zip(&container_sets)
                        .filter(|&(_, set)| set & bit != 0)
                        .map(|(&c, _)| c),
                );
            }
            if fits.is_empty() || !rng.random_bool(NEST_PROB) {
                continue;
            }
            let Some(&c) = pick(rng, &fits) else { continue };
            objects[i].place = Place::InObject(c);
            objects[i].pose = objects[c].pose;
        }
    }

    // Lamps stand on lamp furniture (the look-at-in-light goal needs them in a receptacle),
    // or on the floor where the room has none.
    for &class in &classes_here {
        if !is(classes::LAMPS, class) || receps.is_empty() {
            continue;
        }
        let hosts: Vec<usize> = (0..receps.len())
            .filter(|&i| is(classes::LAMP_STANDS, receps[i].class))
            .collect();
        let (h, place) = match pick(rng, &hosts) {
            Some(&h) => (h, Place::In(h)),
            None => (rng.random_range(0..receps.len()), Place::Loose),
        };
        let id = fresh_id(class, id_coords(&receps[h].id), 30, rng, &mut used);
        objects.push(Object {
            id,
            class,
            place,
            pose: receps[h].pose,
        });
    }

    // Scenery: fixed things seen from a receptacle's spot; a few classes stand in the
    // receptacle real games show them in (`classes::scenery_hosts`).
    let kitchen = kind == RoomKind::Kitchen;
    for &class in &classes_here {
        if !is(classes::SCENERY, class) || receps.is_empty() {
            continue;
        }
        let host_classes = classes::scenery_hosts(class, kitchen);
        if class == "Sink" && host_classes.is_empty() {
            continue;
        }
        let hosts: Vec<usize> = (0..receps.len())
            .filter(|&i| host_classes.contains(&receps[i].class))
            .collect();
        let n = if class == "StoveKnob" { 4 } else { 1 };
        for _ in 0..n {
            let (h, place) = match pick(rng, &hosts) {
                Some(&h) => (h, Place::In(h)),
                None => (rng.random_range(0..receps.len()), Place::Loose),
            };
            let mut base = id_coords(&receps[h].id);
            base[1] += 50;
            let id = fresh_id(class, base, 80, rng, &mut used);
            objects.push(Object {
                id,
                class,
                place,
                pose: receps[h].pose,
            });
        }
    }

    let start = start_pose(&receps, rng);
    Household {
        source,
        kind,
        receptacles: receps,
        objects,
        start,
    }
}

/// A start pose inside the receptacles' bounding box, at no receptacle's location.
fn start_pose(receps: &[Receptacle], rng: &mut ChaCha8Rng) -> Pose {
    let (mut x0, mut x1, mut z0, mut z1) = (0i16, 0i16, 0i16, 0i16);
    for r in receps {
        x0 = x0.min(r.pose.x);
        x1 = x1.max(r.pose.x);
        z0 = z0.min(r.pose.z);
        z1 = z1.max(r.pose.z);
    }
    for attempt in 0u32.. {
        // A room whose receptacles crowd a tiny box: grow the box now and then.
        let grow = (attempt / 64).min(64) as i16;
        let p = Pose {
            x: rng.random_range(x0 - grow..=x1 + grow),
            z: rng.random_range(z0 - grow..=z1 + grow),
            rot: 90 * rng.random_range(0..4i16),
            horizon: 30,
        };
        if receps.iter().all(|r| r.pose != p) {
            return p;
        }
    }
    // Unreachable: a box grown by 64 cells has room; a fixed fallback keeps the function total.
    Pose {
        x: x1 + 65,
        z: z1 + 65,
        rot: 0,
        horizon: 30,
    }
}

/// Composes a new room of `kind`: receptacle classes and counts from two real scenes of that
/// kind, laid out along the walls of a rectangle, with the object classes of both scenes.
fn compose(kind: RoomKind, rng: &mut ChaCha8Rng) -> Inventory {
    let same_kind: Vec<&'static scenes::SceneRow> = scenes::all_scenes()
        .iter()
        .filter(|s| s.kind() == kind)
        .collect();
    let a = same_kind[rng.random_range(0..same_kind.len())];
    let b = same_kind[rng.random_range(0..same_kind.len())];
    let count = |row: &scenes::SceneRow, class: &str| {
        row.receptacles
            .iter()
            .filter(|r| r.class() == class)
            .count()
    };
    // Receptacle classes of scene a, counts from a or b.
    let mut rclasses: Vec<&'static str> = a.receptacles.iter().map(|r| r.class()).collect();
    rclasses.sort_unstable();
    rclasses.dedup();
    let half_w: i16 = rng.random_range(6..=14);
    let half_d: i16 = rng.random_range(6..=14);
    let mut receptacles = Vec::new();
    let mut used: Vec<String> = Vec::new();
    for class in rclasses {
        let nb = count(b, class);
        let n = if nb > 0 && rng.random_bool(0.5) {
            nb
        } else {
            count(a, class)
        };
        let horizon = a
            .receptacles
            .iter()
            .find(|r| r.class() == class)
            .map_or(30, |r| r.pose[3]);
        let mut prev: Option<Pose> = None;
        for _ in 0..n {
            // Drawers, cabinets and burners often share a spot with the previous one.
            let pose = match prev {
                Some(p) if rng.random_bool(0.3) => p,
                _ => wall_pose(half_w, half_d, horizon, rng),
            };
            prev = Some(pose);
            let (fx, fz) = facing(pose.rot);
            let depth = 50 + 25 * i32::from(rng.random_range(0..3u8));
            let base = [
                i32::from(pose.x) * 25 + fx * depth,
                class_height(class) - 15,
                i32::from(pose.z) * 25 + fz * depth,
            ];
            let stem = match class {
                "SinkBasin" => "Sink",
                "BathtubBasin" => "Bathtub",
                c => c,
            };
            let mut id = fresh_id(stem, base, 20, rng, &mut used);
            if stem != class {
                id.push('|');
                id.push_str(class);
            }
            let openable = is(classes::OPENABLE, class);
            receptacles.push(Receptacle {
                id,
                class,
                pose,
                openable,
                opened: false,
            });
        }
    }
    let mut objclasses: Vec<&'static str> =
        a.classes.iter().chain(b.classes.iter()).copied().collect();
    objclasses.sort_unstable();
    objclasses.dedup();
    Inventory {
        receptacles,
        classes: objclasses,
    }
}

/// Unit step (x, z) the agent faces at rotation `rot` degrees.
fn facing(rot: i16) -> (i32, i32) {
    match rot {
        0 => (0, 1),
        90 => (1, 0),
        180 => (0, -1),
        _ => (-1, 0),
    }
}

/// A pose one to two cells from a wall, facing it.
fn wall_pose(half_w: i16, half_d: i16, horizon: i16, rng: &mut ChaCha8Rng) -> Pose {
    let inset = rng.random_range(1..=2i16);
    let along_x = rng.random_range(-half_w + 1..=half_w - 1);
    let along_z = rng.random_range(-half_d + 1..=half_d - 1);
    let (x, z, rot) = match rng.random_range(0..4u8) {
        0 => (along_x, half_d - inset, 0),
        1 => (half_w - inset, along_z, 90),
        2 => (along_x, -half_d + inset, 180),
        _ => (-half_w + inset, along_z, 270),
    };
    Pose { x, z, rot, horizon }
}

/// Typical height (hundredths of a metre) of a receptacle class's id.
fn class_height(class: &str) -> i32 {
    match class {
        "Cabinet" | "Drawer" => 50,
        "CounterTop" | "SinkBasin" | "StoveBurner" | "Toaster" | "CoffeeMachine" => 95,
        "Microwave" => 150,
        "Shelf" => 90,
        "TowelHolder" | "HandTowelHolder" => 130,
        "ToiletPaperHanger" => 85,
        _ => 15,
    }
}

#[cfg(test)]
mod coord_tests {
    use super::*;

    #[test]
    fn push_coord_is_fmt_coord() {
        for v in -20_000..20_000 {
            let mut s = String::new();
            push_coord(&mut s, v);
            assert_eq!(s, fmt_coord(v), "{v}");
        }
    }
}
