//! Room layouts of the 96 `BabyAI-*` ids registered by Minigrid 3.2.0 (from the reference
//! `levels.tsv`), for importing recorded states whose room geometry is not recorded.

use crate::world::RoomLayout;

/// `(env id, room_size, num_rows, num_cols)` of every registered BabyAI level, sorted by id.
pub const LEVEL_LAYOUTS: &[(&str, u8, u8, u8)] = &[
    ("BabyAI-ActionObjDoor-v0", 7, 3, 3),
    ("BabyAI-BlockedUnlockPickup-v0", 6, 1, 2),
    ("BabyAI-BossLevel-v0", 8, 3, 3),
    ("BabyAI-BossLevelNoUnlock-v0", 8, 3, 3),
    ("BabyAI-FindObjS5-v0", 5, 3, 3),
    ("BabyAI-FindObjS6-v0", 6, 3, 3),
    ("BabyAI-FindObjS7-v0", 7, 3, 3),
    ("BabyAI-GoTo-v0", 8, 3, 3),
    ("BabyAI-GoToDoor-v0", 7, 3, 3),
    ("BabyAI-GoToImpUnlock-v0", 8, 3, 3),
    ("BabyAI-GoToLocal-v0", 8, 1, 1),
    ("BabyAI-GoToLocalS5N2-v0", 5, 1, 1),
    ("BabyAI-GoToLocalS6N2-v0", 6, 1, 1),
    ("BabyAI-GoToLocalS6N3-v0", 6, 1, 1),
    ("BabyAI-GoToLocalS6N4-v0", 6, 1, 1),
    ("BabyAI-GoToLocalS7N4-v0", 7, 1, 1),
    ("BabyAI-GoToLocalS7N5-v0", 7, 1, 1),
    ("BabyAI-GoToLocalS8N2-v0", 8, 1, 1),
    ("BabyAI-GoToLocalS8N3-v0", 8, 1, 1),
    ("BabyAI-GoToLocalS8N4-v0", 8, 1, 1),
    ("BabyAI-GoToLocalS8N5-v0", 8, 1, 1),
    ("BabyAI-GoToLocalS8N6-v0", 8, 1, 1),
    ("BabyAI-GoToLocalS8N7-v0", 8, 1, 1),
    ("BabyAI-GoToObj-v0", 8, 1, 1),
    ("BabyAI-GoToObjDoor-v0", 8, 3, 3),
    ("BabyAI-GoToObjMaze-v0", 8, 3, 3),
    ("BabyAI-GoToObjMazeOpen-v0", 8, 3, 3),
    ("BabyAI-GoToObjMazeS4-v0", 4, 3, 3),
    ("BabyAI-GoToObjMazeS4R2-v0", 4, 2, 2),
    ("BabyAI-GoToObjMazeS5-v0", 5, 3, 3),
    ("BabyAI-GoToObjMazeS6-v0", 6, 3, 3),
    ("BabyAI-GoToObjMazeS7-v0", 7, 3, 3),
    ("BabyAI-GoToObjS4-v0", 4, 1, 1),
    ("BabyAI-GoToObjS6-v1", 6, 1, 1),
    ("BabyAI-GoToOpen-v0", 8, 3, 3),
    ("BabyAI-GoToRedBall-v0", 8, 1, 1),
    ("BabyAI-GoToRedBallGrey-v0", 8, 1, 1),
    ("BabyAI-GoToRedBallNoDists-v0", 8, 1, 1),
    ("BabyAI-GoToRedBlueBall-v0", 8, 1, 1),
    ("BabyAI-GoToSeq-v0", 8, 3, 3),
    ("BabyAI-GoToSeqS5R2-v0", 5, 2, 2),
    ("BabyAI-KeyCorridor-v0", 6, 3, 3),
    ("BabyAI-KeyCorridorS3R1-v0", 3, 1, 3),
    ("BabyAI-KeyCorridorS3R2-v0", 3, 2, 3),
    ("BabyAI-KeyCorridorS3R3-v0", 3, 3, 3),
    ("BabyAI-KeyCorridorS4R3-v0", 4, 3, 3),
    ("BabyAI-KeyCorridorS5R3-v0", 5, 3, 3),
    ("BabyAI-KeyCorridorS6R3-v0", 6, 3, 3),
    ("BabyAI-KeyInBox-v0", 8, 3, 3),
    ("BabyAI-MiniBossLevel-v0", 5, 2, 2),
    ("BabyAI-MoveTwoAcrossS5N2-v0", 5, 1, 2),
    ("BabyAI-MoveTwoAcrossS8N9-v0", 8, 1, 2),
    ("BabyAI-OneRoomS12-v0", 12, 1, 1),
    ("BabyAI-OneRoomS16-v0", 16, 1, 1),
    ("BabyAI-OneRoomS20-v0", 20, 1, 1),
    ("BabyAI-OneRoomS8-v0", 8, 1, 1),
    ("BabyAI-Open-v0", 8, 3, 3),
    ("BabyAI-OpenDoor-v0", 8, 3, 3),
    ("BabyAI-OpenDoorColor-v0", 8, 3, 3),
    ("BabyAI-OpenDoorDebug-v0", 8, 3, 3),
    ("BabyAI-OpenDoorLoc-v0", 8, 3, 3),
    ("BabyAI-OpenDoorsOrderN2-v0", 6, 3, 3),
    ("BabyAI-OpenDoorsOrderN2Debug-v0", 6, 3, 3),
    ("BabyAI-OpenDoorsOrderN4-v0", 6, 3, 3),
    ("BabyAI-OpenDoorsOrderN4Debug-v0", 6, 3, 3),
    ("BabyAI-OpenRedBlueDoors-v0", 6, 3, 3),
    ("BabyAI-OpenRedBlueDoorsDebug-v0", 6, 3, 3),
    ("BabyAI-OpenRedDoor-v0", 5, 1, 2),
    ("BabyAI-OpenTwoDoors-v0", 6, 3, 3),
    ("BabyAI-Pickup-v0", 8, 3, 3),
    ("BabyAI-PickupAbove-v0", 6, 3, 3),
    ("BabyAI-PickupDist-v0", 7, 1, 1),
    ("BabyAI-PickupDistDebug-v0", 7, 1, 1),
    ("BabyAI-PickupLoc-v0", 8, 1, 1),
    ("BabyAI-PutNextLocal-v0", 8, 1, 1),
    ("BabyAI-PutNextLocalS5N3-v0", 5, 1, 1),
    ("BabyAI-PutNextLocalS6N4-v0", 6, 1, 1),
    ("BabyAI-PutNextS4N1-v0", 4, 1, 2),
    ("BabyAI-PutNextS5N1-v0", 5, 1, 2),
    ("BabyAI-PutNextS5N2-v0", 5, 1, 2),
    ("BabyAI-PutNextS5N2Carrying-v0", 5, 1, 2),
    ("BabyAI-PutNextS6N3-v0", 6, 1, 2),
    ("BabyAI-PutNextS6N3Carrying-v0", 6, 1, 2),
    ("BabyAI-PutNextS7N4-v0", 7, 1, 2),
    ("BabyAI-PutNextS7N4Carrying-v0", 7, 1, 2),
    ("BabyAI-Synth-v0", 8, 3, 3),
    ("BabyAI-SynthLoc-v0", 8, 3, 3),
    ("BabyAI-SynthS5R2-v0", 5, 2, 3),
    ("BabyAI-SynthSeq-v0", 8, 3, 3),
    ("BabyAI-UnblockPickup-v0", 8, 3, 3),
    ("BabyAI-Unlock-v0", 8, 3, 3),
    ("BabyAI-UnlockLocal-v0", 8, 3, 3),
    ("BabyAI-UnlockLocalDist-v0", 8, 3, 3),
    ("BabyAI-UnlockPickup-v0", 6, 1, 2),
    ("BabyAI-UnlockPickupDist-v0", 6, 1, 2),
    ("BabyAI-UnlockToUnlock-v0", 6, 1, 3),
];

/// BALROG's `BabyAI-MixedTrainLocal-v0` task kinds (its reference file names them
/// `BabyAI-MixedTrainLocal-v0/<kind>`): one 8-cell room, two side by side for `open`.
pub const MIXED_TRAIN_LOCAL_LAYOUTS: &[(&str, u8, u8, u8)] = &[
    ("BabyAI-MixedTrainLocal-v0/goto", 8, 1, 1),
    ("BabyAI-MixedTrainLocal-v0/open", 8, 1, 2),
    ("BabyAI-MixedTrainLocal-v0/pick_up_seq_go_to", 8, 1, 1),
    ("BabyAI-MixedTrainLocal-v0/pickup", 8, 1, 1),
    ("BabyAI-MixedTrainLocal-v0/putnext", 8, 1, 1),
];

/// The room layout of a registered BabyAI level id (`"BabyAI-GoToLocal-v0"`) or of one of
/// BALROG's `BabyAI-MixedTrainLocal-v0/<kind>` ids, if known.
pub fn level_layout(env_id: &str) -> Option<RoomLayout> {
    let find = |table: &[(&str, u8, u8, u8)]| {
        table.binary_search_by(|e| e.0.cmp(env_id)).ok().map(|i| {
            let (_, rs, rows, cols) = table[i];
            RoomLayout::new(rs, rows, cols)
        })
    };
    find(LEVEL_LAYOUTS).or_else(|| find(MIXED_TRAIN_LOCAL_LAYOUTS))
}
