//! The random stream of level generation: numpy's `SeedSequence` -> `PCG64` -> `Generator`.
//!
//! Minigrid 3.2.0 seeds `reset(seed=s)` with
//! `numpy.random.Generator(PCG64(SeedSequence(s)))` and draws everything through
//! `Generator.integers(lo, hi)` and `Generator.uniform(lo, hi)`. To lay out levels seed for
//! seed this module reproduces that stack bit for bit:
//!
//! * [`seed_sequence_state`]: `SeedSequence(seed).generate_state(4, uint64)` (hash mixing of
//!   the entropy words into a pool of four 32-bit words, then output mixing).
//! * [`Pcg64`]: PCG XSL-RR 128/64 seeded as numpy does (`state = (w0 << 64) | w1`,
//!   `inc = ((w2 << 64) | w3) << 1 | 1`), with numpy's buffered 32-bit half: a 32-bit request
//!   hands out the low half of a fresh 64-bit output and keeps the high half for the next
//!   32-bit request. The buffer lives in the generator and persists across calls; 64-bit
//!   draws (`uniform`) neither read nor clear it.
//! * [`Pcg64::integers`]: numpy's bounded integers (Lemire's method with rejection), 32-bit
//!   draws for ranges below 2^32, 64-bit otherwise, and **no draw at all** for a range of one.
//! * Minigrid's helpers (`_rand_int`, `_rand_bool`, `_rand_elem`, `_rand_subset`,
//!   `_rand_color`, `_rand_pos`, `_rand_float`) as methods with the same draw order.
//!
//! This is the only source of randomness in level generation: no OS entropy, no clock.

/// PCG64's 128-bit LCG multiplier (numpy's `PCG_DEFAULT_MULTIPLIER`).
const PCG_MULT: u128 = 0x2360_ED05_1FC6_5DA4_4385_DF64_9FCC_F645;

/// `SeedSequence`'s initial hash constant `INIT_A`.
const INIT_A: u32 = 0x43B0_D7E5;
/// `SeedSequence`'s hash multiplier `MULT_A`.
const MULT_A: u32 = 0x931E_8875;
/// `SeedSequence`'s output constant `INIT_B`.
const INIT_B: u32 = 0x8B51_F9DD;
/// `SeedSequence`'s output multiplier `MULT_B`.
const MULT_B: u32 = 0x58F3_8DED;
/// Mixing constants of `SeedSequence.mix`.
const MIX_MULT_L: u32 = 0xCA01_F9DD;
const MIX_MULT_R: u32 = 0x4973_F715;
/// `SeedSequence`'s default pool size in 32-bit words.
const POOL_SIZE: usize = 4;

/// `hashmix(value, hash_const)`: XOR with the running constant, advance it, multiply, fold.
fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut v = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    v = v.wrapping_mul(*hash_const);
    v ^ (v >> 16)
}

/// `mix(x, y)` of `SeedSequence`.
fn mix(x: u32, y: u32) -> u32 {
    let r = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    r ^ (r >> 16)
}

/// `numpy.random.SeedSequence(seed).generate_state(4, numpy.uint64)` for a non-negative
/// integer seed.
///
/// The seed is split into little-endian 32-bit entropy words (zero gives one word `0`),
/// hashed into a pool of four words, and four 64-bit words are produced from the pool.
#[must_use]
pub fn seed_sequence_state(seed: u64) -> [u64; 4] {
    let mut entropy = [0u32; 2];
    let mut n_entropy = 0;
    let mut s = seed;
    loop {
        entropy[n_entropy] = s as u32;
        n_entropy += 1;
        s >>= 32;
        if s == 0 {
            break;
        }
    }
    let entropy = &entropy[..n_entropy];
    let mut hash_const = INIT_A;
    let mut pool = [0u32; POOL_SIZE];
    for (i, slot) in pool.iter_mut().enumerate() {
        let word = entropy.get(i).copied().unwrap_or(0);
        *slot = hashmix(word, &mut hash_const);
    }
    for i_src in 0..POOL_SIZE {
        for i_dst in 0..POOL_SIZE {
            if i_src != i_dst {
                let h = hashmix(pool[i_src], &mut hash_const);
                pool[i_dst] = mix(pool[i_dst], h);
            }
        }
    }
    // A u64 seed has at most two entropy words, never more than the pool size, so there is
    // no extra entropy to fold in.
    let mut out_const = INIT_B;
    let mut words = [0u32; 8];
    for (i, w) in words.iter_mut().enumerate() {
        let mut v = pool[i % POOL_SIZE] ^ out_const;
        out_const = out_const.wrapping_mul(MULT_B);
        v = v.wrapping_mul(out_const);
        *w = v ^ (v >> 16);
    }
    let mut state = [0u64; 4];
    for (k, s) in state.iter_mut().enumerate() {
        *s = u64::from(words[2 * k]) | (u64::from(words[2 * k + 1]) << 32);
    }
    state
}

/// numpy's `Generator(PCG64(SeedSequence(seed)))`, with Minigrid's `_rand_*` helpers.
///
/// Cloning copies the full stream position (including the buffered 32-bit half).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    /// The high half of the last 64-bit output, when a 32-bit request left it unused.
    buf32: Option<u32>,
}

impl Pcg64 {
    /// The generator numpy builds for `SeedSequence(seed)` (what `reset(seed=seed)` uses).
    #[must_use]
    pub fn from_seed(seed: u64) -> Self {
        let w = seed_sequence_state(seed);
        let init_state = (u128::from(w[0]) << 64) | u128::from(w[1]);
        let init_seq = (u128::from(w[2]) << 64) | u128::from(w[3]);
        let mut rng = Pcg64 {
            state: 0,
            inc: (init_seq << 1) | 1,
            buf32: None,
        };
        rng.step();
        rng.state = rng.state.wrapping_add(init_state);
        rng.step();
        rng
    }

    #[inline(always)]
    fn step(&mut self) {
        self.state = self.state.wrapping_mul(PCG_MULT).wrapping_add(self.inc);
    }

    /// The next raw 64-bit output (`bit_generator.random_raw()`); leaves the 32-bit buffer.
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
        self.step();
        let s = self.state;
        let x = ((s >> 64) as u64) ^ (s as u64);
        let rot = (s >> 122) as u32;
        x.rotate_right(rot)
    }

    /// The next 32-bit output: the buffered high half if there is one, else the low half of a
    /// fresh 64-bit output (whose high half is then buffered).
    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        if let Some(v) = self.buf32.take() {
            return v;
        }
        let v = self.next_u64();
        self.buf32 = Some((v >> 32) as u32);
        v as u32
    }

    /// A double in `[0, 1)` from a 64-bit draw: `(x >> 11) * 2^-53`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `Generator.integers(low, high)` (int64, half-open `[low, high)`).
    ///
    /// A range of one returns `low` without drawing. `high <= low` is a caller error and
    /// returns `low` without drawing (numpy would raise); level code never asks for it.
    #[inline(always)]
    pub fn integers(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let rng = high.wrapping_sub(low).wrapping_sub(1) as u64;
        if rng == 0 {
            return low;
        }
        let off = if rng <= u64::from(u32::MAX) {
            u64::from(self.bounded_u32(rng as u32))
        } else {
            self.bounded_u64(rng)
        };
        low.wrapping_add(off as i64)
    }

    /// Lemire's bounded draw in `[0, rng]` from 32-bit outputs (numpy's
    /// `buffered_bounded_lemire_uint32`).
    #[inline(always)]
    fn bounded_u32(&mut self, rng: u32) -> u32 {
        if rng == u32::MAX {
            return self.next_u32();
        }
        let excl = rng + 1;
        let mut m = u64::from(self.next_u32()) * u64::from(excl);
        let mut left = m as u32;
        if left < excl {
            let threshold = (u32::MAX - rng) % excl;
            while left < threshold {
                m = u64::from(self.next_u32()) * u64::from(excl);
                left = m as u32;
            }
        }
        (m >> 32) as u32
    }

    /// Lemire's bounded draw in `[0, rng]` from 64-bit outputs (numpy's
    /// `bounded_lemire_uint64`).
    #[cold]
    #[inline(never)]
    fn bounded_u64(&mut self, rng: u64) -> u64 {
        if rng == u64::MAX {
            return self.next_u64();
        }
        let excl = rng + 1;
        let mut m = u128::from(self.next_u64()) * u128::from(excl);
        let mut left = m as u64;
        if left < excl {
            let threshold = (u64::MAX - rng) % excl;
            while left < threshold {
                m = u128::from(self.next_u64()) * u128::from(excl);
                left = m as u64;
            }
        }
        (m >> 64) as u64
    }

    /// `Generator.uniform(low, high)`: `low + (high - low) * next_f64()`.
    pub fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next_f64()
    }

    /// Minigrid's `_rand_int(low, high)` on `usize` bounds (half-open).
    #[inline]
    pub fn rand_int(&mut self, low: usize, high: usize) -> usize {
        self.integers(low as i64, high as i64) as usize
    }

    /// Minigrid's `_rand_float(low, high)`.
    pub fn rand_float(&mut self, low: f64, high: f64) -> f64 {
        self.uniform(low, high)
    }

    /// Minigrid's `_rand_bool()`: `integers(0, 2) == 0`.
    #[inline]
    pub fn rand_bool(&mut self) -> bool {
        self.integers(0, 2) == 0
    }

    /// Minigrid's `_rand_elem(seq)`: `seq[integers(0, len)]` (no draw for one element).
    ///
    /// # Panics
    /// Panics if `items` is empty (Minigrid raises there too; callers never pass one).
    #[inline]
    pub fn rand_elem<T: Copy>(&mut self, items: &[T]) -> T {
        let i = self.rand_int(0, items.len());
        items[i]
    }

    /// Minigrid's `_rand_subset(seq, n)`: `n` repeated `_rand_elem` draws, each removing the
    /// chosen element from the remaining list (order-preserving removal).
    pub fn rand_subset<T: Copy + PartialEq>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut rest: Vec<T> = items.to_vec();
        let mut out = Vec::with_capacity(n);
        while out.len() < n && !rest.is_empty() {
            let i = self.rand_int(0, rest.len());
            out.push(rest.remove(i));
        }
        out
    }

    /// Minigrid's `_rand_pos(x_lo, x_hi, y_lo, y_hi)`: x drawn first, then y.
    pub fn rand_pos(
        &mut self,
        x_lo: usize,
        x_hi: usize,
        y_lo: usize,
        y_hi: usize,
    ) -> (usize, usize) {
        let x = self.rand_int(x_lo, x_hi);
        let y = self.rand_int(y_lo, y_hi);
        (x, y)
    }
}
