//! `gridhouse render`: a Minigrid-identical frame (PNG) or an episode (animated GIF).

use gridhouse::frames::{GifWriter, encode_png};
use gridhouse::policy::{Actor, Choice, Policy};
use gridhouse::{BabyaiEnv, Env, FrameOptions, Renderer};
use std::path::PathBuf;

/// Arguments of `gridhouse render`.
#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// A BabyAI env id (a Minigrid level or a BALROG task).
    #[arg(long, value_name = "ID")]
    pub env: String,
    /// Reset seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Minigrid action ids to take after the reset, comma-separated (0 left, 1 right,
    /// 2 forward, 3 pickup, 4 drop, 5 toggle, 6 done).
    #[arg(long, value_delimiter = ',', conflicts_with = "policy")]
    pub actions: Option<Vec<u8>>,
    /// Play this policy instead (bot, expert or random) for at most --steps steps or until
    /// the episode ends.
    #[arg(long)]
    pub policy: Option<String>,
    /// With --policy: the most steps to play (1 to 100,000).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub steps: u32,
    /// Tile size in pixels (Minigrid's default 32; BALROG's POV uses 16).
    #[arg(long, default_value_t = 32)]
    pub tile_size: u32,
    /// The agent's point of view (`agent_pov=True`) instead of the full grid.
    #[arg(long)]
    pub pov: bool,
    /// No highlight of the agent's view on the full grid.
    #[arg(long)]
    pub no_highlight: bool,
    /// GIF frame delay in hundredths of a second.
    #[arg(long, default_value_t = 20)]
    pub delay: u16,
    /// Output file: `.png` (the frame after the actions) or `.gif` (the whole episode).
    #[arg(long)]
    pub out: PathBuf,
}

/// `gridhouse render`.
pub fn cmd(args: &RenderArgs) -> Result<std::process::ExitCode, String> {
    let gif = match args.out.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("gif") => true,
        Some(e) if e.eq_ignore_ascii_case("png") => false,
        _ => {
            return Err(format!(
                "--out {}: name a .png or .gif file",
                args.out.display()
            ));
        }
    };
    let mut env = gridhouse::make(&args.env)?;
    if env.babyai().is_none() {
        return Err(format!(
            "{}: pictures are drawn for BabyAI envs only",
            args.env
        ));
    }
    env.reset(args.seed)?;
    let options = if args.pov {
        FrameOptions::pov(args.tile_size)
    } else {
        FrameOptions::full(args.tile_size, !args.no_highlight)
    };
    let mut renderer = Renderer::new();
    let mut frame = Vec::new();
    let draw = |env: &Env, renderer: &mut Renderer, frame: &mut Vec<u8>| {
        babyai(env).render(renderer, options, frame)
    };
    let (w, h) = draw(&env, &mut renderer, &mut frame)?;
    let mut writer = if gif {
        let mut g = GifWriter::new(w, h, args.delay).map_err(|e| e.to_string())?;
        g.push(&frame).map_err(|e| e.to_string())?;
        Some(g)
    } else {
        None
    };
    let mut taken = 0u32;
    let mut after_step = |env: &Env, renderer: &mut Renderer, frame: &mut Vec<u8>| {
        taken += 1;
        if let Some(g) = writer.as_mut() {
            draw(env, renderer, frame)?;
            g.push(frame)
                .map_err(|e| gridhouse::Error::Invalid(e.to_string()))?;
        }
        Ok::<(), gridhouse::Error>(())
    };
    match (&args.actions, &args.policy) {
        (Some(actions), _) => {
            for &a in actions {
                let action = babyai_core::Action::try_from(a)
                    .map_err(|_| format!("--actions: {a} is not a Minigrid action (0 to 6)"))?;
                let _ = env.babyai_mut().expect("checked").step(action);
                after_step(&env, &mut renderer, &mut frame)?;
            }
        }
        (None, Some(p)) => {
            let policy = Policy::parse(p)?;
            let mut actor = Actor::new(policy, &env, args.seed)?;
            for _ in 0..args.steps {
                let choice: Choice = actor.choose(&mut env)?;
                let step = actor.apply(&mut env, choice)?;
                after_step(&env, &mut renderer, &mut frame)?;
                if step.done() {
                    break;
                }
            }
        }
        (None, None) => {}
    }
    let bytes = match writer {
        Some(g) => {
            let n = g.frames();
            let bytes = g.finish().map_err(|e| e.to_string())?;
            println!("{} frames, {w}x{h}", n);
            bytes
        }
        None => {
            draw(&env, &mut renderer, &mut frame)?;
            println!("1 frame, {w}x{h}");
            encode_png(&frame, w, h).map_err(|e| e.to_string())?
        }
    };
    std::fs::write(&args.out, bytes)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    println!("wrote {} ({taken} steps)", args.out.display());
    Ok(std::process::ExitCode::SUCCESS)
}

fn babyai(env: &Env) -> &BabyaiEnv {
    env.babyai().expect("checked to be a BabyAI env")
}
