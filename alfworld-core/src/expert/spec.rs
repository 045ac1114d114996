//! What a game's goal asks for, read from its compiled `:goal`.

use crate::catalog::Props;
use crate::game::Game;
use crate::goals::{AtomArg, AtomPred, GoalAtom, goal_atoms};
use crate::state::ObjState;
use std::fmt;

/// The task a goal states, in the terms an expert plans with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalSpec {
    /// `count` distinct objects of type `otype` (with static properties `props` and state
    /// `flags`, e.g. heatable and hot) in one receptacle of type `rtype` (pick-and-place,
    /// clean/heat/cool-then-place, pick-two).
    Place {
        /// Object type index.
        otype: u16,
        /// Receptacle type index.
        rtype: u16,
        /// 1, or 2 for pick-two.
        count: u8,
        /// Static properties the object must have.
        props: Props,
        /// State facts the object must have (`HOT`, `COOL`, `CLEAN`, `SLICED`).
        flags: ObjState,
    },
    /// Hold an object of type `otype` at the location of a receptacle holding a switched-on
    /// (`isToggled`) object of type `lamp` (look-at-in-light).
    Light {
        /// Type index of the object to hold.
        otype: u16,
        /// Static properties the held object must have.
        props: Props,
        /// Type index of the lamp.
        lamp: u16,
        /// Static properties the lamp must have (`toggleable`).
        lamp_props: Props,
    },
}

/// Why an expert cannot play a game.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpertError(String);

impl ExpertError {
    pub(crate) fn new(msg: &str) -> Self {
        ExpertError(msg.to_string())
    }
}

impl fmt::Display for ExpertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the experts cannot plan for this goal: {}", self.0)
    }
}

impl std::error::Error for ExpertError {}

fn var(a: AtomArg) -> Option<u16> {
    match a {
        AtomArg::Var(s) => Some(s),
        _ => None,
    }
}

impl GoalSpec {
    /// Reads the goal of `game`; an error for goals outside ALFWorld's six task shapes.
    pub fn of(game: &Game) -> Result<GoalSpec, ExpertError> {
        let atoms = goal_atoms(game)
            .ok_or_else(|| ExpertError("not a conjunction of existentials".into()))?;
        let err = |m: &str| ExpertError(m.to_string());
        let otype_of = |s: u16| {
            atoms.iter().find_map(|a| match (a.pred, a.args) {
                (AtomPred::ObjectType, [AtomArg::Var(v), AtomArg::OType(t)]) if v == s => Some(t),
                _ => None,
            })
        };
        let rtype_of = |s: u16| {
            atoms.iter().find_map(|a| match (a.pred, a.args) {
                (AtomPred::ReceptacleType, [AtomArg::Var(v), AtomArg::RType(t)]) if v == s => {
                    Some(t)
                }
                _ => None,
            })
        };
        let props_of = |s: u16| {
            atoms.iter().fold(Props::empty(), |acc, a| match a.pred {
                AtomPred::Prop(p) if var(a.args[0]) == Some(s) => acc | p,
                _ => acc,
            })
        };
        let flags_of = |s: u16| {
            atoms.iter().fold(ObjState::empty(), |acc, a| match a.pred {
                AtomPred::Flag(f) if var(a.args[0]) == Some(s) => acc | f,
                _ => acc,
            })
        };
        if atoms.iter().any(|a: &GoalAtom| a.pred == AtomPred::Other) {
            return Err(err("a predicate other than the six task types use"));
        }
        let held = atoms.iter().find_map(|a| match (a.pred, a.args) {
            (AtomPred::Holds, [AtomArg::Agent | AtomArg::Var(_), AtomArg::Var(o)]) => Some(o),
            _ => None,
        });
        if let Some(o) = held {
            let lamp = atoms
                .iter()
                .find_map(|a| match (a.pred, a.args) {
                    (AtomPred::Flag(f), [AtomArg::Var(l), _]) if f.contains(ObjState::TOGGLED) => {
                        Some(l)
                    }
                    _ => None,
                })
                .ok_or_else(|| err("holding an object without a lamp"))?;
            return Ok(GoalSpec::Light {
                otype: otype_of(o).ok_or_else(|| err("held object without a type"))?,
                props: props_of(o),
                lamp: otype_of(lamp).ok_or_else(|| err("lamp without a type"))?,
                lamp_props: props_of(lamp),
            });
        }
        let placed: Vec<(u16, u16)> = atoms
            .iter()
            .filter_map(|a| match (a.pred, a.args) {
                (AtomPred::InReceptacle, [AtomArg::Var(o), AtomArg::Var(r)]) => Some((o, r)),
                _ => None,
            })
            .collect();
        let Some(&(o, r)) = placed.first() else {
            return Err(err("no placement and no held object"));
        };
        if placed.iter().any(|&(_, r2)| r2 != r) {
            return Err(err("objects in two different receptacles"));
        }
        let otype = otype_of(o).ok_or_else(|| err("placed object without a type"))?;
        if placed.iter().any(|&(o2, _)| otype_of(o2) != Some(otype)) {
            return Err(err("placed objects of two types"));
        }
        let count = placed.len();
        if count > 2 {
            return Err(err("more than two objects"));
        }
        if count == 2
            && !atoms.iter().any(|a| {
                a.pred == AtomPred::Distinct
                    && matches!(a.args, [AtomArg::Var(x), AtomArg::Var(y)]
                        if (x == placed[0].0 && y == placed[1].0) || (x == placed[1].0 && y == placed[0].0))
            })
        {
            return Err(err("two placements of possibly one object"));
        }
        let flags = placed
            .iter()
            .fold(ObjState::empty(), |acc, &(o, _)| acc | flags_of(o));
        if flags.intersects(ObjState::ON | ObjState::TOGGLED) {
            return Err(err("a switched-on object to place"));
        }
        if flags.contains(ObjState::HOT | ObjState::COOL) {
            return Err(err("an object both hot and cool"));
        }
        Ok(GoalSpec::Place {
            otype,
            rtype: rtype_of(r).ok_or_else(|| err("receptacle without a type"))?,
            count: count as u8,
            props: placed
                .iter()
                .fold(Props::empty(), |acc, &(o, _)| acc | props_of(o)),
            flags,
        })
    }
}
