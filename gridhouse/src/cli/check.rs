//! `gridhouse check`: the engines' invariant suite (`babyai_core::proptest_support`,
//! `alfworld_core::proptest_support`) over random seeds and action or command sequences,
//! for any env id. Each violation is shrunk by proptest and printed on stdout as a trace
//! line `gridhouse replay` runs; progress goes to stderr. Exit code 1 on a violation.

use alfworld_core::proptest_support::{self as apt, CheckedGame, CmdMove};
use alfworld_core::{GameEnv, Wording};
use babyai_core::proptest_support::{self as bpt, Failure, Move, Stepper};
use babyai_core::{Action, BabyEnv, Step};
use gridhouse::Engine;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// The arguments of `gridhouse check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// An env id to check (repeatable). Default: every id of `gridhouse list`.
    #[arg(long = "env", value_name = "ID")]
    envs: Vec<String>,
    /// Random cases (seed + action or command sequence) per env id (1 to 1000000).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    cases: u32,
    /// The seed of the case generator (the same seed checks the same cases).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The most actions or commands per case (1 to 10000).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    max_actions: u32,
    /// Test builds only: break a rule on purpose to see the suite catch it
    /// (`walk-through-walls`: BabyAI's forward move enters inner walls).
    #[arg(long, hide = true, value_name = "BUG")]
    inject_bug: Option<String>,
}

/// A BabyAI level or BALROG task as an invariant-suite stepper (optionally broken).
struct Baby {
    env: BabyKind,
    walk_through_walls: bool,
}

enum BabyKind {
    Level(babyai_core::LevelEnv),
    Mixed(babyai_core::balrog::MixedTrainLocal),
}

impl Baby {
    fn make(id: &str, walk_through_walls: bool) -> Result<Baby, String> {
        let env = match babyai_core::make(id) {
            Ok(l) => BabyKind::Level(l),
            Err(e) => BabyKind::Mixed(
                babyai_core::balrog::MixedTrainLocal::from_id(id).map_err(|_| e.to_string())?,
            ),
        };
        Ok(Baby {
            env,
            walk_through_walls,
        })
    }

    fn reset(&mut self, seed: u64) {
        match &mut self.env {
            BabyKind::Level(l) => l.reset(seed),
            BabyKind::Mixed(m) => m.reset(seed),
        }
    }

    fn env_mut(&mut self) -> &mut BabyEnv {
        match &mut self.env {
            BabyKind::Level(l) => l.env_mut(),
            BabyKind::Mixed(m) => m.env_mut(),
        }
    }
}

impl Stepper for Baby {
    fn env(&self) -> &BabyEnv {
        match &self.env {
            BabyKind::Level(l) => l.env(),
            BabyKind::Mixed(m) => m.env(),
        }
    }

    fn step(&mut self, action: Action) -> Step {
        let w = Stepper::env(self).world();
        let (fx, fy) = w.front_pos();
        let into_inner_wall = self.walk_through_walls
            && action == Action::Forward
            && fx > 0
            && fy > 0
            && fx < w.grid.width() - 1
            && fy < w.grid.height() - 1
            && w.grid.get(fx, fy) == babyai_core::world::Cell::Wall;
        let s = match &mut self.env {
            BabyKind::Level(l) => l.step(action),
            BabyKind::Mixed(m) => m.step(action),
        };
        if into_inner_wall {
            self.env_mut().world_mut().agent_pos = (fx, fy);
        }
        s
    }

    fn reset_obs_stale(&self) -> bool {
        match &self.env {
            BabyKind::Level(l) => l.reset_obs_stale(),
            BabyKind::Mixed(_) => false,
        }
    }
}

fn runner(args: &CheckArgs) -> TestRunner {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&args.seed.to_le_bytes());
    TestRunner::new_with_rng(
        Config {
            cases: args.cases,
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &key),
    )
}

/// Progress on stderr (rewritten in place on a terminal).
struct Progress {
    id: String,
    tty: bool,
    done: std::cell::Cell<u32>,
    total: u32,
}

impl Progress {
    fn tick(&self) {
        let done = self.done.get() + 1;
        self.done.set(done);
        if self.tty && (done.is_multiple_of(16) || done == self.total) {
            eprint!(
                "\r{}: {}/{} cases",
                self.id,
                done.min(self.total),
                self.total
            );
            let _ = std::io::stderr().flush();
        }
    }
}

/// What one id's check found: `None` when clean, else the replayable trace line and a
/// one-line description.
type Found = Option<(String, String)>;

fn check_babyai(id: &str, args: &CheckArgs, progress: &Progress) -> Result<Found, String> {
    let broken = match args.inject_bug.as_deref() {
        None => false,
        Some("walk-through-walls") => true,
        Some(other) => {
            return Err(format!(
                "--inject-bug {other:?}: unknown (walk-through-walls)"
            ));
        }
    };
    let mut env = Baby::make(id, broken)?;
    let mut run = |seed: u64, moves: &[Move]| -> Result<Vec<Action>, Failure> {
        env.reset(seed);
        bpt::check_episode(&mut env, moves)
    };
    let max = args.max_actions as usize;
    let strategy = (bpt::seed(), bpt::moves(1..max + 1));
    let result = RefCell::new(&mut run);
    let outcome = runner(args).run(&strategy, |(seed, moves)| {
        progress.tick();
        (result.borrow_mut())(seed, &moves)
            .map(|_| ())
            .map_err(|f| TestCaseError::fail(f.to_string()))
    });
    match outcome {
        Ok(()) => Ok(None),
        Err(TestError::Fail(_, (seed, moves))) => {
            let f = (result.borrow_mut())(seed, &moves)
                .err()
                .ok_or("the shrunk case passed when run again")?;
            let line = bpt::trace_line(id, seed, &f.actions, Some(&f.violation))
                .map_err(|e| e.to_string())?;
            Ok(Some((line, format!("seed {seed}: {f}"))))
        }
        Err(TestError::Abort(why)) => Err(format!("{id}: {why}")),
    }
}

/// The games of an ALFWorld id, loaded on first use.
struct AlfGames {
    id: String,
    len: usize,
    dir: Option<std::sync::Arc<gridhouse::alfworld::Games>>,
    wording: Wording,
    cache: BTreeMap<usize, CheckedGame>,
}

impl AlfGames {
    fn open(id: &str) -> Result<AlfGames, String> {
        let env = gridhouse::AlfworldEnv::make(id).map_err(|e| e.to_string())?;
        let games = std::sync::Arc::clone(env.games());
        let generated = matches!(*games, gridhouse::alfworld::Games::Set(_));
        Ok(AlfGames {
            id: id.to_string(),
            len: env.num_games(),
            dir: (!generated).then_some(games),
            wording: env.wording(),
            cache: BTreeMap::new(),
        })
    }

    fn game(&mut self, i: usize) -> Result<&CheckedGame, String> {
        if !self.cache.contains_key(&i) {
            let g = match &self.dir {
                None => CheckedGame::task_set_game(&self.id, i, self.wording)?,
                Some(games) => {
                    let path = games.path(i).ok_or("no game file")?;
                    let json = std::fs::read_to_string(path)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    let traj = std::fs::read_to_string(path.with_file_name("traj_data.json")).ok();
                    CheckedGame::load(&json, traj.as_deref())?
                }
            };
            self.cache.insert(i, g);
        }
        Ok(&self.cache[&i])
    }

    fn gamefile(&self, i: usize) -> Option<String> {
        let games = self.dir.as_ref()?;
        games.path(i).map(|p| p.display().to_string())
    }
}

fn check_alfworld(id: &str, args: &CheckArgs, progress: &Progress) -> Result<Found, String> {
    if args.inject_bug.is_some() {
        return Err("--inject-bug applies to BabyAI ids only".to_string());
    }
    let games = RefCell::new(AlfGames::open(id)?);
    let n = games.borrow().len.max(1);
    let max = args.max_actions as usize;
    let strategy = (0..n, apt::walk(1..max + 1));
    let run = |i: usize, walk: &[CmdMove]| -> Result<Result<Vec<String>, apt::Failure>, String> {
        let mut gs = games.borrow_mut();
        let wording = gs.wording;
        let g = gs.game(i)?;
        let mut env = GameEnv::new(g.game.clone(), wording);
        Ok(apt::check_walk(&mut env, g, walk))
    };
    let load_error = RefCell::new(None);
    let outcome = runner(args).run(&strategy, |(i, walk)| {
        progress.tick();
        match run(i, &walk) {
            Ok(r) => r
                .map(|_| ())
                .map_err(|f| TestCaseError::fail(f.to_string())),
            Err(e) => {
                *load_error.borrow_mut() = Some(e.clone());
                Err(TestCaseError::fail(e))
            }
        }
    });
    if let Some(e) = load_error.into_inner() {
        return Err(format!("{id}: {e}"));
    }
    match outcome {
        Ok(()) => Ok(None),
        Err(TestError::Fail(_, (i, walk))) => {
            let f = run(i, &walk)?
                .err()
                .ok_or("the shrunk case passed when run again")?;
            let gs = games.borrow();
            let g = &gs.cache[&i];
            let file = gs.gamefile(i);
            let line = apt::trace_line(
                g,
                file.as_deref(),
                gs.wording,
                &f.commands,
                Some(&f.violation),
            );
            Ok(Some((line, format!("game {i}: {f}"))))
        }
        Err(TestError::Abort(why)) => Err(format!("{id}: {why}")),
    }
}

/// Runs `gridhouse check`.
pub fn cmd(args: &CheckArgs) -> Result<ExitCode, String> {
    let ids: Vec<(String, Engine)> = if args.envs.is_empty() {
        gridhouse::list()
            .into_iter()
            .map(|e| (e.id, e.engine))
            .collect()
    } else {
        args.envs
            .iter()
            .map(|id| gridhouse::make(id).map(|e| (id.clone(), e.engine())))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?
    };
    let tty = std::io::stderr().is_terminal();
    let mut violations = 0usize;
    for (id, engine) in &ids {
        let progress = Progress {
            id: id.clone(),
            tty,
            done: std::cell::Cell::new(0),
            total: args.cases,
        };
        let found = match engine {
            Engine::Babyai => check_babyai(id, args, &progress)?,
            Engine::Alfworld => check_alfworld(id, args, &progress)?,
        };
        if tty {
            eprint!("\r");
        }
        match found {
            None => eprintln!("{id}: ok ({} cases)", args.cases),
            Some((line, what)) => {
                violations += 1;
                eprintln!("{id}: VIOLATION (shrunk) {what}");
                println!("{line}");
            }
        }
    }
    eprintln!(
        "{} env ids checked, {violations} with a violation{}",
        ids.len(),
        if violations > 0 {
            " (each printed as a trace line on stdout: save it and run `gridhouse replay babyai FILE` or `gridhouse replay alfworld FILE`)"
        } else {
            ""
        }
    );
    Ok(if violations == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
