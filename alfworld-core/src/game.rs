//! The immutable loaded game: entities in PDDL-id order with ALFWorld's names, the static
//! facts, the initial state, the compiled goal, the domain's rule variants and the wording.

use crate::catalog::Props;
use crate::error::LoadError;
use crate::goals::{self, CompiledGoal, TaskType};
use crate::names::demangle;
use crate::pddl::flat::FactRef;
use crate::pddl::{self, Pos};
use crate::rules::Rules;
use crate::state::{NONE, ObjState, State};
use text_render::alfworld::Wording;

mod tw_pddl;

/// Most entities of one kind a game may have (indices are `u16`, one value is reserved).
pub const MAX_ENTITIES: usize = 4096;

/// A static receptacle (cabinet, fridge, countertop, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receptacle {
    /// Lowercased PDDL id.
    pub id: String,
    /// ALFWorld's name (`"cabinet 3"`).
    pub name: String,
    /// Location index of its `receptacleAtLocation` fact, or none.
    pub location: Option<u16>,
    /// Receptacle-type index, if it has a `receptacleType` fact.
    pub rtype: Option<u16>,
    /// `openable`.
    pub openable: bool,
}

/// An object (apple, mug, knife, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    /// Lowercased PDDL id.
    pub id: String,
    /// ALFWorld's name (`"apple 1"`).
    pub name: String,
    /// Object-type index, if it has an `objectType` fact.
    pub otype: Option<u16>,
    /// Static properties (pickupable, cleanable, …, receptacle object).
    pub props: Props,
    /// Objects inside it (`inReceptacleObject`), in id order.
    pub contents: Vec<u16>,
}

/// An entity named in a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Named {
    /// A receptacle index.
    Receptacle(u16),
    /// An object index.
    Object(u16),
}

/// A loaded ALFWorld game; immutable, shared by every [`crate::GameEnv`] that plays it.
#[derive(Clone, Debug)]
pub struct Game {
    pub(crate) dialect: Wording,
    pub(crate) rules: Rules,
    pub(crate) task_line: String,
    pub(crate) task_type: Option<TaskType>,
    pub(crate) receptacles: Vec<Receptacle>,
    pub(crate) objects: Vec<Object>,
    pub(crate) location_ids: Vec<String>,
    pub(crate) location_names: Vec<String>,
    /// Receptacles at each location, in id order.
    pub(crate) at_location: Vec<Vec<u16>>,
    pub(crate) rtypes: Vec<String>,
    pub(crate) otypes: Vec<String>,
    /// `canContain`, indexed `rtype * otypes.len() + otype`.
    pub(crate) can_contain: Vec<bool>,
    /// Every command-nameable entity, sorted by name, for parsing.
    pub(crate) by_name: Vec<(String, Named)>,
    pub(crate) agent_id: String,
    pub(crate) init: State,
    pub(crate) goal: CompiledGoal,
}

/// What kind of PDDL entity an id is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Agent,
    Location,
    Receptacle,
    Object,
    RType,
    OType,
}

fn kind_of(ty: &str) -> Option<Kind> {
    Some(match ty {
        "agent" => Kind::Agent,
        "location" => Kind::Location,
        "receptacle" => Kind::Receptacle,
        "object" => Kind::Object,
        "rtype" => Kind::RType,
        "otype" => Kind::OType,
        _ => return None,
    })
}

/// Options for [`Game::load`].
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Use this wording instead of the one detected from the grammar.
    pub dialect: Option<Wording>,
}

impl Game {
    /// Loads a `game.tw-pddl` file's text (JSON with `pddl_domain`, `grammar`, `pddl_problem`).
    pub fn from_tw_pddl(json: &str) -> Result<Game, LoadError> {
        Self::load(json, None, LoadOptions::default())
    }

    /// Loads a `game.tw-pddl` file's text with its `traj_data.json` text (for the task type)
    /// and options.
    pub fn load(json: &str, traj_data: Option<&str>, opts: LoadOptions) -> Result<Game, LoadError> {
        let tw_pddl::Fields {
            problem,
            domain,
            grammar,
        } = tw_pddl::read(json)?;
        let (problem, grammar) = (problem.as_str(), grammar.as_str());
        let traj = traj_data.map(TrajData::parse).transpose()?;
        let task_line = match task_line_from_grammar(grammar) {
            Some(t) => t,
            None => traj.as_ref().ok_or(LoadError::NoTask)?.task_line(),
        };
        let dialect = opts.dialect.unwrap_or_else(|| detect_dialect(grammar));
        let domain = domain.parse()?;
        Self::build(problem, Some(&domain), task_line, traj, dialect)
    }

    /// Loads a plain PDDL problem (ALFWorld's `initial_state.pddl` shape) with its
    /// `traj_data.json`, using ALFWorld 0.4.2's domain rules. The task sentence is the first
    /// template of the task type (ALFWorld draws one of two at random when it generates games).
    pub fn from_pddl(problem: &str, traj_data: &str, dialect: Wording) -> Result<Game, LoadError> {
        let traj = TrajData::parse(traj_data)?;
        let task_line = traj.task_line();
        Self::build(problem, None, task_line, Some(traj), dialect)
    }

    pub(crate) fn build(
        problem: &str,
        domain: Option<&pddl::Domain>,
        task_line: String,
        traj: Option<TrajData>,
        dialect: Wording,
    ) -> Result<Game, LoadError> {
        let flat = pddl::flat::Flat::parse(problem).map_err(LoadError::Problem)?;
        let p = pddl::flat::ProblemRef::read(&flat).map_err(LoadError::Problem)?;
        Self::build_problem(&p, domain, task_line, traj, dialect)
    }

    /// Builds the game of a read problem (from text, or made directly by the generator).
    pub(crate) fn build_problem(
        p: &pddl::flat::ProblemRef<'_>,
        domain: Option<&pddl::Domain>,
        task_line: String,
        traj: Option<TrajData>,
        dialect: Wording,
    ) -> Result<Game, LoadError> {
        // Lookups only (never iterated), so the map's order cannot leak into the game.
        // Id -> slot of `entries` (kind, index of its kind). Looked up once per id and fact
        // argument (never iterated, so the map's order cannot leak into the game).
        let mut kinds: IdMap<'_> =
            IdMap::with_capacity_and_hasher(p.objects.len(), Default::default());
        let mut entries: Vec<(Kind, u16)> = Vec::with_capacity(p.objects.len());
        for (name, ty, pos) in &p.objects {
            let k = kind_of(ty)
                .ok_or_else(|| LoadError::invalid(*pos, format!("unknown type \"{ty}\"")))?;
            kinds.insert(name, entries.len() as u32);
            entries.push((k, u16::MAX));
        }
        // Entities are those named by facts (as TextWorld's state sees them), sorted by id.
        let mut sorted: Vec<(&str, u32)> = Vec::with_capacity(kinds.len());
        // The slot of each fact argument, parallel to `p.args`.
        let mut arg_slots = vec![0u32; p.args.len()];
        const SEEN: u16 = u16::MAX - 1;
        for f in &p.init {
            let range = f.args.0 as usize..f.args.1 as usize;
            for (&a, at) in p.args[range.clone()].iter().zip(&mut arg_slots[range]) {
                let Some(&slot) = kinds.get(a) else {
                    return Err(LoadError::invalid(
                        f.pos,
                        format!("\"{a}\" is not declared in :objects"),
                    ));
                };
                *at = slot;
                let e = &mut entries[slot as usize];
                if e.1 != SEEN {
                    e.1 = SEEN;
                    sorted.push((a, slot));
                }
            }
        }
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let ids: Vec<&str> = sorted.iter().map(|e| e.0).collect();
        let names = demangle(&ids);
        let mut receptacles = Vec::new();
        let mut objects = Vec::new();
        let mut location_ids = Vec::new();
        let mut location_names = Vec::new();
        let mut rtypes = Vec::new();
        let mut otypes = Vec::new();
        let mut agent_id = None;
        for (&(id, slot), name) in sorted.iter().zip(names) {
            let k = entries[slot as usize].0;
            let (len, push_ok) = match k {
                Kind::Receptacle => (receptacles.len(), true),
                Kind::Object => (objects.len(), true),
                Kind::Location => (location_ids.len(), true),
                Kind::RType => (rtypes.len(), true),
                Kind::OType => (otypes.len(), true),
                Kind::Agent => (0, agent_id.is_none()),
            };
            if len >= MAX_ENTITIES {
                return Err(LoadError::invalid(
                    Pos::default(),
                    format!("more than {MAX_ENTITIES} entities of one kind"),
                ));
            }
            if !push_ok {
                return Err(LoadError::invalid(
                    Pos::default(),
                    "more than one agent is named in the facts",
                ));
            }
            entries[slot as usize].1 = len as u16;
            match k {
                Kind::Receptacle => receptacles.push(Receptacle {
                    id: id.to_string(),
                    name,
                    location: None,
                    rtype: None,
                    openable: false,
                }),
                Kind::Object => objects.push(Object {
                    id: id.to_string(),
                    name,
                    otype: None,
                    props: Props::empty(),
                    contents: Vec::new(),
                }),
                Kind::Location => {
                    location_ids.push(id.to_string());
                    location_names.push(name);
                }
                Kind::RType => rtypes.push(id.to_string()),
                Kind::OType => otypes.push(id.to_string()),
                Kind::Agent => agent_id = Some(id.to_string()),
            }
        }
        let n_o = objects.len();
        let mut init = State {
            agent_loc: NONE,
            held: NONE,
            holds_any: false,
            opened: vec![false; receptacles.len()],
            obj_in: crate::state::Rel::new(n_o),
            obj_at: crate::state::Rel::new(n_o),
            not_in: Vec::new(),
            obj_state: vec![ObjState::empty(); n_o],
        };
        let mut can_contain = vec![false; rtypes.len() * otypes.len()];
        for f in &p.init {
            apply_fact(
                f,
                p.args_of(f),
                &arg_slots[f.args.0 as usize..f.args.1 as usize],
                &entries,
                &mut receptacles,
                &mut objects,
                &mut init,
                &mut can_contain,
                otypes.len(),
            )?;
        }
        let mut at_location = vec![Vec::new(); location_ids.len()];
        for (i, r) in receptacles.iter().enumerate() {
            if let Some(l) = r.location {
                at_location[l as usize].push(i as u16);
            }
        }
        let mut by_name: Vec<(String, Named)> = receptacles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.name.clone(), Named::Receptacle(i as u16)))
            .chain(
                objects
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.name.clone(), Named::Object(i as u16))),
            )
            .collect();
        by_name.sort();
        let rules = Rules::from_domain(domain, &rtypes, &otypes);
        let mut game = Game {
            dialect,
            rules,
            task_line,
            task_type: traj.as_ref().and_then(|t| t.task_type),
            receptacles,
            objects,
            location_ids,
            location_names,
            at_location,
            rtypes,
            otypes,
            can_contain,
            by_name,
            agent_id: agent_id.unwrap_or_default(),
            init,
            goal: CompiledGoal::default(),
        };
        game.goal = goals::compile(&p.goal, &game)?;
        // Only a domain whose PutObject checks canContain makes such a goal unreachable.
        if game.rules.put_checks_can_contain
            && let Some((rt, ot)) = goals::unsatisfiable_pair(&game)
        {
            return Err(LoadError::Unsolvable {
                rtype: rt,
                otype: ot,
            });
        }
        Ok(game)
    }

    /// The wording detected from the grammar (or given when loading).
    pub fn wording(&self) -> Wording {
        self.dialect
    }

    /// The intro's last line, as the grammar has it (`"Your task is to: put a hot potato in
    /// countertop."`).
    pub fn task_line(&self) -> &str {
        &self.task_line
    }

    /// The task sentence alone (`"put a hot potato in countertop"`).
    pub fn task(&self) -> &str {
        let t = self.task_line.as_str();
        let t = t
            .strip_prefix("Your task is to: ")
            .or_else(|| t.strip_prefix("Your task is to "))
            .unwrap_or(t);
        t.strip_suffix('.').unwrap_or(t)
    }

    /// The task type from `traj_data.json`, when it was given.
    pub fn task_type(&self) -> Option<TaskType> {
        self.task_type
    }

    /// Receptacles in PDDL-id order (the order of every list ALFWorld prints).
    pub fn receptacles(&self) -> &[Receptacle] {
        &self.receptacles
    }

    /// Objects in PDDL-id order.
    pub fn objects(&self) -> &[Object] {
        &self.objects
    }

    /// Location names (`"loc 4"`) in PDDL-id order.
    pub fn location_names(&self) -> &[String] {
        &self.location_names
    }

    /// The initial state.
    pub fn initial_state(&self) -> &State {
        &self.init
    }

    /// Whether the problem lists `canContain` for receptacle type `rt` and object type `ot`.
    pub fn can_contain(&self, rt: u16, ot: u16) -> bool {
        self.can_contain
            .get(rt as usize * self.otypes.len() + ot as usize)
            .copied()
            .unwrap_or(false)
    }

    /// The name of a receptacle or object named in a command.
    pub fn name(&self, n: Named) -> &str {
        match n {
            Named::Receptacle(r) => self.receptacles.get(r as usize).map_or("", |x| &x.name),
            Named::Object(o) => self.objects.get(o as usize).map_or("", |x| &x.name),
        }
    }

    /// Looks up the receptacle or object with exactly this name.
    pub fn find(&self, name: &str) -> Option<Named> {
        self.by_name
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()
            .map(|i| self.by_name[i].1)
    }

    /// Receptacle-type index of the type id `name` (lowercase, e.g. `"fridgetype"`).
    pub fn rtype_index(&self, name: &str) -> Option<u16> {
        self.rtypes.iter().position(|t| t == name).map(|i| i as u16)
    }

    /// Object-type index of the type id `name` (lowercase, e.g. `"appletype"`).
    pub fn otype_index(&self, name: &str) -> Option<u16> {
        self.otypes.iter().position(|t| t == name).map(|i| i as u16)
    }

    pub(crate) fn rtype_name(&self, i: u16) -> &str {
        self.rtypes.get(i as usize).map_or("", String::as_str)
    }

    pub(crate) fn otype_name(&self, i: u16) -> &str {
        self.otypes.get(i as usize).map_or("", String::as_str)
    }

    pub(crate) fn n_locations(&self) -> usize {
        self.location_ids.len()
    }
}

/// PDDL id -> slot of its (kind, index of its kind), for lookups only (never iterated).
type IdMap<'a> = std::collections::HashMap<&'a str, u32, IdHash>;

/// A fast, fixed hash for ids (the multiply-rotate of rustc's `FxHasher`): ids come from the
/// game file, and a map that is only looked up cannot leak its order.
#[derive(Clone, Copy, Default)]
struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

thread_local! {
    /// The last domain text parsed on this thread with its parse: every ALFWorld game file
    /// carries the same domain, so loading a run of games parses it once.
    static LAST_DOMAIN: std::cell::RefCell<Option<(String, std::rc::Rc<pddl::Domain>)>> =
        const { std::cell::RefCell::new(None) };
}

/// Parses a domain, reusing this thread's last parse when the text is the same.
pub(crate) fn parse_domain_cached(text: &str) -> Result<std::rc::Rc<pddl::Domain>, LoadError> {
    LAST_DOMAIN.with(|cell| {
        if let Some((t, d)) = cell.borrow().as_ref()
            && t == text
        {
            return Ok(d.clone());
        }
        let d = std::rc::Rc::new(pddl::parse_domain(text).map_err(LoadError::Domain)?);
        *cell.borrow_mut() = Some((text.to_owned(), d.clone()));
        Ok(d)
    })
}

#[allow(clippy::too_many_arguments)]
fn apply_fact(
    f: &FactRef<'_>,
    args: &[&str],
    slots: &[u32],
    entries: &[(Kind, u16)],
    receptacles: &mut [Receptacle],
    objects: &mut [Object],
    st: &mut State,
    can_contain: &mut [bool],
    n_ot: usize,
) -> Result<(), LoadError> {
    let want = |sig: &[Kind]| -> Result<[u16; 2], LoadError> {
        if args.len() != sig.len() {
            return Err(LoadError::invalid(
                f.pos,
                format!("{} takes {} arguments", f.pred, sig.len()),
            ));
        }
        let mut out = [0; 2];
        for (((a, &at), k), slot) in args.iter().zip(slots).zip(sig).zip(&mut out) {
            match entries.get(at as usize) {
                Some(&(have, i)) if have == *k => *slot = i,
                _ => {
                    return Err(LoadError::invalid(
                        f.pos,
                        format!("argument \"{a}\" of {} has the wrong type", f.pred),
                    ));
                }
            }
        }
        Ok(out)
    };
    use Kind::*;
    let prop = |objects: &mut [self::Object], p: Props| -> Result<(), LoadError> {
        let a = want(&[Object])?;
        objects[a[0] as usize].props |= p;
        Ok(())
    };
    let flag = |st: &mut State, s: ObjState| -> Result<(), LoadError> {
        let a = want(&[Object])?;
        st.obj_state[a[0] as usize] |= s;
        Ok(())
    };
    let twice = |what: &str| LoadError::invalid(f.pos, format!("{what} is given twice"));
    match f.pred {
        "atlocation" => {
            let a = want(&[Agent, Location])?;
            if st.agent_loc != NONE {
                return Err(twice("the agent's location"));
            }
            st.agent_loc = a[1];
        }
        "receptacleatlocation" => {
            let a = want(&[Receptacle, Location])?;
            let r = &mut receptacles[a[0] as usize];
            if r.location.is_some() {
                return Err(twice("a receptacle's location"));
            }
            r.location = Some(a[1]);
        }
        "objectatlocation" => {
            let a = want(&[Object, Location])?;
            st.obj_at.insert(a[0], a[1]);
        }
        "openable" => {
            let a = want(&[Receptacle])?;
            receptacles[a[0] as usize].openable = true;
        }
        "opened" => {
            let a = want(&[Receptacle])?;
            st.opened[a[0] as usize] = true;
        }
        "inreceptacle" => {
            let a = want(&[Object, Receptacle])?;
            st.obj_in.insert(a[0], a[1]);
        }
        "inreceptacleobject" => {
            let a = want(&[Object, Object])?;
            let outer = &mut objects[a[1] as usize].contents;
            if !outer.contains(&a[0]) {
                outer.push(a[0]);
                outer.sort_unstable();
            }
        }
        "receptacletype" => {
            let a = want(&[Receptacle, RType])?;
            let r = &mut receptacles[a[0] as usize];
            if r.rtype.is_some() {
                return Err(twice("a receptacle's type"));
            }
            r.rtype = Some(a[1]);
        }
        "objecttype" => {
            let a = want(&[Object, OType])?;
            let o = &mut objects[a[0] as usize];
            if o.otype.is_some() {
                return Err(twice("an object's type"));
            }
            o.otype = Some(a[1]);
        }
        "cancontain" => {
            let a = want(&[RType, OType])?;
            can_contain[a[0] as usize * n_ot + a[1] as usize] = true;
        }
        "holds" => {
            let a = want(&[Agent, Object])?;
            if st.held != NONE {
                return Err(twice("the held object"));
            }
            st.held = a[1];
        }
        "holdsany" => {
            want(&[Agent])?;
            st.holds_any = true;
        }
        "isreceptacleobject" => prop(objects, Props::RECEPTACLE_OBJECT)?,
        "pickupable" => prop(objects, Props::PICKUPABLE)?,
        "cleanable" => prop(objects, Props::CLEANABLE)?,
        "heatable" => prop(objects, Props::HEATABLE)?,
        "coolable" => prop(objects, Props::COOLABLE)?,
        "toggleable" => prop(objects, Props::TOGGLEABLE)?,
        "sliceable" => prop(objects, Props::SLICEABLE)?,
        "isclean" => flag(st, ObjState::CLEAN)?,
        "ishot" => flag(st, ObjState::HOT)?,
        "iscool" => flag(st, ObjState::COOL)?,
        "ison" => flag(st, ObjState::ON)?,
        "istoggled" => flag(st, ObjState::TOGGLED)?,
        "issliced" => flag(st, ObjState::SLICED)?,
        // Bookkeeping predicates no rule reads (checked, examined, wasInReceptacle, full, …).
        _ => {}
    }
    Ok(())
}

/// Finds the wording from the grammar's `PutObject` template (`put {o} in/on {r}` is 0.3).
pub fn detect_dialect(grammar: &str) -> Wording {
    if grammar.contains("template :: \"put {o} in/on {r}\"")
        || grammar.contains("You arrive at {lend.name}.")
    {
        Wording::V03
    } else {
        Wording::V042
    }
}

/// The `rhs` of the grammar's `"task"` symbol (`"Your task is to: …"`), JSON-unescaped.
pub fn task_line_from_grammar(grammar: &str) -> Option<String> {
    let at = grammar.find("\"task\"")?;
    let rest = &grammar[at..];
    let rhs = rest.find("\"rhs\"")?;
    let rest = rest[rhs + 5..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    if !rest.starts_with('"') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return serde_json::from_str::<String>(&rest[..=i]).ok(),
            _ => i += 1,
        }
    }
    None
}

/// The parts of `traj_data.json` the engine uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrajData {
    /// The task type, when it is one of ALFWorld's six.
    pub task_type: Option<TaskType>,
    /// `pddl_params.object_target`.
    pub object_target: String,
    /// `pddl_params.parent_target`.
    pub parent_target: String,
    /// `pddl_params.toggle_target`.
    pub toggle_target: String,
}

impl TrajData {
    /// Parses `traj_data.json` text.
    pub fn parse(text: &str) -> Result<TrajData, LoadError> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| LoadError::TrajData(e.to_string()))?;
        let tt = v
            .get("task_type")
            .and_then(|x| x.as_str())
            .ok_or_else(|| LoadError::TrajData("no string \"task_type\"".into()))?;
        let param = |k: &str| -> String {
            v.get("pddl_params")
                .and_then(|p| p.get(k))
                .and_then(|x| x.as_str())
                .unwrap_or("")
                .to_string()
        };
        Ok(TrajData {
            task_type: TaskType::from_name(tt),
            object_target: param("object_target"),
            parent_target: param("parent_target"),
            toggle_target: param("toggle_target"),
        })
    }

    /// `Your task is to: {first template}.` with lowercased class names.
    pub fn task_line(&self) -> String {
        let obj = self.object_target.to_lowercase();
        let recep = self.parent_target.to_lowercase();
        let toggle = self.toggle_target.to_lowercase();
        let s = match self.task_type {
            Some(TaskType::PickAndPlaceSimple) | None => format!("put a {obj} in {recep}"),
            Some(TaskType::LookAtObjInLight) => format!("look at {obj} under the {toggle}"),
            Some(TaskType::PickCleanThenPlace) => format!("put a clean {obj} in {recep}"),
            Some(TaskType::PickHeatThenPlace) => format!("put a hot {obj} in {recep}"),
            Some(TaskType::PickCoolThenPlace) => format!("put a cool {obj} in {recep}"),
            Some(TaskType::PickTwoObjAndPlace) => format!("put two {obj} in {recep}"),
        };
        format!("Your task is to: {s}.")
    }
}
