//! `gridhouse render`: PNG frames equal Minigrid's recorded frames; GIFs hold the episode.

mod common;
use common::gridhouse;

fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("render_cli");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// Minigrid 3.2.0's `render()` of GoToObj seed 0 at reset (variant `a`: 32 px, highlighted)
/// and its POV at 16 px after the recorded actions, from the renderer's fixtures.
#[test]
fn png_frames_equal_minigrid() {
    let fixtures = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../babyai-core/tests/fixtures/frames"
    );
    let out = scratch("gotoobj.png");
    let (ok, _, stderr) = gridhouse(&[
        "render",
        "--env",
        "BabyAI-GoToObj-v0",
        "--seed",
        "0",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    let got = decode_png(&std::fs::read(&out).unwrap());
    let want =
        decode_png(&std::fs::read(format!("{fixtures}/BabyAI-GoToObj-v0__0__000__a.png")).unwrap());
    assert_eq!((got.0, got.1), (want.0, want.1));
    assert!(got.2 == want.2, "pixels differ from Minigrid's frame");

    // The index line gives the actions that led to a POV frame (variant c).
    let index = std::fs::read_to_string(format!("{fixtures}/index.jsonl")).unwrap();
    let line = index
        .lines()
        .find(|l| l.contains("BabyAI-PutNextLocal-v0__0__006__c.png"))
        .expect("fixture index line");
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let actions: Vec<String> = v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_u64().unwrap().to_string())
        .collect();
    let out = scratch("pov.png");
    let mut args = vec![
        "render",
        "--env",
        "BabyAI-PutNextLocal-v0",
        "--seed",
        "0",
        "--pov",
        "--tile-size",
        "16",
        "--out",
        out.to_str().unwrap(),
    ];
    let joined = actions.join(",");
    if !actions.is_empty() {
        args.extend(["--actions", &joined]);
    }
    let (ok, _, stderr) = gridhouse(&args);
    assert!(ok, "{stderr}");
    let got = decode_png(&std::fs::read(&out).unwrap());
    let want = decode_png(
        &std::fs::read(format!("{fixtures}/BabyAI-PutNextLocal-v0__0__006__c.png")).unwrap(),
    );
    assert!(got == want, "POV frame differs from Minigrid's");
}

#[test]
fn gif_of_a_bot_episode_has_a_frame_per_step() {
    let out = scratch("bot.gif");
    let (ok, stdout, stderr) = gridhouse(&[
        "render",
        "--env",
        "BabyAI-GoToLocal-v0",
        "--seed",
        "4",
        "--policy",
        "bot",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{stderr}");
    let bytes = std::fs::read(&out).unwrap();
    let mut decoder = gif::DecodeOptions::new();
    decoder.set_color_output(gif::ColorOutput::RGBA);
    let mut reader = decoder.read_info(std::io::Cursor::new(bytes)).unwrap();
    let mut frames = 0;
    while reader.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert!(frames >= 2);
    assert!(stdout.starts_with(&format!("{frames} frames")), "{stdout}");
}

#[test]
fn bad_render_arguments_are_errors() {
    for args in [
        &["render", "--env", "alfworld/train", "--out", "x.png"][..],
        &[
            "render",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--tile-size",
            "0",
            "--out",
            "x.png",
        ],
        &[
            "render",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--tile-size",
            "100000",
            "--out",
            "x.png",
        ],
        &[
            "render",
            "--env",
            "BabyAI-GoToLocal-v0",
            "--actions",
            "1,9",
            "--out",
            "x.png",
        ],
        &["render", "--env", "BabyAI-GoToLocal-v0", "--out", "x.bmp"],
        &["render", "--env", "BabyAI-Nope-v0", "--out", "x.png"],
    ] {
        let (ok, _, stderr) = gridhouse(args);
        assert!(!ok, "{args:?}");
        assert!(
            stderr.starts_with("gridhouse: error:"),
            "{args:?}: {stderr}"
        );
    }
}
