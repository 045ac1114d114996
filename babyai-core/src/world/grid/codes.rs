//! One-byte cell codes: the observation encoding `(type, color, state)` of a cell packed in
//! a byte whose top bit says "opaque", and the padded code plane the view reads.
//!
//! A code is 0 for an empty cell and `(1 + slot) << 3 | color` otherwise, where `slot` is
//! `kind - 2` for every kind but doors (wall 0, floor 1, key 3, ball 4, box 5, goal 6,
//! lava 7) and `8 + state` for doors. Bit 7 is set for walls and for closed or locked doors
//! (Minigrid's `see_behind` is false). So the type and state are functions of bits 3 to 6
//! (a 16-entry table, which a byte shuffle can look up) and the colour is bits 0..3.
//! [`DECODE`] maps a code back to the three observation bytes; every byte that is not a
//! code (such as [`UNSEEN`]) decodes to `(0, 0, 0)`, Minigrid's "unseen" cell.

use super::super::{DoorState, Obj, ObjKind};

/// Code of an empty cell (`(1, 0, 0)`, transparent).
pub(crate) const EMPTY_CODE: u8 = 0;

/// Code of a plain grey wall (`(2, 5, 0)`, opaque).
pub(crate) const WALL_CODE: u8 = 0x80 | 1 << 3 | 5;

/// A byte that is no code: decodes to `(0, 0, 0)`.
pub(crate) const UNSEEN: u8 = 0xFF;

/// Columns of padding (walls) on each side of a row of the code plane: a 7-cell view line
/// reaches at most 6 cells beyond the agent, and an 8-byte load one more on the near side.
pub(crate) const PAD: usize = 6;

/// The code of an object (its [`Obj::encode`] and [`Obj::see_behind`]).
#[inline]
pub(crate) const fn obj_code(o: &Obj) -> u8 {
    let color = o.color as u8;
    match o.kind {
        ObjKind::Door => {
            let s = o.door as u8;
            let opaque = if matches!(o.door, DoorState::Open) {
                0
            } else {
                0x80
            };
            opaque | (1 + 8 + s) << 3 | color
        }
        ObjKind::Wall => 0x80 | 1 << 3 | color,
        k => (1 + k as u8 - 2) << 3 | color,
    }
}

/// Observation type of each value of a code's bits 3 to 6 (`0` empty, 15 unseen).
pub(crate) const TYPE_BY_SLOT: [u8; 16] = [1, 2, 3, 0, 5, 6, 7, 8, 9, 4, 4, 4, 0, 0, 0, 0];

/// Observation state of each value of a code's bits 3 to 6 (doors: open 0, closed 1,
/// locked 2).
pub(crate) const STATE_BY_SLOT: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0];

/// Observation colour of each value of a code's low nibble (bit 3 is the slot's lowest bit;
/// 7 and 15, which no code holds but [`UNSEEN`] does, give 0).
pub(crate) const COLOR_BY_NIBBLE: [u8; 16] = [0, 1, 2, 3, 4, 5, 0, 0, 0, 1, 2, 3, 4, 5, 0, 0];

/// The packed observation bytes `type | color << 8 | state << 16` of each code byte.
pub(crate) static DECODE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        let idx = (b >> 3) & 0xF;
        let color = (b & 7) as u32;
        let opaque = b & 0x80 != 0;
        if idx == 0 {
            if !opaque && color == 0 {
                t[b] = 1;
            }
        } else if idx <= 11 && color < 6 {
            let slot = idx - 1;
            let (kind, state) = if slot >= 8 {
                (4, slot as u32 - 8)
            } else {
                (slot as u32 + 2, 0)
            };
            // Only the opacity the encoding implies is a code.
            let should_be_opaque = kind == 2 || (kind == 4 && state != 0);
            if (kind != 4 || slot >= 8) && opaque == should_be_opaque {
                t[b] = kind | color << 8 | state << 16;
            }
        }
        b += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{COLORS_BY_IDX, Grid};

    #[test]
    fn every_object_code_decodes_to_its_encoding() {
        let kinds = [
            ObjKind::Wall,
            ObjKind::Floor,
            ObjKind::Door,
            ObjKind::Key,
            ObjKind::Ball,
            ObjKind::Box,
            ObjKind::Goal,
            ObjKind::Lava,
        ];
        let states = [DoorState::Open, DoorState::Closed, DoorState::Locked];
        let mut seen = std::collections::BTreeSet::new();
        for kind in kinds {
            for color in COLORS_BY_IDX {
                for door in states {
                    let mut o = Obj::new(kind, color);
                    o.door = door;
                    let c = obj_code(&o);
                    let [t, col, s] = o.encode();
                    assert_eq!(
                        DECODE[c as usize],
                        t as u32 | (col as u32) << 8 | (s as u32) << 16
                    );
                    assert_eq!(c & 0x80 == 0, o.see_behind(), "{o:?}");
                    assert_ne!(c, UNSEEN);
                    seen.insert((c, o.encode()));
                }
            }
        }
        // One code per distinct encoding.
        let codes: std::collections::BTreeSet<u8> = seen.iter().map(|s| s.0).collect();
        assert_eq!(codes.len(), seen.len());
        assert_eq!(DECODE[EMPTY_CODE as usize], 1);
        // The shuffle tables agree with `DECODE` on every code and on `UNSEEN`.
        for &(c, [t, col, s]) in seen
            .iter()
            .chain([(EMPTY_CODE, [1, 0, 0]), (UNSEEN, [0, 0, 0])].iter())
        {
            let slot = (c >> 3 & 0xF) as usize;
            assert_eq!(
                [
                    TYPE_BY_SLOT[slot],
                    COLOR_BY_NIBBLE[(c & 0xF) as usize],
                    STATE_BY_SLOT[slot]
                ],
                [t, col, s],
                "code {c:#x}"
            );
        }
        assert_eq!(DECODE[UNSEEN as usize], 0);
        let g = Grid::new(1, 1);
        let wall = g.encode(crate::world::Cell::Wall);
        assert_eq!(
            DECODE[WALL_CODE as usize],
            wall[0] as u32 | (wall[1] as u32) << 8
        );
    }
}
