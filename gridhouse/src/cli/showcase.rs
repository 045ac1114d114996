//! `gridhouse showcase`: the main job in one command. Plays both engines with their experts
//! and a random policy, then steps a batch, and prints success rates and throughput.

use crate::cli::rollout::Progress;
use gridhouse::{AutoResetMode, Batch, Policy, batch_out, play_episode};
use std::time::Instant;

/// Arguments of `gridhouse showcase`.
#[derive(clap::Args, Debug)]
pub struct ShowcaseArgs {
    /// Episodes per env and policy (1 to 100,000).
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub episodes: u64,
    /// First seed (episode i uses seed S + i; ALFWorld: game (S + i) mod the set's size).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=u64::MAX / 2))]
    pub seed: u64,
}

/// The envs the showcase plays: a small and the largest BabyAI level, BALROG's five tasks,
/// and ALFWorld's unseen split.
const ENVS: &[&str] = &[
    "BabyAI-GoToLocal-v0",
    "BabyAI-BossLevel-v0",
    "BabyAI-MixedTrainLocal-v0/goto",
    "BabyAI-MixedTrainLocal-v0/pickup",
    "BabyAI-MixedTrainLocal-v0/open",
    "BabyAI-MixedTrainLocal-v0/putnext",
    "BabyAI-MixedTrainLocal-v0/pick_up_seq_go_to",
    "alfworld/valid_unseen",
];

/// `gridhouse showcase`.
pub fn cmd(args: &ShowcaseArgs) -> Result<std::process::ExitCode, String> {
    println!(
        "Gridhouse showcase: {} episodes per env and policy, seeds {}.., then a batch of 1024\n",
        args.episodes, args.seed
    );
    println!(
        "{:44} {:8} {:>8} {:>9} {:>12} {:>12}",
        "env", "policy", "success", "mean len", "episodes/s", "steps/s"
    );
    let total = ENVS.len() as u64 * 2 * args.episodes;
    let mut bar = Progress::new(total);
    let mut done = 0;
    for id in ENVS {
        let mut env = gridhouse::make(id)?;
        for policy in [Policy::Expert, Policy::Random] {
            let start = Instant::now();
            let (mut wins, mut steps) = (0u64, 0u64);
            for i in 0..args.episodes {
                let r = play_episode(&mut env, policy, args.seed + i)?;
                wins += u64::from(r.success);
                steps += u64::from(r.length);
                done += 1;
                bar.tick(done);
            }
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            let name = match (policy, env.engine()) {
                (Policy::Expert, gridhouse::Engine::Babyai) => "bot",
                (Policy::Expert, gridhouse::Engine::Alfworld) => "oracle",
                _ => policy.name(),
            };
            bar.clear();
            println!(
                "{:44} {:8} {:>7.1}% {:>9.1} {:>12.0} {:>12.0}",
                id,
                name,
                100.0 * wins as f64 / args.episodes as f64,
                steps as f64 / args.episodes as f64,
                args.episodes as f64 / secs,
                steps as f64 / secs,
            );
        }
    }
    batch_throughput()?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// One second of random actions on a batch of 1024 GoToLocal envs (images every step), on
/// one thread and on all cores.
fn batch_throughput() -> Result<(), String> {
    let n = 1024;
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    println!();
    for threads in [1, cores] {
        let mut batch = Batch::new(
            "BabyAI-GoToLocal-v0",
            n,
            7,
            AutoResetMode::SameStep,
            threads,
        )?;
        let mut obs = vec![[0u8; 147]; n];
        let (mut r, mut te, mut tr) = (vec![0.0; n], vec![false; n], vec![false; n]);
        let mut rng = babyai_core::rng::Pcg64::from_seed(7);
        let mut actions = vec![babyai_core::Action::Forward; n];
        let start = Instant::now();
        let mut steps = 0u64;
        while start.elapsed().as_secs_f64() < 1.0 {
            for a in actions.iter_mut() {
                *a = babyai_core::ACTIONS[rng.integers(0, 3) as usize];
            }
            batch.step(
                &actions,
                batch_out(&mut obs, &mut r, &mut te, &mut tr),
                None,
            )?;
            steps += n as u64;
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "batch of {n} BabyAI-GoToLocal-v0 envs, random actions, 7x7x3 images: {:.1}M steps/s on {threads} thread{}",
            steps as f64 / secs / 1e6,
            if threads == 1 { "" } else { "s" }
        );
        if cores == 1 {
            break;
        }
    }
    Ok(())
}
