//! `gridhouse-learn curve --out PNG`: bot demos -> behavioural cloning -> held-out success,
//! for the figure's tasks at 10, 100, 1,000 and 10,000 demonstrations.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use gridhouse_learn::curve::{self, Config, FIGURE_DEMOS};
use gridhouse_learn::eval::Decode;
use gridhouse_learn::plot;
use gridhouse_learn::task::Task;

const USAGE: &str = "usage: gridhouse-learn curve --out PNG [--table MD] [--demos 10,100,1000,10000] \
[--episodes 1000] [--tasks ID,ID,...] [--text-tasks ID,...] [--decode sample|greedy] [--jobs 2]";

struct Args {
    out: PathBuf,
    table: Option<PathBuf>,
    demos: Vec<usize>,
    episodes: u32,
    tasks: Option<Vec<Task>>,
    decode: Decode,
    jobs: usize,
}

fn parse(args: &[String]) -> Result<Args, String> {
    if args.first().map(String::as_str) != Some("curve") {
        return Err(USAGE.to_string());
    }
    let mut a = Args {
        out: PathBuf::from("learning_curve.png"),
        table: None,
        demos: FIGURE_DEMOS.to_vec(),
        episodes: 1_000,
        tasks: None,
        decode: Decode::Sample,
        jobs: 2,
    };
    let mut it = args[1..].iter();
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        match flag.as_str() {
            "--out" => a.out = PathBuf::from(value),
            "--table" => a.table = Some(PathBuf::from(value)),
            "--demos" => {
                a.demos = value
                    .split(',')
                    .map(|s| s.parse::<usize>().map_err(|e| format!("--demos {s}: {e}")))
                    .collect::<Result<_, _>>()?;
                a.demos.sort_unstable();
                if a.demos.is_empty() || a.demos[0] == 0 {
                    return Err("--demos needs positive counts".to_string());
                }
            }
            "--episodes" => {
                a.episodes = value
                    .parse()
                    .map_err(|e| format!("--episodes {value}: {e}"))?
            }
            "--tasks" | "--text-tasks" => {
                let make = if flag == "--tasks" {
                    Task::image
                } else {
                    Task::text
                };
                a.tasks
                    .get_or_insert_with(Vec::new)
                    .extend(value.split(',').map(make));
            }
            "--jobs" => {
                a.jobs = value.parse().map_err(|e| format!("--jobs {value}: {e}"))?;
                a.jobs = a.jobs.max(1);
            }
            "--decode" => {
                a.decode = match value.as_str() {
                    "sample" => Decode::Sample,
                    "greedy" => Decode::Greedy,
                    _ => return Err(format!("--decode {value}: sample or greedy")),
                }
            }
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    Ok(a)
}

/// candle runs each tensor operation on a pool of spinning threads sized by these variables
/// (read once, before any tensor work). On a small, shared CPU the spinning costs more than
/// it gains for this model's small operations, and one thread per task also makes the
/// floating-point results independent of the machine's core count; the tasks themselves run
/// in parallel (`--jobs`). The variables are only read from the environment, so the program
/// starts itself again with them set when the caller did not set them.
const THREAD_VARS: [&str; 2] = ["CANDLE_NUM_THREADS", "RAYON_NUM_THREADS"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if THREAD_VARS.iter().any(|v| std::env::var_os(v).is_none()) {
        let exe = match std::env::current_exe() {
            Ok(exe) => exe,
            Err(e) => {
                eprintln!("error: cannot find this program to restart it: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut cmd = Command::new(exe);
        cmd.args(&args);
        for v in THREAD_VARS {
            if std::env::var_os(v).is_none() {
                cmd.env(v, "1");
            }
        }
        return match cmd.status() {
            Ok(s) if s.success() => ExitCode::SUCCESS,
            Ok(s) => ExitCode::from(s.code().unwrap_or(1).clamp(1, 255) as u8),
            Err(e) => {
                eprintln!("error: restarting with one candle thread: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let a = match parse(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let cfg = Config {
        episodes: a.episodes,
        decode: a.decode,
        ..Config::figure()
    };
    let tasks = a.tasks.clone().unwrap_or_else(curve::figure_tasks);
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<Result<curve::TaskCurve, String>>>> =
        Mutex::new(vec![None; tasks.len()]);
    std::thread::scope(|scope| {
        for _ in 0..a.jobs.min(tasks.len()) {
            scope.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap_or_else(|e| e.into_inner());
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(task) = tasks.get(i) else { break };
                    let r = curve::run_task(task, &a.demos, &cfg).map_err(|e| e.to_string());
                    if let Ok(c) = &r {
                        for p in &c.points {
                            eprintln!(
                                "{} {:>6} demos: success {:.3} (random {:.3}), loss {:.3}, train {:.1}s, eval {:.1}s",
                                task.label(),
                                p.demos,
                                p.success.rate(),
                                c.random.rate(),
                                p.final_loss,
                                p.train_time.as_secs_f64(),
                                p.eval_time.as_secs_f64()
                            );
                        }
                    }
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                }
            });
        }
    });
    let mut curves = Vec::new();
    let (mut demo_t, mut train_t, mut eval_t) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for (task, r) in tasks
        .iter()
        .zip(results.into_inner().unwrap_or_else(|e| e.into_inner()))
    {
        match r {
            Some(Ok(c)) => {
                demo_t += c.demo_time;
                eval_t += c.random_time;
                for p in &c.points {
                    train_t += p.train_time;
                    eval_t += p.eval_time;
                }
                eprintln!(
                    "{}: demos {:.1}s ({} seeds for {} demos)",
                    task.label(),
                    c.demo_time.as_secs_f64(),
                    c.seeds_tried,
                    a.demos.last().copied().unwrap_or(0)
                );
                curves.push(c);
            }
            Some(Err(e)) => {
                eprintln!("error: {}: {e}", task.id);
                return ExitCode::FAILURE;
            }
            None => {
                eprintln!("error: {}: not run", task.id);
                return ExitCode::FAILURE;
            }
        }
    }
    let table = curve::markdown_table(&curves);
    let total = start.elapsed();
    let timing = format!(
        "wall {:.0}s with {} parallel task(s); summed over tasks: demos {:.0}s, training {:.0}s, evaluation {:.0}s",
        total.as_secs_f64(),
        a.jobs,
        demo_t.as_secs_f64(),
        train_t.as_secs_f64(),
        eval_t.as_secs_f64()
    );
    println!("{table}\n{timing}");
    let subtitle = format!(
        "{} held-out episodes per point (seeds >= 10^12,\ndisjoint from training seeds 0..).\n\
         Model: embedding bags + 2-layer MLP (candle, CPU).\nAction decoding: {:?}.",
        a.episodes, a.decode
    );
    if let Err(e) = plot::draw(&curves, &a.out, &subtitle) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if let Some(path) = &a.table
        && let Err(e) = std::fs::write(path, format!("{table}\n{timing}\n"))
    {
        eprintln!("error: writing {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {}", a.out.display());
    ExitCode::SUCCESS
}
