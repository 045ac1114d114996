//! Goals: the six ALFWorld task types, and the problem's `:goal` formula compiled into a
//! small evaluator that is re-run after every step (`won` is a state, not a latch).
//!
//! Existential variables are bound one at a time and every conjunct is tested as soon as its
//! variables are bound, so the usual goals (`objectType ?o AppleType` first) prune at once.

use crate::catalog::Props;
use crate::error::LoadError;
use crate::game::Game;
use crate::pddl::{Formula, Pos, Term};
use crate::state::{NONE, ObjState, State};

mod cost;
pub use cost::MAX_GOAL_WORK;

/// ALFWorld's six task types (`AlfredTWEnv` TASK_TYPES).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TaskType {
    /// 1: put an object in a receptacle.
    PickAndPlaceSimple,
    /// 2: hold an object at a switched-on lamp.
    LookAtObjInLight,
    /// 3: clean an object, then put it in a receptacle.
    PickCleanThenPlace,
    /// 4: heat an object, then put it in a receptacle.
    PickHeatThenPlace,
    /// 5: cool an object, then put it in a receptacle.
    PickCoolThenPlace,
    /// 6: put two objects of one type in one receptacle.
    PickTwoObjAndPlace,
}

impl TaskType {
    /// All six, in ALFWorld's numbering order.
    pub const ALL: [TaskType; 6] = [
        TaskType::PickAndPlaceSimple,
        TaskType::LookAtObjInLight,
        TaskType::PickCleanThenPlace,
        TaskType::PickHeatThenPlace,
        TaskType::PickCoolThenPlace,
        TaskType::PickTwoObjAndPlace,
    ];

    /// ALFRED's name (`"pick_heat_then_place_in_recep"`).
    pub fn name(self) -> &'static str {
        match self {
            TaskType::PickAndPlaceSimple => "pick_and_place_simple",
            TaskType::LookAtObjInLight => "look_at_obj_in_light",
            TaskType::PickCleanThenPlace => "pick_clean_then_place_in_recep",
            TaskType::PickHeatThenPlace => "pick_heat_then_place_in_recep",
            TaskType::PickCoolThenPlace => "pick_cool_then_place_in_recep",
            TaskType::PickTwoObjAndPlace => "pick_two_obj_and_place",
        }
    }

    /// The task type with ALFRED's name `name`, if it is one of the six.
    pub fn from_name(name: &str) -> Option<TaskType> {
        TaskType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// A value a goal variable can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Val {
    #[default]
    Agent,
    Loc(u16),
    Rec(u16),
    Obj(u16),
    RType(u16),
    OType(u16),
    /// A constant the game does not know (matches nothing).
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dom {
    Agent,
    Loc,
    Rec,
    Obj,
    RType,
    OType,
    Empty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arg {
    Slot(u16),
    Val(Val),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pred {
    AtLocation,
    ReceptacleAtLocation,
    ObjectAtLocation,
    Openable,
    Opened,
    InReceptacle,
    InReceptacleObject,
    ReceptacleType,
    ObjectType,
    CanContain,
    Holds,
    HoldsAny,
    Prop(Props),
    Flag(ObjState),
    /// A predicate no rule sets and the problem cannot make true here.
    False,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum G {
    Const(bool),
    And(Vec<G>),
    Or(Vec<G>),
    Not(Box<G>),
    Atom(Pred, [Arg; 2]),
    Eq(Arg, Arg),
    /// Variables in slots `first..first+doms.len()`; `conj[i]` is tested once `ready[i]`
    /// variables are bound.
    Quant {
        exists: bool,
        first: u16,
        /// Per variable: the values that pass its static one-variable conjuncts.
        cands: Vec<Vec<Val>>,
        conj: Vec<G>,
        /// Per level `0..=cands.len()`: the conjuncts to test once that many variables are
        /// bound.
        at_level: Vec<Vec<u16>>,
    },
}

/// A goal compiled against one game.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledGoal {
    root: G,
    slots: usize,
    /// The `(rtype, otype)` pairs the goal requires through `inReceptacle` (for the
    /// unsolvability check).
    placements: Vec<(u16, u16)>,
}

impl Default for CompiledGoal {
    fn default() -> Self {
        CompiledGoal {
            root: G::Const(false),
            slots: 0,
            placements: Vec::new(),
        }
    }
}

impl CompiledGoal {
    /// How many variable slots evaluation needs.
    pub fn slots(&self) -> usize {
        self.slots
    }
}

struct Compiler<'g> {
    game: &'g Game,
    scope: Vec<(String, u16)>,
    next: u16,
    max: u16,
}

fn pred_of(name: &str) -> Pred {
    match name {
        "atlocation" => Pred::AtLocation,
        "receptacleatlocation" => Pred::ReceptacleAtLocation,
        "objectatlocation" => Pred::ObjectAtLocation,
        "openable" => Pred::Openable,
        "opened" => Pred::Opened,
        "inreceptacle" => Pred::InReceptacle,
        "inreceptacleobject" => Pred::InReceptacleObject,
        "receptacletype" => Pred::ReceptacleType,
        "objecttype" => Pred::ObjectType,
        "cancontain" => Pred::CanContain,
        "holds" => Pred::Holds,
        "holdsany" => Pred::HoldsAny,
        "isreceptacleobject" => Pred::Prop(Props::RECEPTACLE_OBJECT),
        "pickupable" => Pred::Prop(Props::PICKUPABLE),
        "cleanable" => Pred::Prop(Props::CLEANABLE),
        "heatable" => Pred::Prop(Props::HEATABLE),
        "coolable" => Pred::Prop(Props::COOLABLE),
        "toggleable" => Pred::Prop(Props::TOGGLEABLE),
        "sliceable" => Pred::Prop(Props::SLICEABLE),
        "isclean" => Pred::Flag(ObjState::CLEAN),
        "ishot" => Pred::Flag(ObjState::HOT),
        "iscool" => Pred::Flag(ObjState::COOL),
        "ison" => Pred::Flag(ObjState::ON),
        "istoggled" => Pred::Flag(ObjState::TOGGLED),
        "issliced" => Pred::Flag(ObjState::SLICED),
        _ => Pred::False,
    }
}

fn dom_of(ty: &str) -> Dom {
    match ty {
        "agent" => Dom::Agent,
        "location" => Dom::Loc,
        "receptacle" => Dom::Rec,
        "object" => Dom::Obj,
        "rtype" => Dom::RType,
        "otype" => Dom::OType,
        _ => Dom::Empty,
    }
}

impl Compiler<'_> {
    fn constant(&self, c: &str) -> Val {
        let g = self.game;
        if c == g.agent_id {
            return Val::Agent;
        }
        if let Some(i) = g.rtype_index(c) {
            return Val::RType(i);
        }
        if let Some(i) = g.otype_index(c) {
            return Val::OType(i);
        }
        if let Some(i) = g.receptacles.iter().position(|r| r.id == c) {
            return Val::Rec(i as u16);
        }
        if let Some(i) = g.objects.iter().position(|o| o.id == c) {
            return Val::Obj(i as u16);
        }
        if let Some(i) = g.location_ids.iter().position(|l| l == c) {
            return Val::Loc(i as u16);
        }
        Val::Unknown
    }

    fn term(&self, t: &Term, pos: Pos) -> Result<Arg, LoadError> {
        match t {
            Term::Const(c) => Ok(Arg::Val(self.constant(c))),
            Term::Var(v) => self
                .scope
                .iter()
                .rev()
                .find(|(n, _)| n == v)
                .map(|(_, s)| Arg::Slot(*s))
                .ok_or_else(|| {
                    LoadError::invalid(pos, format!("unbound variable ?{v} in the goal"))
                }),
        }
    }

    fn compile(&mut self, f: &Formula, depth: usize) -> Result<G, LoadError> {
        if depth > crate::pddl::parser::MAX_DEPTH {
            return Err(LoadError::invalid(Pos::default(), "goal nested too deeply"));
        }
        Ok(match f {
            Formula::And(v) => G::And(
                v.iter()
                    .map(|x| self.compile(x, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Formula::Or(v) => G::Or(
                v.iter()
                    .map(|x| self.compile(x, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Formula::Not(x) => G::Not(Box::new(self.compile(x, depth + 1)?)),
            Formula::Imply(a, b) => G::Or(vec![
                G::Not(Box::new(self.compile(a, depth + 1)?)),
                self.compile(b, depth + 1)?,
            ]),
            Formula::Equal(a, b) => {
                G::Eq(self.term(a, Pos::default())?, self.term(b, Pos::default())?)
            }
            Formula::Atom(p, args, pos) => {
                if args.len() > 2 {
                    return Err(LoadError::invalid(
                        *pos,
                        format!("{p} with {} arguments", args.len()),
                    ));
                }
                let mut a = [Arg::Val(Val::Unknown); 2];
                for (i, t) in args.iter().enumerate() {
                    a[i] = self.term(t, *pos)?;
                }
                G::Atom(pred_of(p), a)
            }
            Formula::Exists(vars, body) | Formula::Forall(vars, body) => {
                let exists = matches!(f, Formula::Exists(..));
                // `exists x (and A (exists y B))` is bound as one level `exists x y (and A B)`,
                // so every variable's static filters prune before any binding.
                let mut vars: Vec<(String, String)> = vars.clone();
                let mut flat: Vec<&Formula> = Vec::new();
                if exists {
                    flatten_exists(body, &mut vars, &mut flat);
                } else {
                    flat.push(body);
                }
                let first = self.next;
                let n = vars.len() as u16;
                let saved = self.scope.len();
                for (i, (name, _)) in vars.iter().enumerate() {
                    self.scope.push((name.clone(), first + i as u16));
                }
                self.next += n;
                self.max = self.max.max(self.next);
                let parts: Vec<G> = flat
                    .iter()
                    .map(|x| self.compile(x, depth + 1))
                    .collect::<Result<_, _>>()?;
                let doms: Vec<Dom> = vars.iter().map(|(_, t)| dom_of(t)).collect();
                self.scope.truncate(saved);
                let mut at_level = vec![Vec::new(); doms.len() + 1];
                for (i, g) in parts.iter().enumerate() {
                    let mut m = 0u16;
                    slots_used(g, &mut |s| {
                        if s >= first && s < first + n {
                            m = m.max(s - first + 1);
                        }
                    });
                    at_level[m as usize].push(i as u16);
                }
                let cands = doms
                    .iter()
                    .enumerate()
                    .map(|(k, &d)| {
                        let slot = first + k as u16;
                        // Static conjuncts over this variable alone narrow its domain
                        // (only under `exists`, where every conjunct must hold).
                        let filters: Vec<&G> = if exists {
                            parts.iter().filter(|g| is_static_on(g, slot)).collect()
                        } else {
                            Vec::new()
                        };
                        domain_values(self.game, d)
                            .filter(|&v| filters.iter().all(|g| static_holds(self.game, g, v)))
                            .collect()
                    })
                    .collect();
                G::Quant {
                    exists,
                    first,
                    cands,
                    conj: parts,
                    at_level,
                }
            }
        })
    }
}

/// Splits an existential body into conjuncts, lifting nested existentials' variables into
/// `vars` (unless a name would repeat, in which case the nested one stays a conjunct).
fn flatten_exists<'f>(
    f: &'f Formula,
    vars: &mut Vec<(String, String)>,
    out: &mut Vec<&'f Formula>,
) {
    match f {
        Formula::And(v) => v.iter().for_each(|x| flatten_exists(x, vars, out)),
        Formula::Exists(inner, body)
            if inner.iter().all(|(n, _)| vars.iter().all(|(m, _)| m != n)) =>
        {
            vars.extend(inner.iter().cloned());
            flatten_exists(body, vars, out);
        }
        other => out.push(other),
    }
}

/// Every value of a variable domain.
fn domain_values(game: &Game, d: Dom) -> impl Iterator<Item = Val> + '_ {
    let n = match d {
        Dom::Agent => usize::from(!game.agent_id.is_empty()),
        Dom::Loc => game.n_locations(),
        Dom::Rec => game.receptacles.len(),
        Dom::Obj => game.objects.len(),
        Dom::RType => game.rtypes.len(),
        Dom::OType => game.otypes.len(),
        Dom::Empty => 0,
    };
    (0..n).map(move |i| {
        let i = i as u16;
        match d {
            Dom::Agent => Val::Agent,
            Dom::Loc => Val::Loc(i),
            Dom::Rec => Val::Rec(i),
            Dom::Obj => Val::Obj(i),
            Dom::RType => Val::RType(i),
            Dom::OType => Val::OType(i),
            Dom::Empty => Val::Unknown,
        }
    })
}

/// A conjunct over `slot` alone whose truth no action changes.
fn is_static_on(g: &G, slot: u16) -> bool {
    match g {
        G::Atom(Pred::ObjectType | Pred::ReceptacleType, [Arg::Slot(s), Arg::Val(_)])
        | G::Atom(Pred::Prop(_) | Pred::Openable, [Arg::Slot(s), _]) => *s == slot,
        _ => false,
    }
}

/// Evaluates a static one-variable conjunct with its variable set to `v`.
fn static_holds(game: &Game, g: &G, v: Val) -> bool {
    let G::Atom(p, [_, b]) = g else { return true };
    let b = match b {
        Arg::Val(x) => *x,
        Arg::Slot(_) => Val::Unknown,
    };
    match (p, v, b) {
        (Pred::ObjectType, Val::Obj(o), Val::OType(t)) => game.objects[o as usize].otype == Some(t),
        (Pred::ReceptacleType, Val::Rec(r), Val::RType(t)) => {
            game.receptacles[r as usize].rtype == Some(t)
        }
        (Pred::Prop(f), Val::Obj(o), _) => game.objects[o as usize].props.contains(*f),
        (Pred::Openable, Val::Rec(r), _) => game.receptacles[r as usize].openable,
        _ => false,
    }
}

fn slots_used(g: &G, f: &mut dyn FnMut(u16)) {
    let mut arg = |a: &Arg| {
        if let Arg::Slot(s) = a {
            f(*s)
        }
    };
    match g {
        G::Const(_) => {}
        G::And(v) | G::Or(v) => {
            for x in v {
                slots_used(x, f);
            }
        }
        G::Not(x) => slots_used(x, f),
        G::Atom(_, a) => {
            arg(&a[0]);
            arg(&a[1]);
        }
        G::Eq(a, b) => {
            arg(a);
            arg(b);
        }
        G::Quant { conj, .. } => {
            for x in conj {
                slots_used(x, f);
            }
        }
    }
}

/// Compiles the problem's goal against `game`.
pub(crate) fn compile(f: &Formula, game: &Game) -> Result<CompiledGoal, LoadError> {
    let mut c = Compiler {
        game,
        scope: Vec::new(),
        next: 0,
        max: 0,
    };
    let root = c.compile(f, 0)?;
    cost::check(&root)?;
    let mut placements = Vec::new();
    collect_placements(&root, &mut placements);
    Ok(CompiledGoal {
        root,
        slots: c.max as usize,
        placements,
    })
}

/// Within each existential conjunction: `inReceptacle ?o ?r` with `objectType ?o OT` and
/// `receptacleType ?r RT` (also through nested existentials).
fn collect_placements(g: &G, out: &mut Vec<(u16, u16)>) {
    fn atoms<'a>(g: &'a G, acc: &mut Vec<&'a G>) {
        match g {
            G::Atom(..) => acc.push(g),
            G::And(v) => v.iter().for_each(|x| atoms(x, acc)),
            G::Quant {
                exists: true, conj, ..
            } => conj.iter().for_each(|x| atoms(x, acc)),
            _ => {}
        }
    }
    match g {
        G::Quant { exists: true, .. } => {
            let mut acc = Vec::new();
            atoms(g, &mut acc);
            for a in &acc {
                if let G::Atom(Pred::InReceptacle, [Arg::Slot(o), Arg::Slot(r)]) = a {
                    let ot = acc.iter().find_map(|x| match x {
                        G::Atom(Pred::ObjectType, [Arg::Slot(s), Arg::Val(Val::OType(t))])
                            if s == o =>
                        {
                            Some(*t)
                        }
                        _ => None,
                    });
                    let rt = acc.iter().find_map(|x| match x {
                        G::Atom(Pred::ReceptacleType, [Arg::Slot(s), Arg::Val(Val::RType(t))])
                            if s == r =>
                        {
                            Some(*t)
                        }
                        _ => None,
                    });
                    if let (Some(ot), Some(rt)) = (ot, rt) {
                        out.push((rt, ot));
                    }
                }
            }
        }
        G::And(v) => v.iter().for_each(|x| collect_placements(x, out)),
        _ => {}
    }
}

/// A `(rtype, otype)` placement the goal needs that `canContain` forbids and that does not
/// already hold at the start: ALFWorld cannot load such a game.
pub(crate) fn unsatisfiable_pair(game: &Game) -> Option<(String, String)> {
    for &(rt, ot) in &game.goal.placements {
        if game.can_contain(rt, ot) {
            continue;
        }
        let already =
            game.objects.iter().enumerate().any(|(i, o)| {
                o.otype == Some(ot)
                    && game.receptacles.iter().enumerate().any(|(r, rec)| {
                        rec.rtype == Some(rt) && game.init.is_in(i as u16, r as u16)
                    })
            });
        if !already {
            return Some((
                game.rtype_name(rt).to_string(),
                game.otype_name(ot).to_string(),
            ));
        }
    }
    None
}

struct Eval<'a> {
    game: &'a Game,
    st: &'a State,
    bind: &'a mut [Val],
}

impl Eval<'_> {
    fn val(&self, a: Arg) -> Val {
        match a {
            Arg::Val(v) => v,
            Arg::Slot(s) => self.bind.get(s as usize).copied().unwrap_or(Val::Unknown),
        }
    }

    fn atom(&self, p: Pred, a: [Arg; 2]) -> bool {
        let g = self.game;
        let st = self.st;
        let (x, y) = (self.val(a[0]), self.val(a[1]));
        match (p, x, y) {
            (Pred::AtLocation, Val::Agent, Val::Loc(l)) => st.agent_loc == l,
            (Pred::ReceptacleAtLocation, Val::Rec(r), Val::Loc(l)) => {
                g.receptacles[r as usize].location == Some(l)
            }
            (Pred::ObjectAtLocation, Val::Obj(o), Val::Loc(l)) => st.obj_at.contains(o, l),
            (Pred::Openable, Val::Rec(r), _) => g.receptacles[r as usize].openable,
            (Pred::Opened, Val::Rec(r), _) => st.opened[r as usize],
            (Pred::InReceptacle, Val::Obj(o), Val::Rec(r)) => st.obj_in.contains(o, r),
            (Pred::InReceptacleObject, Val::Obj(i), Val::Obj(o)) => {
                g.objects[o as usize].contents.contains(&i)
            }
            (Pred::ReceptacleType, Val::Rec(r), Val::RType(t)) => {
                g.receptacles[r as usize].rtype == Some(t)
            }
            (Pred::ObjectType, Val::Obj(o), Val::OType(t)) => {
                g.objects[o as usize].otype == Some(t)
            }
            (Pred::CanContain, Val::RType(r), Val::OType(o)) => g.can_contain(r, o),
            (Pred::Holds, Val::Agent, Val::Obj(o)) => st.held == o && o != NONE,
            (Pred::HoldsAny, Val::Agent, _) => st.holds_any,
            (Pred::Prop(f), Val::Obj(o), _) => g.objects[o as usize].props.contains(f),
            (Pred::Flag(f), Val::Obj(o), _) => st.obj_state[o as usize].contains(f),
            _ => false,
        }
    }

    fn eval(&mut self, g: &G) -> bool {
        match g {
            G::Const(b) => *b,
            G::And(v) => v.iter().all(|x| self.eval(x)),
            G::Or(v) => v.iter().any(|x| self.eval(x)),
            G::Not(x) => !self.eval(x),
            G::Atom(p, a) => self.atom(*p, *a),
            G::Eq(a, b) => self.val(*a) == self.val(*b),
            G::Quant {
                exists,
                first,
                cands,
                conj,
                at_level,
            } => {
                // Conjuncts that need none of this level's variables.
                for &i in &at_level[0] {
                    if !self.eval(&conj[i as usize]) {
                        return false;
                    }
                }
                self.bind_level(*exists, *first, cands, conj, at_level, 0)
            }
        }
    }

    fn bind_level(
        &mut self,
        exists: bool,
        first: u16,
        cands: &[Vec<Val>],
        conj: &[G],
        at_level: &[Vec<u16>],
        k: usize,
    ) -> bool {
        if k == cands.len() {
            return true;
        }
        let slot = first as usize + k;
        for &v in &cands[k] {
            if let Some(b) = self.bind.get_mut(slot) {
                *b = v;
            }
            let ok = at_level[k + 1]
                .iter()
                .all(|&i| self.eval(&conj[i as usize]));
            // exists: keep looking on failure; forall: a failing body is a counterexample.
            if exists {
                if ok && self.bind_level(exists, first, cands, conj, at_level, k + 1) {
                    return true;
                }
            } else if !ok || !self.bind_level(exists, first, cands, conj, at_level, k + 1) {
                return false;
            }
        }
        !exists
    }
}

/// Evaluates the goal in `st`; `bind` is scratch space of at least `goal.slots()` values.
pub(crate) fn evaluate(game: &Game, st: &State, bind: &mut [Val]) -> bool {
    let mut e = Eval { game, st, bind };
    e.eval(&game.goal.root)
}

/// An argument of a [`GoalAtom`]: a goal variable or a constant of the game.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AtomArg {
    /// A goal variable (its slot).
    Var(u16),
    /// The agent.
    Agent,
    /// A receptacle type.
    RType(u16),
    /// An object type.
    OType(u16),
    /// A receptacle constant.
    Rec(u16),
    /// An object constant.
    Obj(u16),
    /// Anything else (a location constant, an unknown name, no argument).
    Other,
}

/// What a [`GoalAtom`] states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AtomPred {
    AtLocation,
    ReceptacleAtLocation,
    InReceptacle,
    ReceptacleType,
    ObjectType,
    Holds,
    Prop(Props),
    Flag(ObjState),
    /// `(not (= a b))`
    Distinct,
    /// Any other predicate (the expert cannot plan for it).
    Other,
}

/// One positive conjunct of a purely existential-conjunctive goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct GoalAtom {
    pub(crate) pred: AtomPred,
    pub(crate) args: [AtomArg; 2],
}

/// The goal as a flat list of conjuncts when it is a conjunction of (nested) existentials over
/// atoms and `(not (= ?a ?b))` (the shape of every ALFWorld goal); `None` for any other shape.
pub(crate) fn goal_atoms(game: &Game) -> Option<Vec<GoalAtom>> {
    fn arg(a: &Arg) -> AtomArg {
        match a {
            Arg::Slot(s) => AtomArg::Var(*s),
            Arg::Val(Val::Agent) => AtomArg::Agent,
            Arg::Val(Val::RType(t)) => AtomArg::RType(*t),
            Arg::Val(Val::OType(t)) => AtomArg::OType(*t),
            Arg::Val(Val::Rec(r)) => AtomArg::Rec(*r),
            Arg::Val(Val::Obj(o)) => AtomArg::Obj(*o),
            Arg::Val(_) => AtomArg::Other,
        }
    }
    fn walk(g: &G, out: &mut Vec<GoalAtom>) -> Option<()> {
        match g {
            G::Const(true) => Some(()),
            G::And(v) => v.iter().try_for_each(|x| walk(x, out)),
            G::Quant {
                exists: true, conj, ..
            } => conj.iter().try_for_each(|x| walk(x, out)),
            G::Not(x) => match &**x {
                G::Eq(a, b) => {
                    out.push(GoalAtom {
                        pred: AtomPred::Distinct,
                        args: [arg(a), arg(b)],
                    });
                    Some(())
                }
                _ => None,
            },
            G::Atom(p, a) => {
                let pred = match p {
                    Pred::AtLocation => AtomPred::AtLocation,
                    Pred::ReceptacleAtLocation => AtomPred::ReceptacleAtLocation,
                    Pred::InReceptacle => AtomPred::InReceptacle,
                    Pred::ReceptacleType => AtomPred::ReceptacleType,
                    Pred::ObjectType => AtomPred::ObjectType,
                    Pred::Holds => AtomPred::Holds,
                    Pred::Prop(f) => AtomPred::Prop(*f),
                    Pred::Flag(f) => AtomPred::Flag(*f),
                    _ => AtomPred::Other,
                };
                out.push(GoalAtom {
                    pred,
                    args: [arg(&a[0]), arg(&a[1])],
                });
                Some(())
            }
            _ => None,
        }
    }
    let mut out = Vec::new();
    walk(&game.goal.root, &mut out)?;
    Some(out)
}
