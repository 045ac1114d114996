//! A task set loaded from a directory of real ALFWorld game folders (the `json_2.1.1/train`
//! layout: `{task}-{Object}-{Movable}-{Recep}-{scene}/trial_…/game.tw-pddl` with its
//! `traj_data.json`), for users who have ALFWorld's data.
//!
//! Folders are found recursively and sorted by path, so game `i` is the same on every machine
//! with the same files. As ALFWorld's `collect_game_files` does, paths containing `movable` or
//! `Sliced` are left out. Games are read and loaded one at a time, when asked for.

use crate::LoadError;
use crate::game::{Game, LoadOptions};
use crate::goals::TaskType;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a directory task set or one of its games could not be read.
#[derive(Debug)]
pub enum DirError {
    /// A directory or file could not be read.
    Io {
        /// The path.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A game file did not load.
    Load {
        /// The `game.tw-pddl` path.
        path: PathBuf,
        /// The loader's error.
        source: LoadError,
    },
    /// No game folder was found.
    Empty(PathBuf),
}

impl fmt::Display for DirError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DirError::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            DirError::Load { path, source } => write!(f, "{}: {source}", path.display()),
            DirError::Empty(p) => write!(f, "no folder with a game.tw-pddl under {}", p.display()),
        }
    }
}

impl std::error::Error for DirError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DirError::Io { source, .. } => Some(source),
            DirError::Load { source, .. } => Some(source),
            DirError::Empty(_) => None,
        }
    }
}

/// The game folders under a directory, in path order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirTaskSet {
    root: PathBuf,
    games: Vec<PathBuf>,
}

impl DirTaskSet {
    /// Every `game.tw-pddl` under `root` (optionally only those with a folder named for
    /// `task_type`, as `pick_two_obj_and_place-Apple-None-Fridge-26`), sorted by path.
    pub fn open(root: &Path, task_type: Option<TaskType>) -> Result<DirTaskSet, DirError> {
        let mut games = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let io = |source| DirError::Io {
                path: dir.clone(),
                source,
            };
            for entry in std::fs::read_dir(&dir).map_err(io)? {
                let path = entry.map_err(io)?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.file_name().is_some_and(|n| n == "game.tw-pddl") {
                    games.push(path);
                }
            }
        }
        games.retain(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            let text = rel.to_string_lossy();
            !text.contains("movable")
                && !text.contains("Sliced")
                && task_type.is_none_or(|t| {
                    rel.components()
                        .any(|c| c.as_os_str().to_string_lossy().contains(t.name()))
                })
        });
        games.sort();
        if games.is_empty() {
            return Err(DirError::Empty(root.to_path_buf()));
        }
        Ok(DirTaskSet {
            root: root.to_path_buf(),
            games,
        })
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Number of games.
    pub fn len(&self) -> usize {
        self.games.len()
    }

    /// Never true: [`DirTaskSet::open`] fails on an empty directory.
    pub fn is_empty(&self) -> bool {
        self.games.is_empty()
    }

    /// The `game.tw-pddl` paths, in order.
    pub fn paths(&self) -> &[PathBuf] {
        &self.games
    }

    /// Reads and loads game `i` (with its `traj_data.json` when present).
    pub fn game(&self, i: usize) -> Result<Game, DirError> {
        let path = self
            .games
            .get(i)
            .ok_or_else(|| DirError::Empty(self.root.clone()))?;
        load_game_file(path)
    }
}

/// Reads and loads one `game.tw-pddl` (with the `traj_data.json` beside it, when present).
pub fn load_game_file(path: &Path) -> Result<Game, DirError> {
    let json = std::fs::read_to_string(path).map_err(|source| DirError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let traj = std::fs::read_to_string(path.with_file_name("traj_data.json")).ok();
    Game::load(&json, traj.as_deref(), LoadOptions::default()).map_err(|source| DirError::Load {
        path: path.to_path_buf(),
        source,
    })
}
