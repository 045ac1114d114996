//! Benchmarks of the shared phrasing layer.
#![forbid(unsafe_code)]
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use text_render::{ListStyle, join_list, steps};

fn bench_text(c: &mut Criterion) {
    let items = ["a apple 1", "a mug 2", "a knife 1", "a bread 1"];
    let mut out = String::with_capacity(256);
    c.bench_function("text_render/join_list_4", |b| {
        b.iter(|| {
            out.clear();
            join_list(&mut out, black_box(&items), ListStyle::ALFWORLD);
            black_box(out.len())
        })
    });
    c.bench_function("text_render/steps", |b| {
        b.iter(|| {
            out.clear();
            steps(&mut out, black_box(17));
            black_box(out.len())
        })
    });
}

criterion_group!(benches, bench_text);
criterion_main!(benches);
