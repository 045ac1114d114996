//! The observation's decode with SSSE3 byte shuffles (x86_64, selected at run time).
//!
//! The only module of the crate with `unsafe`: unaligned 16-byte loads and stores, and the
//! calls into functions compiled with the `ssse3` target feature, which happen only through a
//! [`Ssse3`] token that exists only after `is_x86_feature_detected!("ssse3")` said yes.
//!
//! The 49 masked codes are put in view-column order, two columns per register (column
//! `2p + h` at bytes `8h..8h + 7`, one byte per view row); views facing up or down hold view
//! rows, which an 8x8 byte transpose (12 unpacks) turns into columns. Each register gives
//! three: the types and states by shuffling 16-entry tables with the codes' bits 3 to 6, and
//! the colours by shuffling with their low nibble (an unseen cell, `0xFF`, selects entries
//! that are 0). Each 16-byte piece of the output is then three shuffles of those (`0x80`
//! in a mask writes 0) ORed together and stored in ascending order, each store overwriting
//! the tail the previous one left.
#![allow(unsafe_code)]

use super::OBS_LEN;
use crate::world::codes::{COLOR_BY_NIBBLE, STATE_BY_SLOT, TYPE_BY_SLOT};
use core::arch::x86_64::{
    __m128i, __m256i, _mm_and_si128, _mm_loadl_epi64, _mm_loadu_si128, _mm_or_si128, _mm_set1_epi8,
    _mm_shuffle_epi8, _mm_srli_epi16, _mm_storeu_si128, _mm_unpackhi_epi16, _mm_unpackhi_epi32,
    _mm_unpacklo_epi8, _mm_unpacklo_epi16, _mm_unpacklo_epi32, _mm256_and_si256,
    _mm256_broadcastsi128_si256, _mm256_castsi256_si128, _mm256_cmpeq_epi8,
    _mm256_extracti128_si256, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
    _mm256_set_epi64x, _mm256_set_m128i, _mm256_set1_epi8, _mm256_set1_epi64x,
    _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
};

/// Proof that the running CPU has SSSE3, and whether it also has AVX2 (then the decode
/// shuffles 32 bytes at a time).
#[derive(Clone, Copy, Debug)]
pub(super) struct Ssse3 {
    avx2: bool,
}

impl Ssse3 {
    /// The token, if the CPU supports SSSE3 (a cached check after the first call).
    #[inline]
    pub(super) fn detect() -> Option<Ssse3> {
        if is_x86_feature_detected!("avx2") {
            Some(Ssse3 { avx2: true })
        } else if is_x86_feature_detected!("ssse3") {
            Some(Ssse3 { avx2: false })
        } else {
            None
        }
    }

    /// Masks the unseen cells of the seven `lines` (view columns, or view rows when `rows`;
    /// `lines[7]` is ignored) and decodes them into `out`, as `mask_lines` and
    /// `write_cells` do: with AVX2 the transparency, masks and decode are vector code
    /// around the scalar visibility table.
    #[inline]
    pub(super) fn observe_lines(self, lines: &mut [u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
        if self.avx2 {
            // SAFETY: `self.avx2` is set only if `detect` found AVX2 on this CPU.
            unsafe { observe_avx2(lines, rows, out) }
        } else {
            super::mask_lines(lines, rows);
            self.write_cells(lines, rows, out);
        }
    }

    /// Decodes the 49 masked codes into `out`: `lines` are view columns (byte = view row),
    /// or view rows (byte = view column) when `rows`, as for the scalar `write_cells`.
    #[inline]
    pub(super) fn write_cells(self, lines: &[u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
        if self.avx2 {
            // SAFETY: `self.avx2` is set only if `detect` found AVX2 on this CPU.
            unsafe { write_cells_avx2(lines, rows, out) }
        } else {
            // SAFETY: `self` exists only if `detect` found SSSE3 on this CPU.
            unsafe { write_cells_ssse3(lines, rows, out) }
        }
    }
}

/// Where output piece `q` (16 bytes at `STORES[q]`) takes its bytes: `MASKS[q][ch]` byte
/// `i` is the byte of the channel-`ch` register of pair `PAIR_OF[q]` that output byte
/// `STORES[q] + i` is, or `0x80` when it is another channel's or past the pair's cells.
const PIECES: usize = 11;

/// First output byte of each piece: three per column pair, two for the last column.
const STORES: [usize; PIECES] = [0, 16, 32, 42, 58, 74, 84, 100, 116, 126, OBS_LEN - 16];

/// Column pair each piece reads.
const PAIR_OF: [usize; PIECES] = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3];

/// The pieces' shuffle masks (see [`PIECES`]).
#[repr(C, align(16))]
struct Masks([[[u8; 16]; 3]; PIECES]);

static MASKS: Masks = {
    let mut t = [[[0x80u8; 16]; 3]; PIECES];
    let mut q = 0;
    while q < PIECES {
        let base = PAIR_OF[q] * 42;
        let cells = if PAIR_OF[q] == 3 { 7 } else { 14 };
        let mut i = 0;
        while i < 16 {
            let o = STORES[q] + i - base;
            let j = o / 3;
            if j < cells {
                // Cell `j` of the pair: column `j / 7`, view row `j % 7`.
                t[q][o % 3][i] = ((j / 7) * 8 + j % 7) as u8;
            }
            i += 1;
        }
        q += 1;
    }
    Masks(t)
};

/// Table `T` as a register.
#[inline(always)]
fn table(t: &[u8; 16]) -> __m128i {
    // SAFETY: reads 16 bytes from a 16-byte array (unaligned load allowed).
    unsafe { _mm_loadu_si128(t.as_ptr().cast()) }
}

/// The SSSE3 decode (see the module docs).
#[target_feature(enable = "ssse3")]
fn write_cells_ssse3(lines: &[u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
    let pairs: [__m128i; 4] = if rows {
        transpose(lines)
    } else {
        // SAFETY: reads `lines[2p..2p + 2]`, 16 bytes each (unaligned loads).
        unsafe { [0, 2, 4, 6].map(|k| _mm_loadu_si128(lines.as_ptr().add(k).cast())) }
    };
    let (types, states, colors) = (
        table(&TYPE_BY_SLOT),
        table(&STATE_BY_SLOT),
        table(&COLOR_BY_NIBBLE),
    );
    let nibble = _mm_set1_epi8(0x0F);
    let decoded = pairs.map(|codes| {
        let slot = _mm_and_si128(_mm_srli_epi16::<3>(codes), nibble);
        let low = _mm_and_si128(codes, nibble);
        [
            _mm_shuffle_epi8(types, slot),
            _mm_shuffle_epi8(colors, low),
            _mm_shuffle_epi8(states, slot),
        ]
    });
    for q in 0..PIECES {
        let [t, c, s] = &decoded[PAIR_OF[q]];
        let m = &MASKS.0[q];
        let piece = _mm_or_si128(
            _mm_or_si128(
                _mm_shuffle_epi8(*t, table(&m[0])),
                _mm_shuffle_epi8(*c, table(&m[1])),
            ),
            _mm_shuffle_epi8(*s, table(&m[2])),
        );
        let at = &mut out[STORES[q]..STORES[q] + 16];
        // SAFETY: writes 16 bytes into a 16-byte slice (unaligned store allowed).
        unsafe { _mm_storeu_si128(at.as_mut_ptr().cast(), piece) }
    }
}

/// `observe_lines` with AVX2: the lines in both layouts (one 8x8 byte transpose), the
/// transparent rows from the row layout's top bits (`movemask`), the scalar visibility
/// table, then each column byte's visible bit picked from the visibility rows by a shuffle
/// and a bit test, unseen codes set to `0xFF`, and the decode of `write_cells_avx2`.
#[target_feature(enable = "avx2")]
fn observe_avx2(lines: &[u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
    let crossed = transpose(lines);
    // SAFETY: reads `lines[0..4]` and `lines[4..8]`, 32 bytes each (unaligned loads).
    let direct = unsafe {
        [
            _mm256_loadu_si256(lines.as_ptr().cast()),
            _mm256_loadu_si256(lines.as_ptr().add(4).cast()),
        ]
    };
    let crossed = [
        _mm256_set_m128i(crossed[1], crossed[0]),
        _mm256_set_m128i(crossed[3], crossed[2]),
    ];
    let (row_form, columns) = if rows {
        (direct, crossed)
    } else {
        (crossed, direct)
    };
    let opaque = _mm256_movemask_epi8(row_form[0]) as u32 as u64
        | (_mm256_movemask_epi8(row_form[1]) as u32 as u64) << 32;
    let visible = super::process_vis7(!opaque);
    // Byte `8 * vx + vy` of `columns` is visible when bit `vx` of visibility row `vy` is set.
    let vis = _mm256_set1_epi64x(visible as i64);
    let row_of = _mm256_set1_epi64x(0x0706_0504_0302_0100);
    let rows_vis = _mm256_shuffle_epi8(vis, row_of);
    let columns = [0usize, 1].map(|h| {
        let bit = _mm256_set_epi64x(
            (0x0101_0101_0101_0101u64 << (4 * h + 3)) as i64,
            (0x0101_0101_0101_0101u64 << (4 * h + 2)) as i64,
            (0x0101_0101_0101_0101u64 << (4 * h + 1)) as i64,
            (0x0101_0101_0101_0101u64 << (4 * h)) as i64,
        );
        let unseen = _mm256_cmpeq_epi8(_mm256_and_si256(rows_vis, bit), _mm256_setzero_si256());
        _mm256_or_si256(columns[h], unseen)
    });
    decode_avx2(columns, out);
}

/// The decode with 32-byte shuffles: columns 0 to 3 in one register and 4 to 7 in
/// another (a pair per 128-bit lane, as the SSSE3 decode has them), so the decode takes six
/// shuffles and the output six times three; each result's lanes go to two places.
#[target_feature(enable = "avx2")]
fn write_cells_avx2(lines: &[u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
    let quads: [__m256i; 2] = if rows {
        let [p0, p1, p2, p3] = transpose(lines);
        [_mm256_set_m128i(p1, p0), _mm256_set_m128i(p3, p2)]
    } else {
        // SAFETY: reads `lines[0..4]` and `lines[4..8]`, 32 bytes each (unaligned loads).
        unsafe {
            [
                _mm256_loadu_si256(lines.as_ptr().cast()),
                _mm256_loadu_si256(lines.as_ptr().add(4).cast()),
            ]
        }
    };
    decode_avx2(quads, out);
}

/// The decode of `write_cells_avx2` from the masked codes in column layout, columns 0 to 3
/// and 4 to 7 (one pair per lane).
#[target_feature(enable = "avx2")]
fn decode_avx2(quads: [__m256i; 2], out: &mut [u8; OBS_LEN]) {
    let (types, states, colors) = (
        _mm256_broadcastsi128_si256(table(&TYPE_BY_SLOT)),
        _mm256_broadcastsi128_si256(table(&STATE_BY_SLOT)),
        _mm256_broadcastsi128_si256(table(&COLOR_BY_NIBBLE)),
    );
    let nibble = _mm256_set1_epi8(0x0F);
    let decoded = quads.map(|codes| {
        let slot = _mm256_and_si256(_mm256_srli_epi16::<3>(codes), nibble);
        let low = _mm256_and_si256(codes, nibble);
        [
            _mm256_shuffle_epi8(types, slot),
            _mm256_shuffle_epi8(colors, low),
            _mm256_shuffle_epi8(states, slot),
        ]
    });
    let mut pieces = [_mm256_setzero_si256(); 6];
    for (i, piece) in pieces.iter_mut().enumerate() {
        let [t, c, s] = &decoded[i / 3];
        let m = &MASKS_256.0[i];
        // SAFETY: reads three 32-byte arrays (unaligned loads allowed).
        let [mt, mc, ms] = m
            .each_ref()
            .map(|m| unsafe { _mm256_loadu_si256(m.as_ptr().cast()) });
        *piece = _mm256_or_si256(
            _mm256_or_si256(_mm256_shuffle_epi8(*t, mt), _mm256_shuffle_epi8(*c, mc)),
            _mm256_shuffle_epi8(*s, ms),
        );
    }
    // Stores in ascending order of output position.
    for (k, &(i, hi)) in STORE_ORDER.iter().enumerate() {
        let half = if hi {
            _mm256_extracti128_si256::<1>(pieces[i])
        } else {
            _mm256_castsi256_si128(pieces[i])
        };
        let at = &mut out[STORES[k]..STORES[k] + 16];
        // SAFETY: writes 16 bytes into a 16-byte slice (unaligned store allowed).
        unsafe { _mm_storeu_si128(at.as_mut_ptr().cast(), half) }
    }
}

/// Output piece `k` (at `STORES[k]`) of the AVX2 decode: its 32-byte result and lane.
const STORE_ORDER: [(usize, bool); PIECES] = [
    (0, false),
    (1, false),
    (2, false),
    (0, true),
    (1, true),
    (2, true),
    (3, false),
    (4, false),
    (5, false),
    (3, true),
    (4, true),
];

/// The AVX2 decode's masks: result `i`'s lanes are the pieces `STORE_ORDER` gives it (the
/// last result's high lane is unused).
#[repr(C, align(32))]
struct Masks256([[[u8; 32]; 3]; 6]);

static MASKS_256: Masks256 = {
    let mut t = [[[0x80u8; 32]; 3]; 6];
    let mut k = 0;
    while k < PIECES {
        let (i, hi) = STORE_ORDER[k];
        let mut ch = 0;
        while ch < 3 {
            let mut b = 0;
            while b < 16 {
                t[i][ch][b + if hi { 16 } else { 0 }] = MASKS.0[k][ch][b];
                b += 1;
            }
            ch += 1;
        }
        k += 1;
    }
    Masks256(t)
};

/// The 8x8 byte transpose of `lines` (view rows) into column pairs.
#[target_feature(enable = "ssse3")]
fn transpose(lines: &[u64; 8]) -> [__m128i; 4] {
    let line = |k: usize| -> __m128i {
        // SAFETY: reads the 8 bytes of `lines[k]` (`k < 8`, checked by the index).
        unsafe { _mm_loadl_epi64(core::ptr::from_ref(&lines[k]).cast()) }
    };
    let a0 = _mm_unpacklo_epi8(line(0), line(1));
    let a1 = _mm_unpacklo_epi8(line(2), line(3));
    let a2 = _mm_unpacklo_epi8(line(4), line(5));
    let a3 = _mm_unpacklo_epi8(line(6), line(7));
    let b0 = _mm_unpacklo_epi16(a0, a1);
    let b1 = _mm_unpackhi_epi16(a0, a1);
    let b2 = _mm_unpacklo_epi16(a2, a3);
    let b3 = _mm_unpackhi_epi16(a2, a3);
    [
        _mm_unpacklo_epi32(b0, b2),
        _mm_unpackhi_epi32(b0, b2),
        _mm_unpacklo_epi32(b1, b3),
        _mm_unpackhi_epi32(b1, b3),
    ]
}

#[cfg(test)]
mod tests {
    use super::{OBS_LEN, Ssse3};
    use crate::view::{mask_lines, write_cells, write_cells_any};
    use crate::world::codes::{DECODE, UNSEEN};

    /// Both compiled variants equal the scalar table decode on random lines of codes
    /// (every code, and unseen cells), in both line layouts.
    #[test]
    fn both_variants_equal_the_table_decode() {
        let Some(detected) = Ssse3::detect() else {
            return;
        };
        let codes: Vec<u8> = (0..=255u8)
            .filter(|&b| DECODE[b as usize] != 0 || b == UNSEEN)
            .collect();
        let mut x = 0x0123_4567_89AB_CDEFu64;
        for _ in 0..5000 {
            let mut lines = [0u64; 8];
            for line in lines.iter_mut().take(7) {
                for i in 0..8 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *line |= (codes[(x % codes.len() as u64) as usize] as u64) << (8 * i);
                }
            }
            for rows in [false, true] {
                let mut masked = lines;
                mask_lines(&mut masked, rows);
                let mut want = [0u8; OBS_LEN];
                write_cells_any(&masked, rows, &mut want);
                for avx2 in [false, detected.avx2] {
                    let mut got = [0u8; OBS_LEN];
                    let mut l = lines;
                    Ssse3 { avx2 }.observe_lines(&mut l, rows, &mut got);
                    assert_eq!(got, want, "observe_lines rows {rows} avx2 {avx2}");
                }
            }
            let (mut want_cols, mut want_rows) = ([0u8; OBS_LEN], [0u8; OBS_LEN]);
            write_cells::<false>(&lines, &mut want_cols);
            write_cells::<true>(&lines, &mut want_rows);
            for avx2 in [false, detected.avx2] {
                let simd = Ssse3 { avx2 };
                let mut got = [0u8; OBS_LEN];
                simd.write_cells(&lines, false, &mut got);
                assert_eq!(got, want_cols, "columns, avx2 {avx2}");
                simd.write_cells(&lines, true, &mut got);
                assert_eq!(got, want_rows, "rows, avx2 {avx2}");
            }
        }
    }
}
