//! `gridhouse play`: a person (or a script on stdin) plays a BabyAI level through BALROG's
//! text observation and its six text actions, or an ALFWorld game by typing its commands.

use babyai_core::Action;
use gridhouse::BabyaiEnv;
use std::io::{BufRead, IsTerminal, Write};
use text_render::babyai::{BalrogAction, instruction_prompt};

/// Arguments of `gridhouse play`.
#[derive(clap::Args, Debug)]
pub struct PlayArgs {
    /// Env id: a BabyAI level (see `gridhouse list`) or a BALROG task
    /// (BabyAI-MixedTrainLocal-v0/goto, /pickup, /open, /putnext, /pick_up_seq_go_to), or an
    /// ALFWorld task set (`alfworld/SET[/TASK_TYPE]`, with --index) or `alfworld-dir:PATH`.
    /// Required unless --game is given.
    #[arg(long, value_name = "ID")]
    pub env: Option<String>,
    /// ALFWorld: the game index in the task set (default 0).
    #[arg(long)]
    pub index: Option<usize>,
    /// ALFWorld: play this `game.tw-pddl` file (its `traj_data.json` beside it is read too).
    #[arg(long)]
    pub game: Option<std::path::PathBuf>,
    /// ALFWorld: wording of generated games, 0.4.2 or 0.3.
    #[arg(long, default_value = "0.4.2")]
    pub dialect: String,
    /// BabyAI: the reset seed (default 0).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Show Gridhouse's fuller description (all walls, "an open door", what is in front)
    /// instead of BALROG's text.
    #[arg(long)]
    pub full: bool,
    /// Print BALROG's instruction prompt for the mission first.
    #[arg(long)]
    pub prompt: bool,
}

/// Plays one episode, reading actions from `input` and writing everything to `out`.
/// Returns whether the episode was won.
pub fn play(args: &PlayArgs, input: impl BufRead, mut out: impl Write) -> Result<bool, String> {
    let id = args.env.as_deref().unwrap_or("");
    if args.game.is_some() || id.starts_with("alfworld") {
        use crate::cli::alfworld::PlayOptions;
        use gridhouse::alfworld::{Games, parse_wording};
        for (given, name) in [
            (args.prompt, "--prompt"),
            (args.full, "--full"),
            (args.seed.is_some(), "--seed"),
        ] {
            if given {
                return Err(format!(
                    "{name} applies to BabyAI; an ALFWorld game is chosen with --index"
                ));
            }
        }
        let games = match &args.game {
            Some(p) => Games::File(p.clone()),
            None => Games::from_env_id(id)?,
        };
        let index = args.index.unwrap_or(0);
        if index >= games.len() {
            return Err(format!("{id} has {} games: no index {index}", games.len(),));
        }
        let opts = PlayOptions {
            games: &games,
            index,
            wording: parse_wording(&args.dialect)?,
            echo: !std::io::stdin().is_terminal(),
        };
        return crate::cli::alfworld::play(&opts, input, out);
    }
    if id.is_empty() {
        return Err("--env ID is required (or --game FILE for an ALFWorld game)".to_string());
    }
    if args.index.is_some() {
        return Err(
            "--index applies to ALFWorld task sets; a BabyAI episode is chosen with --seed"
                .to_string(),
        );
    }
    if args.dialect != "0.4.2" {
        return Err("--dialect applies to ALFWorld only".to_string());
    }
    let seed = args.seed.unwrap_or(0);
    let mut env = BabyaiEnv::make(id)?;
    env.reset(seed);
    let io = |e: std::io::Error| format!("cannot write: {e}");
    let mut text = String::new();
    if args.prompt {
        instruction_prompt(env.env().mission(), &mut text);
        writeln!(out, "{text}\n").map_err(io)?;
    }
    writeln!(
        out,
        "{} (seed {}), at most {} steps. Mission: {}",
        id,
        seed,
        env.env().max_steps(),
        env.env().mission()
    )
    .map_err(io)?;
    writeln!(
        out,
        "Actions: turn left, turn right, go forward, pick up, drop, toggle (or quit)."
    )
    .map_err(io)?;
    let mut lines = input.lines();
    let mut total = 0.0;
    loop {
        text.clear();
        if args.full {
            env.env().text_full(&mut text);
        } else {
            env.env().balrog_text(&mut text);
        }
        write!(out, "\nObservation:\n{text}\n> ").map_err(io)?;
        out.flush().map_err(io)?;
        let Some(line) = lines.next() else {
            writeln!(out, "end of input after {}", steps(env.env().step_count())).map_err(io)?;
            return Ok(false);
        };
        let line = line.map_err(|e| format!("cannot read input: {e}"))?;
        let trimmed = line.trim();
        if trimmed.eq_ignore_ascii_case("quit") || trimmed.eq_ignore_ascii_case("exit") {
            writeln!(out, "quit after {}", steps(env.env().step_count())).map_err(io)?;
            return Ok(false);
        }
        let action = match BalrogAction::parse(trimmed) {
            Ok(a) => a,
            Err(e) => {
                writeln!(out, "{e}").map_err(io)?;
                continue;
            }
        };
        let minigrid = Action::try_from(action.index()).map_err(|e| e.to_string())?;
        let step = env.step(minigrid);
        total += step.reward;
        writeln!(out, "You chose: {action}. Reward {:.4}.", step.reward).map_err(io)?;
        if step.terminated || step.truncated {
            let won = step.reward > 0.0;
            writeln!(
                out,
                "Episode over after {}: {}, return {total:.4}.",
                steps(env.env().step_count()),
                if won {
                    "success"
                } else if step.truncated {
                    "out of steps"
                } else {
                    "failure"
                }
            )
            .map_err(io)?;
            return Ok(won);
        }
    }
}

/// `gridhouse play`: plays on stdin/stdout; exit status 0 on a win, 1 otherwise.
pub fn cmd(args: &PlayArgs) -> Result<std::process::ExitCode, String> {
    let won = play(args, std::io::stdin().lock(), std::io::stdout().lock())?;
    Ok(if won {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}

/// `"1 step"`, `"N steps"`.
fn steps(n: u32) -> String {
    let mut s = String::new();
    text_render::steps(&mut s, u64::from(n));
    s
}
