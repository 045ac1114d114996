//! Task sets indexed like ALFWorld's data: `train` (3553 games on the train scenes),
//! `valid_seen` (140, train scenes with new placements) and `valid_unseen` (134, scenes 1-6,
//! 201-206, 301-306, 401-406). Each game is a pure function of (set, index).

use std::fmt;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::GeneratedGame;
use super::household::{Household, mix};
use super::scenes::{self, RoomKind};
use super::tasks::{TaskType, sample_task};

/// ALFWorld's three splits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Split {
    /// 3553 games on train scenes.
    Train,
    /// 140 games on train scenes with new placements.
    ValidSeen,
    /// 134 games on the unseen scenes.
    ValidUnseen,
}

impl Split {
    /// All three.
    pub const ALL: [Split; 3] = [Split::Train, Split::ValidSeen, Split::ValidUnseen];

    /// ALFWorld's folder name: `train`, `valid_seen`, `valid_unseen`.
    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::ValidSeen => "valid_seen",
            Split::ValidUnseen => "valid_unseen",
        }
    }

    /// Parses a folder name.
    pub fn parse(s: &str) -> Option<Split> {
        Split::ALL.into_iter().find(|x| x.name() == s)
    }

    /// Games per task type (in [`TaskType::ALL`] order), as in ALFWorld's data release.
    pub fn counts(self) -> [u32; 6] {
        match self {
            Split::Train => [790, 308, 650, 459, 533, 813],
            Split::ValidSeen => [35, 13, 27, 16, 25, 24],
            Split::ValidUnseen => [24, 18, 31, 23, 21, 17],
        }
    }

    /// Number of games.
    pub fn len(self) -> u32 {
        self.counts().iter().sum()
    }

    /// Never true: every split has games.
    pub fn is_empty(self) -> bool {
        false
    }

    fn salt(self) -> u64 {
        match self {
            Split::Train => 0x7472_6169_6e00_0001,
            Split::ValidSeen => 0x7661_6c73_6565_6e02,
            Split::ValidUnseen => 0x7661_6c75_6e73_6e03,
        }
    }

    /// The scenes of this split where `task_type` can be generated, ascending.
    pub fn scenes_for(self, task_type: TaskType) -> Vec<u16> {
        RoomKind::ALL
            .into_iter()
            .filter(|&k| task_type.valid_in(k))
            .flat_map(|k| -> Vec<u16> {
                match self {
                    Split::Train | Split::ValidSeen => scenes::train_scenes(k).collect(),
                    Split::ValidUnseen => scenes::unseen_scenes(k).collect(),
                }
            })
            .collect()
    }

    /// The task type and first-choice scene of game `index`, or `None` past the end.
    pub fn slot(self, index: u32) -> Option<(TaskType, u16)> {
        let mut start = 0;
        for (t, n) in TaskType::ALL.into_iter().zip(self.counts()) {
            if index < start + n {
                let scenes = self.scenes_for(t);
                let k = (mix(self.salt(), u64::from(index)) % scenes.len() as u64) as usize;
                return Some((t, scenes[k]));
            }
            start += n;
        }
        None
    }

    /// Game `index` of this split, or `None` past the end.
    pub fn game(self, index: u32) -> Option<GeneratedGame> {
        let (task_type, _) = self.slot(index)?;
        let scenes = self.scenes_for(task_type);
        let first = (mix(self.salt(), u64::from(index)) % scenes.len() as u64) as usize;
        let seed = mix(self.salt() ^ 0x5eed, u64::from(index));
        // Fall back to the next scenes of the same kind (a room with no lamp, say).
        let kind = RoomKind::of_scene(scenes[first])?;
        let same: Vec<u16> = scenes
            .iter()
            .copied()
            .filter(|&s| RoomKind::of_scene(s) == Some(kind))
            .collect();
        let start = same.iter().position(|&s| s == scenes[first]).unwrap_or(0);
        for step in 0..same.len() {
            let scene = same[(start + step) % same.len()];
            for attempt in 0..8u64 {
                let hseed = mix(seed, attempt);
                let household = Household::alfred(scene, hseed)?;
                let mut rng = ChaCha8Rng::seed_from_u64(mix(hseed, 0x7a5c));
                if let Some(task) = sample_task(&household, task_type, &mut rng) {
                    return Some(GeneratedGame {
                        split: Some((self, index)),
                        seed: hseed,
                        household,
                        task,
                    });
                }
            }
        }
        None
    }
}

impl fmt::Display for Split {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A split, optionally filtered by task type and room kind: a list of the split's indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskSet {
    split: Split,
    indices: Vec<u32>,
}

impl TaskSet {
    /// The whole split.
    pub fn new(split: Split) -> TaskSet {
        TaskSet::filtered(split, None, None)
    }

    /// The 3553 train games.
    pub fn train() -> TaskSet {
        TaskSet::new(Split::Train)
    }

    /// The 140 valid_seen games.
    pub fn valid_seen() -> TaskSet {
        TaskSet::new(Split::ValidSeen)
    }

    /// The 134 valid_unseen games.
    pub fn valid_unseen() -> TaskSet {
        TaskSet::new(Split::ValidUnseen)
    }

    /// The games of `split` of this task type and room kind (`None`: any). The room kind is the
    /// kind of the game's first-choice scene, which is the game's scene (every scene of a kind
    /// where a type is valid can host it).
    pub fn filtered(split: Split, task_type: Option<TaskType>, kind: Option<RoomKind>) -> TaskSet {
        let indices = (0..split.len())
            .filter(|&i| {
                split.slot(i).is_some_and(|(t, scene)| {
                    task_type.is_none_or(|want| want == t)
                        && kind.is_none_or(|k| RoomKind::of_scene(scene) == Some(k))
                })
            })
            .collect();
        TaskSet { split, indices }
    }

    /// The split.
    pub fn split(&self) -> Split {
        self.split
    }

    /// Number of games.
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    /// Whether the filter left nothing.
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// The split index of game `i` of this set.
    pub fn split_index(&self, i: usize) -> Option<u32> {
        self.indices.get(i).copied()
    }

    /// Game `i` of this set (`None` past the end).
    pub fn game(&self, i: usize) -> Option<GeneratedGame> {
        self.split.game(self.split_index(i)?)
    }
}

/// An env id that names no task set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTaskSet(pub String);

impl fmt::Display for UnknownTaskSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown ALFWorld task set `{}` (expected alfworld/SET[/TASK_TYPE][/ROOM_KIND] with SET \
             train, valid_seen or valid_unseen)",
            self.0
        )
    }
}

impl std::error::Error for UnknownTaskSet {}

impl TaskSet {
    /// Parses an env id `alfworld/SET[/TASK_TYPE][/ROOM_KIND]`, e.g. `alfworld/train`,
    /// `alfworld/valid_unseen/pick_two_obj_and_place`, `alfworld/train/2/Kitchen` (task types by
    /// ALFWorld name or number 1-6, room kinds by ALFRED name, any case).
    pub fn from_env_id(id: &str) -> Result<TaskSet, UnknownTaskSet> {
        let err = || UnknownTaskSet(id.to_string());
        let mut parts = id.split('/');
        if parts.next() != Some("alfworld") {
            return Err(err());
        }
        let split = parts.next().and_then(Split::parse).ok_or_else(err)?;
        let (mut task_type, mut kind) = (None, None);
        for part in parts {
            if let Some(t) = TaskType::parse_name_or_number(part).filter(|_| task_type.is_none()) {
                task_type = Some(t);
            } else if let Some(k) = RoomKind::parse(part).filter(|_| kind.is_none()) {
                kind = Some(k);
            } else {
                return Err(err());
            }
        }
        Ok(TaskSet::filtered(split, task_type, kind))
    }
}
