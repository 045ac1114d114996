//! Success counts and their 95% Wilson score interval.

/// `successes` out of `episodes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Success {
    /// Episodes that completed the mission.
    pub successes: u32,
    /// Episodes played.
    pub episodes: u32,
}

/// The normal quantile of a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

impl Success {
    /// The success rate (0 with no episodes).
    pub fn rate(&self) -> f64 {
        if self.episodes == 0 {
            0.0
        } else {
            f64::from(self.successes) / f64::from(self.episodes)
        }
    }

    /// The 95% Wilson score interval `(low, high)` of the rate.
    pub fn wilson95(&self) -> (f64, f64) {
        if self.episodes == 0 {
            return (0.0, 1.0);
        }
        let n = f64::from(self.episodes);
        let p = self.rate();
        let z2 = Z95 * Z95;
        let denom = 1.0 + z2 / n;
        let center = (p + z2 / (2.0 * n)) / denom;
        let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        // At 0 or n successes the bound is exactly 0 or 1 (rounding would leave ~1e-19).
        let lo = if self.successes == 0 {
            0.0
        } else {
            (center - half).max(0.0)
        };
        let hi = if self.successes == self.episodes {
            1.0
        } else {
            (center + half).min(1.0)
        };
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_known_values() {
        // 50/100: 0.4038..0.5962 (textbook value).
        let (lo, hi) = Success {
            successes: 50,
            episodes: 100,
        }
        .wilson95();
        assert!(
            (lo - 0.4038).abs() < 1e-4 && (hi - 0.5962).abs() < 1e-4,
            "{lo} {hi}"
        );
        // 0/1000 keeps a positive upper bound: 0..0.00383.
        let (lo, hi) = Success {
            successes: 0,
            episodes: 1000,
        }
        .wilson95();
        assert_eq!(lo, 0.0);
        assert!((hi - 0.00383).abs() < 1e-5, "{hi}");
        let (lo, hi) = Success {
            successes: 1000,
            episodes: 1000,
        }
        .wilson95();
        assert!((lo - 0.99617).abs() < 1e-5 && hi == 1.0, "{lo}");
    }
}
