//! ALFWorld's PDDL actions as Rust: which commands apply in a state, their effects, and
//! their feedback text.
//!
//! The rules follow `alfred.pddl` (0.4.2) with the engine's observed quirks: `go to` a
//! receptacle at the current location is not offered, `examine` an object only works for the
//! held one, heat/cool/clean ignore closed doors, `use` sets a sticky `isToggled`. A game's
//! own domain can differ in a few places (TextWorld's older test domain: `open` only when
//! every receptacle is closed, `put` without `canContain`, `use` by object location, no
//! `help`); [`Rules::from_domain`] reads those variants from the domain text.

use crate::commands::Command;
use crate::game::Game;
use crate::pddl::{Domain, SExpr};
use crate::state::{NONE, ObjState, State};
use text_render::alfworld::{self as words, ObjectLook, ReceptacleView, Toggle, Wording};

use crate::catalog::Props;

/// The action set of a game's domain and its variant rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    /// `help` exists (0.4.x domains).
    pub help: bool,
    /// `look` exists.
    pub look: bool,
    /// `inventory` exists.
    pub inventory: bool,
    /// `examineReceptacle` exists.
    pub examine_receptacle: bool,
    /// `examineObject` exists.
    pub examine_object: bool,
    /// `GotoLocation` exists.
    pub goto: bool,
    /// `OpenObject` exists.
    pub open: bool,
    /// `CloseObject` exists.
    pub close: bool,
    /// `PickupObject` exists.
    pub take: bool,
    /// `PutObject` exists.
    pub put: bool,
    /// `OpenObject` needs every receptacle closed (TextWorld's older test domain).
    pub open_needs_all_closed: bool,
    /// `PutObject` checks `canContain`.
    pub put_checks_can_contain: bool,
    /// Receptacle types that clean (`SinkBasinType`); empty when there is no `CleanObject`.
    pub clean_rtypes: Vec<u16>,
    /// Receptacle types that heat (`MicrowaveType`).
    pub heat_rtypes: Vec<u16>,
    /// Receptacle types that cool (`FridgeType`).
    pub cool_rtypes: Vec<u16>,
    /// Object types that slice (`KnifeType`, `ButterKnifeType`).
    pub knife_otypes: Vec<u16>,
    /// `SliceObject` exists.
    pub slice: bool,
    /// `ToggleObject` exists.
    pub toggle: bool,
    /// `ToggleObject` needs the object in a receptacle at the agent's location (0.4.2);
    /// otherwise the object's own location is used (older domain).
    pub toggle_by_receptacle: bool,
}

fn type_index(names: &[String], want: &str) -> Option<u16> {
    names.iter().position(|n| n == want).map(|i| i as u16)
}

/// Constants `C` of atoms `(pred ?var C)` inside `e`.
fn constants_of(e: Option<&SExpr>, pred: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = e {
        e.walk(&mut |x| {
            if let Some(items) = x.list()
                && items.len() == 3
                && items[0].atom() == Some(pred)
                && let Some(c) = items[2].atom()
                && !c.starts_with('?')
            {
                out.push(c.to_string());
            }
        });
    }
    out
}

fn mentions(e: Option<&SExpr>, what: &str) -> bool {
    let mut found = false;
    if let Some(e) = e {
        e.walk(&mut |x| found |= x.atom() == Some(what));
    }
    found
}

impl Rules {
    /// Reads the rules from a game's domain (`None`: ALFWorld 0.4.2's domain).
    pub fn from_domain(domain: Option<&Domain>, rtypes: &[String], otypes: &[String]) -> Rules {
        let idx = |names: &[String], list: &[String]| -> Vec<u16> {
            list.iter().filter_map(|c| type_index(names, c)).collect()
        };
        let Some(d) = domain else {
            let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
            return Rules {
                help: true,
                look: true,
                inventory: true,
                examine_receptacle: true,
                examine_object: true,
                goto: true,
                open: true,
                close: true,
                take: true,
                put: true,
                open_needs_all_closed: false,
                put_checks_can_contain: true,
                clean_rtypes: idx(rtypes, &s(&["sinkbasintype"])),
                heat_rtypes: idx(rtypes, &s(&["microwavetype"])),
                cool_rtypes: idx(rtypes, &s(&["fridgetype"])),
                knife_otypes: idx(otypes, &s(&["knifetype", "butterknifetype"])),
                slice: true,
                toggle: true,
                toggle_by_receptacle: true,
            };
        };
        let pre = |name: &str| d.action(name).and_then(|a| a.precondition.as_ref());
        let has = |name: &str| d.action(name).is_some();
        let types_for = |name: &str, pred: &str, names: &[String]| -> Vec<u16> {
            if has(name) {
                idx(names, &constants_of(pre(name), pred))
            } else {
                Vec::new()
            }
        };
        Rules {
            help: has("help"),
            look: has("look"),
            inventory: has("inventory"),
            examine_receptacle: has("examinereceptacle"),
            examine_object: has("examineobject"),
            goto: has("gotolocation"),
            open: has("openobject"),
            close: has("closeobject"),
            take: has("pickupobject"),
            put: has("putobject"),
            open_needs_all_closed: mentions(pre("openobject"), "forall"),
            put_checks_can_contain: mentions(pre("putobject"), "cancontain"),
            clean_rtypes: types_for("cleanobject", "receptacletype", rtypes),
            heat_rtypes: types_for("heatobject", "receptacletype", rtypes),
            cool_rtypes: types_for("coolobject", "receptacletype", rtypes),
            knife_otypes: types_for("sliceobject", "objecttype", otypes),
            slice: has("sliceobject"),
            toggle: has("toggleobject"),
            toggle_by_receptacle: d
                .action("toggleobject")
                .is_some_and(|a| a.params.iter().any(|(_, t)| t == "receptacle")),
        }
    }
}

/// Whether receptacle `r` stands at the agent's location.
fn here(game: &Game, st: &State, r: u16) -> bool {
    st.agent_loc != NONE && game.receptacles[r as usize].location == Some(st.agent_loc)
}

fn accessible(game: &Game, st: &State, r: u16) -> bool {
    !game.receptacles[r as usize].openable || st.opened[r as usize]
}

fn has_rtype(game: &Game, r: u16, list: &[u16]) -> bool {
    game.receptacles[r as usize]
        .rtype
        .is_some_and(|t| list.contains(&t))
}

fn holds(st: &State, o: u16) -> bool {
    st.held == o && o != NONE
}

/// Whether `cmd` is admissible in `st` (an operator with that text is applicable).
pub fn applicable(game: &Game, st: &State, cmd: Command) -> bool {
    let rules = &game.rules;
    let nr = game.receptacles.len() as u16;
    let no = game.objects.len() as u16;
    let props = |o: u16| game.objects[o as usize].props;
    match cmd {
        Command::Look => rules.look && st.agent_loc != NONE,
        Command::Inventory => rules.inventory,
        Command::Help => rules.help,
        Command::GoTo(r) => {
            r < nr
                && rules.goto
                && st.agent_loc != NONE
                && game.receptacles[r as usize]
                    .location
                    .is_some_and(|l| l != st.agent_loc)
        }
        Command::Open(r) => {
            r < nr
                && rules.open
                && game.receptacles[r as usize].openable
                && here(game, st, r)
                && !st.opened[r as usize]
                && (!rules.open_needs_all_closed || !st.opened.iter().any(|&x| x))
        }
        Command::Close(r) => {
            r < nr
                && rules.close
                && game.receptacles[r as usize].openable
                && here(game, st, r)
                && st.opened[r as usize]
        }
        Command::Take(o, r) => {
            o < no
                && r < nr
                && rules.take
                && props(o).contains(Props::PICKUPABLE)
                && here(game, st, r)
                && st.obj_in.contains(o, r)
                && !st.holds_any
                && accessible(game, st, r)
        }
        Command::Put(o, r) => {
            o < no
                && r < nr
                && rules.put
                && holds(st, o)
                && here(game, st, r)
                && accessible(game, st, r)
                && match (
                    game.objects[o as usize].otype,
                    game.receptacles[r as usize].rtype,
                ) {
                    (Some(ot), Some(rt)) => {
                        !rules.put_checks_can_contain || game.can_contain(rt, ot)
                    }
                    _ => false,
                }
        }
        Command::Heat(o, r) => {
            o < no
                && r < nr
                && props(o).contains(Props::HEATABLE)
                && has_rtype(game, r, &rules.heat_rtypes)
                && here(game, st, r)
                && holds(st, o)
        }
        Command::Cool(o, r) => {
            o < no
                && r < nr
                && props(o).contains(Props::COOLABLE)
                && has_rtype(game, r, &rules.cool_rtypes)
                && here(game, st, r)
                && holds(st, o)
        }
        Command::Clean(o, r) => {
            o < no
                && r < nr
                && props(o).contains(Props::CLEANABLE)
                && has_rtype(game, r, &rules.clean_rtypes)
                && here(game, st, r)
                && holds(st, o)
        }
        Command::Slice(co, ko) => {
            co < no
                && ko < no
                && rules.slice
                && props(co).contains(Props::SLICEABLE)
                && game.objects[ko as usize]
                    .otype
                    .is_some_and(|t| rules.knife_otypes.contains(&t))
                && st.agent_loc != NONE
                && st.obj_at.contains(co, st.agent_loc)
                && holds(st, ko)
        }
        Command::Use(o) => {
            o < no
                && rules.toggle
                && props(o).contains(Props::TOGGLEABLE)
                && st.agent_loc != NONE
                && if rules.toggle_by_receptacle {
                    let mut found = false;
                    st.obj_in.each(o, |r| found |= here(game, st, r));
                    found
                } else {
                    st.obj_at.contains(o, st.agent_loc)
                }
        }
        Command::ExamineReceptacle(r) => r < nr && rules.examine_receptacle && here(game, st, r),
        Command::ExamineObject(o) => o < no && rules.examine_object && holds(st, o),
    }
}

/// Appends every admissible command to `out` (unsorted, possibly with repeats).
pub fn candidates(game: &Game, st: &State, out: &mut Vec<Command>) {
    let mut push = |c: Command| {
        if applicable(game, st, c) {
            out.push(c);
        }
    };
    push(Command::Look);
    push(Command::Inventory);
    push(Command::Help);
    let held = st.held;
    for r in 0..game.receptacles.len() as u16 {
        if !here(game, st, r) {
            push(Command::GoTo(r));
            continue;
        }
        push(Command::ExamineReceptacle(r));
        push(Command::Open(r));
        push(Command::Close(r));
        if held != NONE {
            push(Command::Put(held, r));
            push(Command::Heat(held, r));
            push(Command::Cool(held, r));
            push(Command::Clean(held, r));
        }
    }
    for o in 0..game.objects.len() as u16 {
        st.obj_in.each(o, |r| {
            if here(game, st, r) {
                push(Command::Take(o, r));
            }
        });
        push(Command::Use(o));
        if held != NONE && st.obj_at.contains(o, st.agent_loc) {
            push(Command::Slice(o, held));
        }
    }
    if held != NONE {
        push(Command::ExamineObject(held));
    }
}

/// The objects in receptacle `r`, in id order.
fn contents<'g>(game: &'g Game, st: &'g State, r: u16) -> impl Iterator<Item = &'g str> + 'g {
    game.objects
        .iter()
        .enumerate()
        .filter(move |(i, _)| st.obj_in.contains(*i as u16, r))
        .map(|(_, o)| o.name.as_str())
}

/// Appends the description of receptacle `r` (`examine`, and the tail of `go to` / `open`).
pub fn describe_receptacle(game: &Game, st: &State, r: u16, out: &mut String) {
    let rec = &game.receptacles[r as usize];
    let view = match (rec.openable, st.opened[r as usize]) {
        (true, true) => ReceptacleView::Open,
        (true, false) => ReceptacleView::Closed,
        (false, _) => ReceptacleView::Surface,
    };
    words::examine_receptacle(out, &rec.name, view, contents(game, st, r));
}

/// Appends what `look` says (and the intro's middle when `intro`).
///
/// At a receptacle's location, "Next to it" lists `alfred.twl2`'s `list_objects_on_the_floor`:
/// one entry per pair (object `o` at the agent's location, receptacle `r` at that location)
/// with TextWorld's kept negated fact "`o` not in `r`", by object id (an object taken from two
/// receptacles here and put into a third is listed twice).
pub fn describe_look(game: &Game, st: &State, intro: bool, out: &mut String) {
    let at: &[u16] = if st.agent_loc == NONE {
        &[]
    } else {
        &game.at_location[st.agent_loc as usize]
    };
    if !at.is_empty() {
        let l = st.agent_loc;
        let next_to = st
            .not_in
            .iter()
            .filter(move |&&(o, r)| st.obj_at.contains(o, l) && at.contains(&r))
            .map(|&(o, _)| game.objects[o as usize].name.as_str());
        words::look_facing(
            out,
            at.iter()
                .map(|&r| game.receptacles[r as usize].name.as_str()),
            next_to,
        );
    } else if intro {
        words::look_middle(out, game.receptacles.iter().map(|r| r.name.as_str()));
    } else {
        words::look_middle(out, [""; 0]);
    }
}

/// Applies an admissible command to `st` and appends its feedback to `out`.
pub fn apply(game: &Game, dialect: Wording, st: &mut State, cmd: Command, out: &mut String) {
    let rname = |r: u16| game.receptacles[r as usize].name.as_str();
    let oname = |o: u16| game.objects[o as usize].name.as_str();
    match cmd {
        Command::Look => describe_look(game, st, false, out),
        Command::Inventory => {
            let held = (st.holds_any && st.held != NONE).then(|| oname(st.held));
            words::inventory(out, held);
        }
        Command::Help => out.push_str(words::HELP),
        Command::GoTo(r) => {
            let l = game.receptacles[r as usize].location.unwrap_or(NONE);
            st.agent_loc = l;
            let lname = game
                .location_names
                .get(l as usize)
                .map_or("", String::as_str);
            words::arrive(out, dialect, rname(r), lname);
            describe_receptacle(game, st, r, out);
        }
        Command::Open(r) => {
            st.opened[r as usize] = true;
            words::open(out, rname(r));
            describe_receptacle(game, st, r, out);
        }
        Command::Close(r) => {
            st.opened[r as usize] = false;
            words::close(out, rname(r));
        }
        Command::Take(o, r) => {
            st.obj_in.remove(o, r);
            st.held = o;
            st.holds_any = true;
            st.obj_at.remove(o, st.agent_loc);
            st.add_not_in(o, r);
            words::take(out, oname(o), rname(r));
        }
        Command::Put(o, r) => {
            st.obj_in.insert(o, r);
            st.remove_not_in(o, r);
            st.obj_at.insert(o, st.agent_loc);
            st.held = NONE;
            st.holds_any = false;
            words::put(out, dialect, oname(o), rname(r));
        }
        Command::Heat(o, r) => {
            let s = &mut st.obj_state[o as usize];
            s.insert(ObjState::HOT);
            s.remove(ObjState::COOL);
            words::heat(out, oname(o), rname(r));
        }
        Command::Cool(o, r) => {
            let s = &mut st.obj_state[o as usize];
            s.insert(ObjState::COOL);
            s.remove(ObjState::HOT);
            words::cool(out, oname(o), rname(r));
        }
        Command::Clean(o, r) => {
            st.obj_state[o as usize].insert(ObjState::CLEAN);
            words::clean(out, oname(o), rname(r));
        }
        Command::Slice(co, ko) => {
            st.obj_state[co as usize].insert(ObjState::SLICED);
            words::slice(out, oname(co), oname(ko));
        }
        Command::Use(o) => {
            let s = &mut st.obj_state[o as usize];
            s.toggle(ObjState::ON);
            s.insert(ObjState::TOGGLED);
            let t = if !game.objects[o as usize].props.contains(Props::TOGGLEABLE) {
                Toggle::NoSwitch
            } else if s.contains(ObjState::TOGGLED) {
                Toggle::On
            } else {
                Toggle::Off
            };
            words::toggle(out, oname(o), t);
        }
        Command::ExamineReceptacle(r) => describe_receptacle(game, st, r, out),
        Command::ExamineObject(o) => {
            let obj = &game.objects[o as usize];
            if obj.props.contains(Props::RECEPTACLE_OBJECT) {
                words::examine_receptacle_object(
                    out,
                    &obj.name,
                    obj.contents.iter().map(|&i| oname(i)),
                );
            } else {
                let s = st.obj_state[o as usize];
                let look = ObjectLook::of(
                    s.contains(ObjState::HOT),
                    s.contains(ObjState::COOL),
                    s.contains(ObjState::CLEAN),
                    s.contains(ObjState::SLICED),
                    obj.props.contains(Props::TOGGLEABLE) && s.contains(ObjState::TOGGLED),
                    obj.props.contains(Props::SLICEABLE) && s.contains(ObjState::SLICED),
                );
                words::examine_object(out, &obj.name, look);
            }
        }
    }
}
