//! The 96 BabyAI ids registered by Minigrid 3.2.0, with their family options
//! (`envs/babyai/__init__.py` registrations and class defaults).

use super::levelgen::{ACTION_ONLY, ActionKind, LevelGenParams};
use super::open::SelectBy;
use super::{Family, LevelSpec};
use crate::world::Color;

/// One registry row: `LevelSpec { id, room_size, num_rows, num_cols, fixed_max_steps,
/// family }`.
const fn level(
    id: &'static str,
    room_size: usize,
    num_rows: usize,
    num_cols: usize,
    fixed_max_steps: Option<u32>,
    family: Family,
) -> LevelSpec {
    LevelSpec {
        id,
        room_size,
        num_rows,
        num_cols,
        fixed_max_steps,
        family,
    }
}

/// Every registered level, sorted by id: `level(id, room_size, num_rows, num_cols,
/// fixed_max_steps, family)`.
#[rustfmt::skip]
pub const LEVELS: &[LevelSpec] = &[
    level("BabyAI-ActionObjDoor-v0", 7, 3, 3, None, Family::ActionObjDoor),
    level("BabyAI-BlockedUnlockPickup-v0", 6, 1, 2, Some(576), Family::BlockedUnlockPickup),
    level("BabyAI-BossLevel-v0", 8, 3, 3, None, Family::LevelGen(LevelGenParams::DEFAULT)),
    level("BabyAI-BossLevelNoUnlock-v0", 8, 3, 3, None, Family::LevelGen(LevelGenParams {
        locked_room_prob: 0.0, implicit_unlock: false, ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-FindObjS5-v0", 5, 3, 3, Some(500), Family::FindObj),
    level("BabyAI-FindObjS6-v0", 6, 3, 3, Some(720), Family::FindObj),
    level("BabyAI-FindObjS7-v0", 7, 3, 3, Some(980), Family::FindObj),
    level("BabyAI-GoTo-v0", 8, 3, 3, None, Family::GoTo { num_dists: 18, doors_open: false }),
    level("BabyAI-GoToDoor-v0", 7, 3, 3, None, Family::GoToDoor),
    level("BabyAI-GoToImpUnlock-v0", 8, 3, 3, None, Family::GoToImpUnlock),
    level("BabyAI-GoToLocal-v0", 8, 1, 1, None, Family::GoToLocal { num_dists: 8 }),
    level("BabyAI-GoToLocalS5N2-v0", 5, 1, 1, None, Family::GoToLocal { num_dists: 2 }),
    level("BabyAI-GoToLocalS6N2-v0", 6, 1, 1, None, Family::GoToLocal { num_dists: 2 }),
    level("BabyAI-GoToLocalS6N3-v0", 6, 1, 1, None, Family::GoToLocal { num_dists: 3 }),
    level("BabyAI-GoToLocalS6N4-v0", 6, 1, 1, None, Family::GoToLocal { num_dists: 4 }),
    level("BabyAI-GoToLocalS7N4-v0", 7, 1, 1, None, Family::GoToLocal { num_dists: 4 }),
    level("BabyAI-GoToLocalS7N5-v0", 7, 1, 1, None, Family::GoToLocal { num_dists: 5 }),
    level("BabyAI-GoToLocalS8N2-v0", 8, 1, 1, None, Family::GoToLocal { num_dists: 2 }),
    level("BabyAI-GoToLocalS8N3-v0", 8, 1, 1, None, Family::GoToLocal { num_dists: 3 }),
    level("BabyAI-GoToLocalS8N4-v0", 8, 1, 1, None, Family::GoToLocal { num_dists: 4 }),
    level("BabyAI-GoToLocalS8N5-v0", 8, 1, 1, None, Family::GoToLocal { num_dists: 5 }),
    level("BabyAI-GoToLocalS8N6-v0", 8, 1, 1, None, Family::GoToLocal { num_dists: 6 }),
    level("BabyAI-GoToLocalS8N7-v0", 8, 1, 1, None, Family::GoToLocal { num_dists: 7 }),
    level("BabyAI-GoToObj-v0", 8, 1, 1, None, Family::GoToObj),
    level("BabyAI-GoToObjDoor-v0", 8, 3, 3, None, Family::GoToObjDoor),
    level("BabyAI-GoToObjMaze-v0", 8, 3, 3, None, Family::GoTo { num_dists: 1, doors_open: false }),
    level("BabyAI-GoToObjMazeOpen-v0", 8, 3, 3, None,
        Family::GoTo { num_dists: 1, doors_open: true }),
    level("BabyAI-GoToObjMazeS4-v0", 4, 3, 3, None,
        Family::GoTo { num_dists: 1, doors_open: false }),
    level("BabyAI-GoToObjMazeS4R2-v0", 4, 2, 2, None,
        Family::GoTo { num_dists: 1, doors_open: false }),
    level("BabyAI-GoToObjMazeS5-v0", 5, 3, 3, None,
        Family::GoTo { num_dists: 1, doors_open: false }),
    level("BabyAI-GoToObjMazeS6-v0", 6, 3, 3, None,
        Family::GoTo { num_dists: 1, doors_open: false }),
    level("BabyAI-GoToObjMazeS7-v0", 7, 3, 3, None,
        Family::GoTo { num_dists: 1, doors_open: false }),
    level("BabyAI-GoToObjS4-v0", 4, 1, 1, None, Family::GoToObj),
    level("BabyAI-GoToObjS6-v1", 6, 1, 1, None, Family::GoToObj),
    level("BabyAI-GoToOpen-v0", 8, 3, 3, None, Family::GoTo { num_dists: 18, doors_open: true }),
    level("BabyAI-GoToRedBall-v0", 8, 1, 1, None,
        Family::GoToRedBall { num_dists: 7, grey: false }),
    level("BabyAI-GoToRedBallGrey-v0", 8, 1, 1, None,
        Family::GoToRedBall { num_dists: 7, grey: true }),
    level("BabyAI-GoToRedBallNoDists-v0", 8, 1, 1, None,
        Family::GoToRedBall { num_dists: 0, grey: false }),
    level("BabyAI-GoToRedBlueBall-v0", 8, 1, 1, None, Family::GoToRedBlueBall),
    level("BabyAI-GoToSeq-v0", 8, 3, 3, None, Family::LevelGen(LevelGenParams {
        num_dists: 18, locked_room_prob: 0.0, locations: false, unblocking: false,
        action_kinds: &[ActionKind::GoTo], ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-GoToSeqS5R2-v0", 5, 2, 2, None, Family::LevelGen(LevelGenParams {
        num_dists: 4, locked_room_prob: 0.0, locations: false, unblocking: false,
        action_kinds: &[ActionKind::GoTo], ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-KeyCorridor-v0", 6, 3, 3, Some(1080), Family::KeyCorridor),
    level("BabyAI-KeyCorridorS3R1-v0", 3, 1, 3, Some(270), Family::KeyCorridor),
    level("BabyAI-KeyCorridorS3R2-v0", 3, 2, 3, Some(270), Family::KeyCorridor),
    level("BabyAI-KeyCorridorS3R3-v0", 3, 3, 3, Some(270), Family::KeyCorridor),
    level("BabyAI-KeyCorridorS4R3-v0", 4, 3, 3, Some(480), Family::KeyCorridor),
    level("BabyAI-KeyCorridorS5R3-v0", 5, 3, 3, Some(750), Family::KeyCorridor),
    level("BabyAI-KeyCorridorS6R3-v0", 6, 3, 3, Some(1080), Family::KeyCorridor),
    level("BabyAI-KeyInBox-v0", 8, 3, 3, None, Family::KeyInBox),
    level("BabyAI-MiniBossLevel-v0", 5, 2, 2, None, Family::LevelGen(LevelGenParams {
        num_dists: 7, locked_room_prob: 0.25, ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-MoveTwoAcrossS5N2-v0", 5, 1, 2, Some(400),
        Family::MoveTwoAcross { objs_per_room: 2 }),
    level("BabyAI-MoveTwoAcrossS8N9-v0", 8, 1, 2, Some(1024),
        Family::MoveTwoAcross { objs_per_room: 9 }),
    level("BabyAI-OneRoomS12-v0", 12, 1, 1, None, Family::OneRoom),
    level("BabyAI-OneRoomS16-v0", 16, 1, 1, None, Family::OneRoom),
    level("BabyAI-OneRoomS20-v0", 20, 1, 1, None, Family::OneRoom),
    level("BabyAI-OneRoomS8-v0", 8, 1, 1, None, Family::OneRoom),
    level("BabyAI-Open-v0", 8, 3, 3, None, Family::Open),
    level("BabyAI-OpenDoor-v0", 8, 3, 3, None,
        Family::OpenDoor { debug: false, select_by: SelectBy::Random }),
    level("BabyAI-OpenDoorColor-v0", 8, 3, 3, None,
        Family::OpenDoor { debug: false, select_by: SelectBy::Color }),
    level("BabyAI-OpenDoorDebug-v0", 8, 3, 3, None,
        Family::OpenDoor { debug: true, select_by: SelectBy::Random }),
    level("BabyAI-OpenDoorLoc-v0", 8, 3, 3, None,
        Family::OpenDoor { debug: false, select_by: SelectBy::Loc }),
    level("BabyAI-OpenDoorsOrderN2-v0", 6, 3, 3, Some(720),
        Family::OpenDoorsOrder { num_doors: 2, debug: false }),
    level("BabyAI-OpenDoorsOrderN2Debug-v0", 6, 3, 3, Some(720),
        Family::OpenDoorsOrder { num_doors: 2, debug: true }),
    level("BabyAI-OpenDoorsOrderN4-v0", 6, 3, 3, Some(720),
        Family::OpenDoorsOrder { num_doors: 4, debug: false }),
    level("BabyAI-OpenDoorsOrderN4Debug-v0", 6, 3, 3, Some(720),
        Family::OpenDoorsOrder { num_doors: 4, debug: true }),
    level("BabyAI-OpenRedBlueDoors-v0", 6, 3, 3, Some(720),
        Family::OpenTwoDoors { first: Some(Color::Red), second: Some(Color::Blue), strict: false }),
    level("BabyAI-OpenRedBlueDoorsDebug-v0", 6, 3, 3, Some(720),
        Family::OpenTwoDoors { first: Some(Color::Red), second: Some(Color::Blue), strict: true }),
    level("BabyAI-OpenRedDoor-v0", 5, 1, 2, None, Family::OpenRedDoor),
    level("BabyAI-OpenTwoDoors-v0", 6, 3, 3, Some(720),
        Family::OpenTwoDoors { first: None, second: None, strict: false }),
    level("BabyAI-Pickup-v0", 8, 3, 3, None, Family::Pickup),
    level("BabyAI-PickupAbove-v0", 6, 3, 3, Some(288), Family::PickupAbove),
    level("BabyAI-PickupDist-v0", 7, 1, 1, None, Family::PickupDist { debug: false }),
    level("BabyAI-PickupDistDebug-v0", 7, 1, 1, None, Family::PickupDist { debug: true }),
    level("BabyAI-PickupLoc-v0", 8, 1, 1, None, Family::LevelGen(LevelGenParams {
        num_dists: 8, locked_room_prob: 0.0, locations: true, unblocking: false,
        action_kinds: &[ActionKind::Pickup], instr_kinds: ACTION_ONLY, ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-PutNextLocal-v0", 8, 1, 1, None, Family::PutNextLocal { num_objs: 8 }),
    level("BabyAI-PutNextLocalS5N3-v0", 5, 1, 1, None, Family::PutNextLocal { num_objs: 3 }),
    level("BabyAI-PutNextLocalS6N4-v0", 6, 1, 1, None, Family::PutNextLocal { num_objs: 4 }),
    level("BabyAI-PutNextS4N1-v0", 4, 1, 2, Some(128),
        Family::PutNext { objs_per_room: 1, start_carrying: false }),
    level("BabyAI-PutNextS5N1-v0", 5, 1, 2, Some(200),
        Family::PutNext { objs_per_room: 1, start_carrying: false }),
    level("BabyAI-PutNextS5N2-v0", 5, 1, 2, Some(200),
        Family::PutNext { objs_per_room: 2, start_carrying: false }),
    level("BabyAI-PutNextS5N2Carrying-v0", 5, 1, 2, Some(200),
        Family::PutNext { objs_per_room: 2, start_carrying: true }),
    level("BabyAI-PutNextS6N3-v0", 6, 1, 2, Some(288),
        Family::PutNext { objs_per_room: 3, start_carrying: false }),
    level("BabyAI-PutNextS6N3Carrying-v0", 6, 1, 2, Some(288),
        Family::PutNext { objs_per_room: 3, start_carrying: true }),
    level("BabyAI-PutNextS7N4-v0", 7, 1, 2, Some(392),
        Family::PutNext { objs_per_room: 4, start_carrying: false }),
    level("BabyAI-PutNextS7N4Carrying-v0", 7, 1, 2, Some(392),
        Family::PutNext { objs_per_room: 4, start_carrying: true }),
    level("BabyAI-Synth-v0", 8, 3, 3, None, Family::LevelGen(LevelGenParams {
        num_dists: 18, locations: false, unblocking: true, implicit_unlock: false,
        instr_kinds: ACTION_ONLY, ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-SynthLoc-v0", 8, 3, 3, None, Family::LevelGen(LevelGenParams {
        locations: true, unblocking: true, implicit_unlock: false, instr_kinds: ACTION_ONLY,
        ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-SynthS5R2-v0", 5, 2, 3, None, Family::LevelGen(LevelGenParams {
        num_dists: 18, locations: false, unblocking: true, implicit_unlock: false,
        instr_kinds: ACTION_ONLY, ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-SynthSeq-v0", 8, 3, 3, None, Family::LevelGen(LevelGenParams {
        locations: true, unblocking: true, implicit_unlock: false, ..LevelGenParams::DEFAULT
    })),
    level("BabyAI-UnblockPickup-v0", 8, 3, 3, None, Family::UnblockPickup),
    level("BabyAI-Unlock-v0", 8, 3, 3, None, Family::Unlock),
    level("BabyAI-UnlockLocal-v0", 8, 3, 3, None, Family::UnlockLocal { distractors: false }),
    level("BabyAI-UnlockLocalDist-v0", 8, 3, 3, None, Family::UnlockLocal { distractors: true }),
    level("BabyAI-UnlockPickup-v0", 6, 1, 2, None, Family::UnlockPickup { distractors: false }),
    level("BabyAI-UnlockPickupDist-v0", 6, 1, 2, None, Family::UnlockPickup { distractors: true }),
    level("BabyAI-UnlockToUnlock-v0", 6, 1, 3, Some(1080), Family::UnlockToUnlock),
];

/// The ids of [`LEVELS`], in order.
const fn level_ids<const N: usize>() -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = LEVELS[i].id;
        i += 1;
    }
    out
}

/// Level ids this crate can build, as registered by Minigrid 3.2.0 (sorted; the ids of
/// [`LEVELS`]).
pub const LEVEL_IDS: &[&str] = &level_ids::<96>();

/// The level registered under `id`.
pub fn find(id: &str) -> Option<&'static LevelSpec> {
    LEVELS.iter().find(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_is_listed_once_in_id_order() {
        assert_eq!(LEVEL_IDS.len(), LEVELS.len());
        assert!(LEVEL_IDS.windows(2).all(|w| w[0] < w[1]));
    }
}
