//! Every shuffle path against a plain scalar decode written from the crate docs, on random
//! tables, random codes (every byte value, `0xFF` included) and garbage in the ignored
//! line 7 and byte 7.

use crate::{Avx2, Decoder, OBS_LEN, Ssse3, Tables};

/// A xorshift stream (fixed seed: the test is reproducible).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Bits `8 * vy + vx` with `vx, vy < 7`.
const CELLS: u64 = 0x007F_7F7F_7F7F_7F7F;

fn code_at(lines: &[u64; 8], rows: bool, vx: usize, vy: usize) -> u8 {
    let (line, byte) = if rows { (vy, vx) } else { (vx, vy) };
    (lines[line] >> (8 * byte)) as u8
}

fn decode_scalar(t: &Tables, lines: &[u64; 8], rows: bool) -> [u8; OBS_LEN] {
    let mut out = [0u8; OBS_LEN];
    for vx in 0..7 {
        for vy in 0..7 {
            let c = code_at(lines, rows, vx, vy);
            let s = ((c >> 3) & 15) as usize;
            let k = (vx * 7 + vy) * 3;
            out[k..k + 3].copy_from_slice(&[t.types[s], t.colors[(c & 15) as usize], t.states[s]]);
        }
    }
    out
}

/// The masking of `Avx2::observe_lines`, cell by cell.
fn mask_scalar(lines: &[u64; 8], rows: bool, vis: impl Fn(u64) -> u64) -> [u64; 8] {
    let mut transparent = 0u64;
    for vx in 0..7 {
        for vy in 0..7 {
            if code_at(lines, rows, vx, vy) & 0x80 == 0 {
                transparent |= 1 << (8 * vy + vx);
            }
        }
    }
    let visible = vis(transparent);
    let mut masked = *lines;
    for vx in 0..7 {
        for vy in 0..7 {
            if visible >> (8 * vy + vx) & 1 == 0 {
                let (line, byte) = if rows { (vy, vx) } else { (vx, vy) };
                masked[line] |= 0xFF << (8 * byte);
            }
        }
    }
    masked
}

fn random_tables(rng: &mut Rng) -> Tables {
    let mut table = || {
        let mut t = (rng.next() as u128 | (rng.next() as u128) << 64).to_le_bytes();
        t[15] = 0;
        t
    };
    Tables {
        types: table(),
        colors: table(),
        states: table(),
    }
}

#[test]
fn shuffle_decodes_equal_the_scalar_decode() {
    let Some(decoder) = Decoder::detect() else {
        eprintln!("skipped: this CPU has neither SSSE3 nor AVX2");
        return;
    };
    let ssse3 = Ssse3::detect().expect("a CPU with a decoder has SSSE3");
    let avx2 = Avx2::detect();
    assert_eq!(matches!(decoder, Decoder::Avx2(_)), avx2.is_some());
    let mut rng = Rng(0x0123_4567_89AB_CDEF);
    let mut checked = 0;
    for _ in 0..200 {
        let tables = random_tables(&mut rng);
        for _ in 0..50 {
            let lines: [u64; 8] = core::array::from_fn(|_| rng.next());
            for rows in [false, true] {
                let want = decode_scalar(&tables, &lines, rows);
                let mut got = [0u8; OBS_LEN];
                ssse3.write_cells(&tables, &lines, rows, &mut got);
                assert_eq!(got, want, "ssse3, rows {rows}, lines {lines:x?}");
                checked += 1;
                if let Some(avx2) = avx2 {
                    let mut got = [0u8; OBS_LEN];
                    avx2.write_cells(&tables, &lines, rows, &mut got);
                    assert_eq!(got, want, "avx2, rows {rows}, lines {lines:x?}");
                    // Masking: an arbitrary visibility function of the 49 transparency bits.
                    let salt = rng.next();
                    let vis = |t: u64| {
                        let t = t & CELLS;
                        (t ^ salt).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ t.rotate_left(9)
                    };
                    let want = decode_scalar(&tables, &mask_scalar(&lines, rows, vis), rows);
                    let mut got = [0u8; OBS_LEN];
                    avx2.observe_lines(&tables, &lines, rows, vis, &mut got);
                    assert_eq!(got, want, "avx2 observe, rows {rows}, lines {lines:x?}");
                }
            }
        }
    }
    assert_eq!(checked, 20_000);
}

#[test]
fn unseen_code_decodes_to_zero() {
    let Some(ssse3) = Ssse3::detect() else {
        eprintln!("skipped: this CPU has no SSSE3");
        return;
    };
    let tables = random_tables(&mut Rng(7));
    let lines = [u64::MAX; 8];
    let mut got = [1u8; OBS_LEN];
    ssse3.write_cells(&tables, &lines, false, &mut got);
    assert_eq!(got, [0u8; OBS_LEN]);
}
