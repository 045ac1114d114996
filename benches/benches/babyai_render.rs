//! Frame rendering throughput (`babyai_core::render`): Minigrid's `render()` frame (full
//! grid, 32 px tiles, view highlighted) and BALROG's point-of-view frame (16 px) of
//! BabyAI-BossLevel-v0, on 32 states (seeds 0..32 after a few random steps each), with a
//! warmed tile cache and a reused output buffer, as Minigrid runs after its first frames.
//! `benches/python/render_minigrid.py` times Minigrid 3.2.0 on the same kind of states.
use babyai_core::render::{FrameOptions, Renderer, frame_size};
use babyai_core::world::World;
use babyai_core::{ACTIONS, make};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const STATES: u64 = 32;

fn worlds() -> Vec<World> {
    let mut env = make("BabyAI-BossLevel-v0").expect("a registered level");
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..STATES)
        .map(|seed| {
            env.reset(seed);
            for _ in 0..5 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let _ = env.step(ACTIONS[(x % 3) as usize]);
            }
            env.env().world().clone()
        })
        .collect()
}

fn bench_render(c: &mut Criterion) {
    let worlds = worlds();
    let mut group = c.benchmark_group("babyai_render");
    group.throughput(Throughput::Elements(worlds.len() as u64));
    for (name, opts) in [
        ("bosslevel_full_32", FrameOptions::default()),
        ("bosslevel_pov_16", FrameOptions::pov(16)),
    ] {
        let mut r = Renderer::new();
        r.warm(opts.tile_size).expect("a valid tile size");
        let (w, h) = frame_size(&worlds[0], opts).expect("a drawable frame");
        let mut out = vec![0u8; w as usize * h as usize * 3];
        group.bench_function(name, |b| {
            b.iter(|| {
                for world in &worlds {
                    r.render_into(black_box(world), opts, &mut out)
                        .expect("a drawable frame");
                }
                black_box(out[out.len() / 2])
            })
        });
    }
    group.finish();
    // The first frame of a fresh renderer: every tile it shows is drawn (3x supersampled).
    let mut group = c.benchmark_group("babyai_render_cold");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    group.bench_function("bosslevel_full_32_first_frame", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            let mut r = Renderer::new();
            r.render(black_box(&worlds[0]), FrameOptions::default(), &mut out)
                .expect("a drawable frame");
            black_box(out[out.len() / 2])
        })
    });
    group.finish();
}

criterion_group!(benches, bench_render);
criterion_main!(benches);
