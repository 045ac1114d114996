//! Throughput of the BabyAI text renderers on real recorded views, and of the action parser.
//!
//! Views: the checked-in fixture of `text-render` (46 views recorded from Minigrid, with
//! walls, doors, carried objects and empty descriptions). Throughput is reported per view.
#![forbid(unsafe_code)]
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use text_render::babyai::{BalrogAction, VIEW_LEN, balrog_text, describe_full};

const FIXTURE: &str = include_str!("../../text-render/tests/fixtures/balrog_views.txt");

fn views() -> Vec<[u8; VIEW_LEN]> {
    FIXTURE
        .lines()
        .map(|line| {
            let codes = line.split('\t').next().unwrap_or("");
            let v: Vec<u8> = codes.split(',').map(|c| c.parse().unwrap_or(0)).collect();
            v.try_into().expect("147 codes per fixture line")
        })
        .collect()
}

fn bench_babyai_text(c: &mut Criterion) {
    let views = views();
    let mut out = String::with_capacity(1024);
    let mut group = c.benchmark_group("babyai_text");
    group.throughput(Throughput::Elements(views.len() as u64));
    group.bench_function("balrog_text", |b| {
        b.iter(|| {
            let mut total = 0;
            for v in &views {
                out.clear();
                total += balrog_text(black_box(v), &mut out).unwrap_or(0);
            }
            black_box(total)
        })
    });
    group.bench_function("describe_full", |b| {
        b.iter(|| {
            let mut total = 0;
            for v in &views {
                out.clear();
                total += describe_full(black_box(v), &mut out).unwrap_or(0);
            }
            black_box(total)
        })
    });
    let answers = [
        "turn left",
        "  Go   Forward\n",
        "pick up",
        "toggle",
        "I would go left",
        "",
    ];
    group.throughput(Throughput::Elements(answers.len() as u64));
    group.bench_function("parse_action", |b| {
        b.iter(|| {
            let mut ok = 0;
            for a in &answers {
                ok += usize::from(BalrogAction::parse(black_box(a)).is_ok());
            }
            black_box(ok)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_babyai_text);
criterion_main!(benches);
