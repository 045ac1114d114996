//! The SSSE3 and AVX2 decodes.
//!
//! The 49 masked codes are put in view-column order, two columns per 16-byte register
//! (column `2p + h` at bytes `8h..8h + 7`, one byte per view row); lines in row layout are
//! turned into columns by an 8x8 byte transpose (12 unpacks). Each register gives three:
//! the types and states by shuffling 16-entry tables with the codes' bits 3 to 6, and the
//! colours by shuffling with their low nibble. Each 16-byte piece of the output is then
//! three shuffles of those (`0x80` in a mask writes 0) ORed together and stored in ascending
//! order, each store overwriting the tail the previous one left. AVX2 does two column pairs
//! per 32-byte register.
//!
//! The target-feature functions are `#[inline]` so that they can be inlined across the crate
//! boundary: `babyai-core`'s call of the generic [`Avx2::observe_lines`] then compiles into
//! one function, as when this code lived there (out-of-line calls cost about a third more
//! per step).

use crate::{OBS_LEN, Tables};
use core::arch::x86_64::{
    __m128i, __m256i, _mm_and_si128, _mm_loadl_epi64, _mm_loadu_si128, _mm_or_si128, _mm_set1_epi8,
    _mm_shuffle_epi8, _mm_srli_epi16, _mm_storeu_si128, _mm_unpackhi_epi16, _mm_unpackhi_epi32,
    _mm_unpacklo_epi8, _mm_unpacklo_epi16, _mm_unpacklo_epi32, _mm256_and_si256,
    _mm256_broadcastsi128_si256, _mm256_castsi256_si128, _mm256_cmpeq_epi8,
    _mm256_extracti128_si256, _mm256_loadu_si256, _mm256_movemask_epi8, _mm256_or_si256,
    _mm256_set_epi64x, _mm256_set_m128i, _mm256_set1_epi8, _mm256_set1_epi64x,
    _mm256_setzero_si256, _mm256_shuffle_epi8, _mm256_srli_epi16,
};

/// The best decode this CPU supports.
#[derive(Clone, Copy, Debug)]
pub enum Decoder {
    /// 16-byte shuffles.
    Ssse3(Ssse3),
    /// 32-byte shuffles, and the masking in vector code.
    Avx2(Avx2),
}

impl Decoder {
    /// AVX2 if the CPU has it, else SSSE3 if it has that, else `None` (a cached check after
    /// the first call).
    #[inline]
    pub fn detect() -> Option<Decoder> {
        Avx2::detect()
            .map(Decoder::Avx2)
            .or_else(|| Ssse3::detect().map(Decoder::Ssse3))
    }
}

/// Proof that the running CPU has SSSE3.
#[derive(Clone, Copy, Debug)]
pub struct Ssse3 {
    _proof: (),
}

impl Ssse3 {
    /// The token, if the CPU has SSSE3.
    #[inline]
    pub fn detect() -> Option<Ssse3> {
        is_x86_feature_detected!("ssse3").then_some(Ssse3 { _proof: () })
    }

    /// Decodes the 49 (already masked) codes of `lines` into `out` (see the crate docs).
    #[inline]
    pub fn write_cells(
        self,
        tables: &Tables,
        lines: &[u64; 8],
        rows: bool,
        out: &mut [u8; OBS_LEN],
    ) {
        // SAFETY: `self` exists only if `detect` found SSSE3 on this CPU.
        unsafe { write_cells_ssse3(tables, lines, rows, out) }
    }
}

/// Proof that the running CPU has AVX2 (and SSSE3).
#[derive(Clone, Copy, Debug)]
pub struct Avx2 {
    _proof: (),
}

impl Avx2 {
    /// The token, if the CPU has AVX2 and SSSE3.
    #[inline]
    pub fn detect() -> Option<Avx2> {
        (is_x86_feature_detected!("avx2") && is_x86_feature_detected!("ssse3"))
            .then_some(Avx2 { _proof: () })
    }

    /// The SSSE3 token (an AVX2 token proves SSSE3 too).
    #[inline]
    pub fn ssse3(self) -> Ssse3 {
        Ssse3 { _proof: () }
    }

    /// Decodes the 49 (already masked) codes of `lines` into `out` (see the crate docs).
    #[inline]
    pub fn write_cells(
        self,
        tables: &Tables,
        lines: &[u64; 8],
        rows: bool,
        out: &mut [u8; OBS_LEN],
    ) {
        // SAFETY: `self` exists only if `detect` found AVX2 on this CPU.
        unsafe { write_cells_avx2(tables, lines, rows, out) }
    }

    /// Masks and decodes the codes of `lines` into `out`: bit `8 * vy + vx` of the word given
    /// to `visibility` is set when cell `(vx, vy)` is transparent (its code's bit 7 is clear;
    /// bits with `vx` or `vy` 7 are arbitrary), and bit `8 * vy + vx` of its result says
    /// whether the cell is visible; cells not visible decode as the code `0xFF`.
    #[inline]
    pub fn observe_lines<V: Fn(u64) -> u64>(
        self,
        tables: &Tables,
        lines: &[u64; 8],
        rows: bool,
        visibility: V,
        out: &mut [u8; OBS_LEN],
    ) {
        // SAFETY: `self` exists only if `detect` found AVX2 on this CPU.
        unsafe { observe_avx2(tables, lines, rows, visibility, out) }
    }
}

/// Output pieces: output piece `q` is 16 bytes at `STORES[q]`, taken from column pair
/// `PAIR_OF[q]`; `MASKS[q][ch]` byte `i` is the byte of that pair's channel-`ch` register
/// that output byte `STORES[q] + i` is, or `0x80` when it is another channel's or past the
/// pair's cells.
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

/// Table `t` as a register.
#[inline(always)]
fn table(t: &[u8; 16]) -> __m128i {
    // SAFETY: reads 16 bytes from a 16-byte array (SSE2, part of x86_64's baseline; the
    // load is unaligned, so any address is fine).
    unsafe { _mm_loadu_si128(t.as_ptr().cast()) }
}

/// The SSSE3 decode (see the module docs).
#[inline]
#[target_feature(enable = "ssse3")]
fn write_cells_ssse3(tables: &Tables, lines: &[u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
    let pairs: [__m128i; 4] = if rows {
        transpose(lines)
    } else {
        // SAFETY: for `k` in 0, 2, 4, 6 reads `lines[k..k + 2]`, 16 bytes inside the 64-byte
        // array (unaligned loads).
        unsafe { [0, 2, 4, 6].map(|k| _mm_loadu_si128(lines.as_ptr().add(k).cast())) }
    };
    let (types, states, colors) = (
        table(&tables.types),
        table(&tables.states),
        table(&tables.colors),
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
        // SAFETY: writes 16 bytes into a 16-byte slice (bounds checked by the slicing;
        // unaligned store).
        unsafe { _mm_storeu_si128(at.as_mut_ptr().cast(), piece) }
    }
}

/// The AVX2 masking and decode: the lines in both layouts (one 8x8 byte transpose), the
/// transparent cells from the row layout's top bits (`movemask`), the caller's visibility,
/// then each column byte's visible bit picked from the visibility rows by a shuffle and a
/// bit test, unseen codes set to `0xFF`, and the decode of `write_cells_avx2`.
#[inline]
#[target_feature(enable = "avx2")]
fn observe_avx2<V: Fn(u64) -> u64>(
    tables: &Tables,
    lines: &[u64; 8],
    rows: bool,
    visibility: V,
    out: &mut [u8; OBS_LEN],
) {
    let crossed = transpose(lines);
    let direct = load_quads(lines);
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
    let visible = visibility(!opaque);
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
    decode_avx2(tables, columns, out);
}

/// `lines[0..4]` and `lines[4..8]` as two 32-byte registers.
#[inline]
#[target_feature(enable = "avx2")]
fn load_quads(lines: &[u64; 8]) -> [__m256i; 2] {
    let (lo, hi): (&[u64; 4], &[u64; 4]) = (
        lines[..4].try_into().unwrap(),
        lines[4..].try_into().unwrap(),
    );
    // SAFETY: each load reads the 32 bytes of a `[u64; 4]` (unaligned loads).
    unsafe {
        [
            _mm256_loadu_si256(lo.as_ptr().cast()),
            _mm256_loadu_si256(hi.as_ptr().cast()),
        ]
    }
}

/// The decode with 32-byte shuffles: columns 0 to 3 in one register and 4 to 7 in
/// another (a pair per 128-bit lane, as the SSSE3 decode has them), so the decode takes six
/// shuffles and the output six times three; each result's lanes go to two places.
#[inline]
#[target_feature(enable = "avx2")]
fn write_cells_avx2(tables: &Tables, lines: &[u64; 8], rows: bool, out: &mut [u8; OBS_LEN]) {
    let quads: [__m256i; 2] = if rows {
        let [p0, p1, p2, p3] = transpose(lines);
        [_mm256_set_m128i(p1, p0), _mm256_set_m128i(p3, p2)]
    } else {
        load_quads(lines)
    };
    decode_avx2(tables, quads, out);
}

/// The decode of `write_cells_avx2` from the masked codes in column layout, columns 0 to 3
/// and 4 to 7 (one pair per lane).
#[inline]
#[target_feature(enable = "avx2")]
fn decode_avx2(tables: &Tables, quads: [__m256i; 2], out: &mut [u8; OBS_LEN]) {
    let (types, states, colors) = (
        _mm256_broadcastsi128_si256(table(&tables.types)),
        _mm256_broadcastsi128_si256(table(&tables.states)),
        _mm256_broadcastsi128_si256(table(&tables.colors)),
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
        let [mt, mc, ms] = MASKS_256.0[i].each_ref().map(|m| {
            // SAFETY: reads 32 bytes from a 32-byte array (unaligned load); this closure
            // is compiled as part of this AVX2 function.
            unsafe { _mm256_loadu_si256(m.as_ptr().cast()) }
        });
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
        // SAFETY: writes 16 bytes into a 16-byte slice (bounds checked by the slicing;
        // unaligned store).
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
#[inline]
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
