//! Frames from [`babyai_core::render`] against frames recorded from Minigrid 3.2.0's own
//! renderer, byte for byte: a committed sample (`fixtures/frames/`, always run) and every
//! frame of the shared reference data (`../shared/reference/babyai/frames/`).
//!
//! Each frame is rebuilt from its index record: `make(env_id)`, `reset(seed)`, then the
//! recorded actions, then drawn with the record's `tile_size`, `highlight`, `agent_pov`.

use babyai_core::render::{FrameOptions, Renderer};
use babyai_core::{Action, make};
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/frames");
const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/reference/babyai/frames"
);

/// The recorded frames (PNG files) in the reference data.
const REFERENCE_FRAMES: usize = 1052;

/// Decodes an 8-bit RGB PNG into `(width, height, pixels)`.
fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane PNG size")];
    let info = reader.next_frame(&mut buf).expect("a PNG frame");
    assert_eq!(info.color_type, png::ColorType::Rgb, "{}", path.display());
    assert_eq!(info.bit_depth, png::BitDepth::Eight, "{}", path.display());
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Rebuilds and draws the frame of one index record.
fn draw(rec: &Value, renderer: &mut Renderer, out: &mut Vec<u8>) -> (u32, u32) {
    let id = rec["env_id"].as_str().expect("env_id");
    let mut env = make(id).unwrap_or_else(|e| panic!("{id}: {e}"));
    env.reset(rec["seed"].as_u64().expect("seed"));
    for a in rec["actions"].as_array().expect("actions") {
        let a = a.as_u64().expect("an action index") as u8;
        let _ = env.step(Action::try_from(a).expect("a valid action"));
    }
    let opts = FrameOptions {
        tile_size: rec["tile_size"].as_u64().expect("tile_size") as u32,
        highlight: rec["highlight"].as_bool().expect("highlight"),
        agent_pov: rec["agent_pov"].as_bool().expect("agent_pov"),
    };
    renderer
        .render(env.env().world(), opts, out)
        .expect("a drawable frame")
}

/// Compares every frame of `dir/index.jsonl`; returns (matched, descriptions of the others).
fn compare_dir(dir: &Path) -> (usize, Vec<String>) {
    let index = std::fs::read_to_string(dir.join("index.jsonl")).expect("index.jsonl");
    let mut renderer = Renderer::new();
    let mut frame = Vec::new();
    let (mut matched, mut failures) = (0, Vec::new());
    for line in index.lines() {
        let rec: Value = serde_json::from_str(line).expect("an index record");
        let file = rec["file"].as_str().expect("file");
        let (w, h, want) = decode_png(&dir.join(file));
        assert_eq!(
            (u64::from(w), u64::from(h)),
            (
                rec["width"].as_u64().unwrap(),
                rec["height"].as_u64().unwrap()
            )
        );
        let got = draw(&rec, &mut renderer, &mut frame);
        if got != (w, h) {
            failures.push(format!("{file}: size {got:?}, recorded {:?}", (w, h)));
        } else if frame != want {
            let first = frame.iter().zip(&want).position(|(a, b)| a != b).unwrap();
            let (px, c) = (first / 3, first % 3);
            failures.push(format!(
                "{file}: first difference at pixel ({}, {}) channel {c}: {} vs recorded {}",
                px % w as usize,
                px / w as usize,
                frame[first],
                want[first]
            ));
        } else {
            matched += 1;
        }
    }
    (matched, failures)
}

#[test]
fn committed_sample_frames_match_minigrid() {
    let (matched, failures) = compare_dir(Path::new(FIXTURES));
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(matched, 12);
}

#[test]
fn every_reference_frame_matches_minigrid() {
    let dir = PathBuf::from(REFERENCE);
    if !dir.join("index.jsonl").exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {REFERENCE} is absent: the reference frames are required in CI"
        );
        println!("skipped: ../shared/reference not present (reference frames)");
        return;
    }
    let (matched, failures) = compare_dir(&dir);
    println!(
        "{matched} reference frames identical, {} differ",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} frames differ: {failures:#?}",
        failures.len(),
        matched + failures.len()
    );
    assert_eq!(matched, REFERENCE_FRAMES);
}

/// More frames in the same format, e.g. from the reference folder's
/// `tools/gen_frames.py custom OUTDIR SEEDS TRACES...`: set `RENDER_FRAMES_DIR=OUTDIR`.
#[test]
fn frames_in_render_frames_dir_match_minigrid() {
    let Some(dir) = std::env::var_os("RENDER_FRAMES_DIR") else {
        println!("skipped: RENDER_FRAMES_DIR not set (extra recorded frames)");
        return;
    };
    let (matched, failures) = compare_dir(Path::new(&dir));
    println!("{matched} frames identical, {} differ", failures.len());
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(matched > 0, "no frames in {}", Path::new(&dir).display());
}

/// A frame that differs from its recording is reported (the comparison can fail).
#[test]
fn a_changed_frame_is_reported() {
    let dir = Path::new(FIXTURES);
    let index = std::fs::read_to_string(dir.join("index.jsonl")).unwrap();
    let rec: Value = serde_json::from_str(index.lines().next().unwrap()).unwrap();
    let (_, _, want) = decode_png(&dir.join(rec["file"].as_str().unwrap()));
    let mut frame = Vec::new();
    draw(&rec, &mut Renderer::new(), &mut frame);
    assert_eq!(frame, want);
    // One more step changes the picture.
    let mut moved = rec.clone();
    moved["actions"]
        .as_array_mut()
        .unwrap()
        .push(Value::from(0u8));
    draw(&moved, &mut Renderer::new(), &mut frame);
    assert_ne!(frame, want);
}
