//! `gridhouse report` in a real headless browser (Debian's Chromium): the page loads without
//! console errors, shows every episode and decodes every frame. The screenshot is kept in
//! `target/report/report.png`. Without Chromium the test says it is skipped, and fails when
//! `CI=true` (CI installs it).

mod common;
use common::gridhouse;
use gridhouse::Policy;
use gridhouse::policy::Actor;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Expert episodes as records with `actions`, as `gridhouse report` reads them.
fn records() -> String {
    let mut lines = String::new();
    for (id, seeds) in [
        ("BabyAI-GoToLocal-v0", 0..3u64),
        ("alfworld/valid_seen", 0..2),
    ] {
        let mut env = gridhouse::make(id).unwrap();
        for seed in seeds {
            env.reset(seed).unwrap();
            let mut actor = Actor::new(Policy::Expert, &env, seed).unwrap();
            let mut actions = Vec::new();
            loop {
                let c = actor.choose(&mut env).unwrap();
                actions.push(Actor::text_of(&env, c));
                if actor.apply(&mut env, c).unwrap().done() {
                    break;
                }
            }
            let v = serde_json::json!({"env_id": id, "seed": seed, "actions": actions, "success": true});
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
    }
    lines
}

fn chromium() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
}

/// Runs Chromium headless with `args` (plus the flags a closed network needs), at most 90 s.
fn run_chromium(bin: &Path, profile: &Path, args: &[String]) -> (String, String) {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().expect("chromium output");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn attr(dom: &str, name: &str) -> Option<u64> {
    let key = format!("{name}=\"");
    let i = dom.find(&key)? + key.len();
    dom[i..].split('"').next()?.parse().ok()
}

#[test]
fn report_renders_in_a_headless_browser() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/report");
    std::fs::create_dir_all(&dir).unwrap();
    let rec = dir.join("records.jsonl");
    std::fs::write(&rec, records()).unwrap();
    let html = dir.join("report.html");
    let (ok, stdout, stderr) = gridhouse(&[
        "report",
        rec.to_str().unwrap(),
        "--out",
        html.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("5 episodes (5 won)"), "{stdout}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "self-contained"
    );

    let Some(bin) = chromium() else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("Chromium not found under CI=true (.ci/run installs the chromium package)");
        }
        eprintln!(
            "skipped: no Chromium (apt-get install chromium) — the report was written but not opened"
        );
        return;
    };
    let profile = dir.join("chromium-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let url = format!("file://{}", html.canonicalize().unwrap().display());
    let (dom, log) = run_chromium(&bin, &profile, &["--dump-dom".to_string(), url.clone()]);
    let errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect();
    assert!(errors.is_empty(), "console messages: {errors:?}");
    assert_eq!(
        attr(&dom, "data-counted-episodes"),
        Some(5),
        "episodes visible"
    );
    let frames = attr(&dom, "data-frames").expect("frames counted");
    assert!(frames > 3, "BabyAI frames in the page: {frames}");
    assert_eq!(
        attr(&dom, "data-frames-ok"),
        Some(frames),
        "every frame decoded"
    );
    assert!(dom.contains("5 episodes, 5 won"));

    let shot = dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &bin,
        &profile,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600".to_string(),
            url,
        ],
    );
    let meta = std::fs::metadata(&shot).expect("screenshot written");
    assert!(meta.len() > 10_000, "screenshot of {} bytes", meta.len());
}
