//! The ALFWorld parts of the CLI: a person playing by typing commands, and export of a
//! generated game as an ALFWorld game folder.

use alfworld_core::generator::{TaskSet, Wording, export};
use alfworld_core::{Command, GameEnv};
use gridhouse::alfworld::{Games, parse_wording};
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// Arguments of `gridhouse play` for ALFWorld.
pub struct PlayOptions<'a> {
    /// The games.
    pub games: &'a Games,
    /// Which game.
    pub index: usize,
    /// The wording of generated games.
    pub wording: Wording,
    /// Echo each command after the prompt (input piped, not typed: a terminal echoes it).
    pub echo: bool,
}

/// A person plays one game: prints the intro, reads one command per line, prints the
/// feedback. `admissible` lists the commands; `help` plays ALFWorld's help (or explains the
/// CLI when the game has none); `quit` ends. Returns whether the game was won.
pub fn play(
    opts: &PlayOptions<'_>,
    input: impl BufRead,
    mut out: impl Write,
) -> Result<bool, String> {
    let game = opts.games.game(opts.index, opts.wording)?;
    let dialect: Wording = game.wording();
    let mut env = GameEnv::new(game, dialect);
    env.set_lenient(true);
    let io = |e: std::io::Error| format!("cannot write: {e}");
    let intro = env.reset().to_string();
    writeln!(out, "{intro}").map_err(io)?;
    writeln!(
        out,
        "(type a command; `admissible` lists the commands, `help` explains them, `quit` ends)"
    )
    .map_err(io)?;
    let mut lines = input.lines();
    loop {
        write!(out, "> ").map_err(io)?;
        out.flush().map_err(io)?;
        let Some(line) = lines.next() else {
            writeln!(out).map_err(io)?;
            break;
        };
        let line = line.map_err(|e| format!("cannot read input: {e}"))?;
        let cmd = line.trim();
        if opts.echo {
            writeln!(out, "{cmd}").map_err(io)?;
        }
        if cmd.is_empty() {
            continue;
        }
        if cmd.eq_ignore_ascii_case("quit") || cmd.eq_ignore_ascii_case("exit") {
            writeln!(out, "quit after {}", steps(env.steps())).map_err(io)?;
            return Ok(false);
        }
        if cmd.eq_ignore_ascii_case("admissible") || cmd.eq_ignore_ascii_case("commands") {
            for t in env.admissible_texts() {
                writeln!(out, "  {t}").map_err(io)?;
            }
            continue;
        }
        if cmd.eq_ignore_ascii_case("help") && !env.is_admissible(Command::Help) {
            writeln!(
                out,
                "This game has no `help` action. Commands: go to X, open X, close X, take O from X, \
                 {}, heat/cool/clean O with X, use O, examine X, look, inventory. Type `admissible` \
                 for the exact list.",
                match dialect {
                    Wording::V03 => "put O in/on X",
                    _ => "move O to X",
                }
            )
            .map_err(io)?;
            continue;
        }
        let o = env.step_text(cmd);
        let (fb, won) = (o.feedback.to_string(), o.won);
        writeln!(out, "{fb}").map_err(io)?;
        if won {
            writeln!(out, "You won in {}.", steps(env.steps())).map_err(io)?;
            return Ok(true);
        }
    }
    writeln!(out, "end of input after {}", steps(env.steps())).map_err(io)?;
    Ok(false)
}

/// Arguments of `gridhouse export alfworld`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The split: train, valid_seen or valid_unseen (optionally `SET/TASK_TYPE[/ROOM_KIND]`:
    /// the index is then within the filtered set).
    #[arg(long)]
    pub set: String,
    /// Game index in the set.
    #[arg(long)]
    pub index: usize,
    /// Output folder (created; `game.tw-pddl` and `traj_data.json` are written there).
    #[arg(long)]
    pub out: PathBuf,
    /// Wording: 0.4.2 (`move`, `help`) or 0.3 (`put … in/on`, `You arrive at loc N`).
    #[arg(long, default_value = "0.4.2")]
    pub dialect: String,
    /// Overwrite the files of a non-empty output folder.
    #[arg(long)]
    pub force: bool,
}

/// `gridhouse export alfworld`.
pub fn cmd_export(args: &ExportArgs) -> Result<std::process::ExitCode, String> {
    let wording = parse_wording(&args.dialect)?;
    if args.out.is_dir()
        && !args.force
        && std::fs::read_dir(&args.out).is_ok_and(|mut d| d.next().is_some())
    {
        return Err(format!(
            "{} is not empty: refusing to overwrite (pass --force)",
            args.out.display()
        ));
    }
    let id = format!("alfworld/{}", args.set);
    let set = TaskSet::from_env_id(&id).map_err(|e| e.to_string())?;
    let game = set
        .game(args.index)
        .ok_or_else(|| format!("{id} has {} games: no index {}", set.len(), args.index))?;
    export::write_game_folder(&game, wording, &args.out).map_err(|e| e.to_string())?;
    println!(
        "wrote {} ({}) to {}",
        game.name(),
        game.task.sentence,
        args.out.display()
    );
    Ok(std::process::ExitCode::SUCCESS)
}

/// `"1 step"`, `"N steps"`.
fn steps(n: u32) -> String {
    let mut s = String::new();
    text_render::steps(&mut s, u64::from(n));
    s
}
