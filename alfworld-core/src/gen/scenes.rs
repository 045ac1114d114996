//! The embedded table of the 120 ALFRED scenes (AI2-THOR FloorPlans) and ALFWorld's scene split.
//!
//! Each scene lists its receptacle instances with their THOR ids (`Cabinet|+00.68|+00.50|-02.20`,
//! sink basins `Sink|…|SinkBasin`) and the agent's interaction pose, as in ALFWorld's
//! `alfworld/gen/layouts/FloorPlanN-openable.json`, plus the classes of
//! `FloorPlanN-objects.json`. Receptacle classes a scene names only by class (stove burners,
//! garbage cans, towel holders, …) have synthesised instances of the same shape (see
//! `data/gen_scenes.py`). Data: ALFRED / ALFWorld, MIT licence.

use std::fmt;

#[path = "scenes_data.rs"]
mod data;

/// The four ALFRED room kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoomKind {
    /// FloorPlans 1-30.
    Kitchen,
    /// FloorPlans 201-230.
    LivingRoom,
    /// FloorPlans 301-330.
    Bedroom,
    /// FloorPlans 401-430.
    Bathroom,
}

impl RoomKind {
    /// All kinds, in scene-number order.
    pub const ALL: [RoomKind; 4] = [
        RoomKind::Kitchen,
        RoomKind::LivingRoom,
        RoomKind::Bedroom,
        RoomKind::Bathroom,
    ];

    /// The kind of an ALFRED scene number, if it is one of the 120.
    pub fn of_scene(number: u16) -> Option<RoomKind> {
        match number {
            1..=30 => Some(RoomKind::Kitchen),
            201..=230 => Some(RoomKind::LivingRoom),
            301..=330 => Some(RoomKind::Bedroom),
            401..=430 => Some(RoomKind::Bathroom),
            _ => None,
        }
    }

    /// ALFRED's name (`constants.SCENE_TYPE`): `Kitchen`, `LivingRoom`, `Bedroom`, `Bathroom`.
    pub fn name(self) -> &'static str {
        match self {
            RoomKind::Kitchen => "Kitchen",
            RoomKind::LivingRoom => "LivingRoom",
            RoomKind::Bedroom => "Bedroom",
            RoomKind::Bathroom => "Bathroom",
        }
    }

    /// Parses a kind from ALFRED's name, case-insensitively (`kitchen`, `livingroom`, ...).
    pub fn parse(s: &str) -> Option<RoomKind> {
        RoomKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s))
    }

    /// The scene numbers of this kind are `base + 1 ..= base + 30`.
    pub fn scene_base(self) -> u16 {
        match self {
            RoomKind::Kitchen => 0,
            RoomKind::LivingRoom => 200,
            RoomKind::Bedroom => 300,
            RoomKind::Bathroom => 400,
        }
    }

    /// Index 0..4 in [`RoomKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for RoomKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An interaction pose: grid x and z (units of 0.25 m), rotation in degrees (0, 90, 180, 270)
/// and camera horizon in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pose {
    /// Grid x (0.25 m units).
    pub x: i16,
    /// Grid z (0.25 m units).
    pub z: i16,
    /// Rotation in degrees.
    pub rot: i16,
    /// Camera horizon in degrees.
    pub horizon: i16,
}

impl Pose {
    /// ALFWorld's location name before mangling: `loc|X|Z|ROT/90|HORIZON`.
    pub fn loc_name(&self) -> String {
        format!(
            "loc|{}|{}|{}|{}",
            self.x,
            self.z,
            self.rot / 90,
            self.horizon
        )
    }
}

/// One receptacle instance of a scene row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecepRow {
    /// THOR id, e.g. `Cabinet|+00.68|+00.50|-02.20`.
    pub id: &'static str,
    /// `[grid x, grid z, rotation, horizon]`.
    pub pose: [i16; 4],
    /// True when the instance comes from the scene's openable file; false when synthesised.
    pub listed: bool,
}

impl RecepRow {
    /// The receptacle class: the id's first field, or `SinkBasin`/`BathtubBasin` for basins.
    pub fn class(&self) -> &'static str {
        recep_class(self.id)
    }

    /// The interaction pose.
    pub fn pose(&self) -> Pose {
        Pose {
            x: self.pose[0],
            z: self.pose[1],
            rot: self.pose[2],
            horizon: self.pose[3],
        }
    }
}

/// The class of a receptacle id (`Sink|…|SinkBasin` -> `SinkBasin`).
pub fn recep_class(id: &str) -> &str {
    let mut parts = id.split('|');
    let first = parts.next().unwrap_or(id);
    match id.rsplit('|').next() {
        Some(last) if last.ends_with("Basin") && last != first => last,
        _ => first,
    }
}

pub(super) const fn l(id: &'static str, pose: [i16; 4]) -> RecepRow {
    RecepRow {
        id,
        pose,
        listed: true,
    }
}

pub(super) const fn s(id: &'static str, pose: [i16; 4]) -> RecepRow {
    RecepRow {
        id,
        pose,
        listed: false,
    }
}

/// One ALFRED scene: its number, receptacle instances and the classes present.
#[derive(Clone, Copy, Debug)]
pub struct SceneRow {
    /// FloorPlan number (1-30, 201-230, 301-330, 401-430).
    pub number: u16,
    /// Receptacle instances (listed ones sorted by id, then synthesised ones).
    pub receptacles: &'static [RecepRow],
    /// Every class of the scene's objects file, sorted (objects, receptacles, scenery).
    pub classes: &'static [&'static str],
}

impl SceneRow {
    /// The room kind.
    pub fn kind(&self) -> RoomKind {
        RoomKind::of_scene(self.number).unwrap_or(RoomKind::Kitchen)
    }

    /// Whether the scene's objects file names `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.classes.binary_search(&class).is_ok()
    }
}

/// All 120 scenes, in scene-number order.
pub fn all_scenes() -> &'static [SceneRow] {
    &data::SCENES
}

/// The scene with this FloorPlan number.
pub fn scene(number: u16) -> Option<&'static SceneRow> {
    data::SCENES
        .binary_search_by_key(&number, |s| s.number)
        .ok()
        .map(|i| &data::SCENES[i])
}

/// Whether a scene number is one of ALFWorld's train scenes (7-30, 207-230, 307-330, 407-430).
pub fn is_train_scene(number: u16) -> bool {
    RoomKind::of_scene(number).is_some() && number % 100 >= 7
}

/// Train scenes of a kind, ascending.
pub fn train_scenes(kind: RoomKind) -> impl Iterator<Item = u16> {
    let base = kind.scene_base();
    (7..=30).map(move |n| base + n)
}

/// Unseen (valid_unseen) scenes of a kind, ascending.
pub fn unseen_scenes(kind: RoomKind) -> impl Iterator<Item = u16> {
    let base = kind.scene_base();
    (1..=6).map(move |n| base + n)
}
