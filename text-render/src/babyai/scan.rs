//! One pass over a view image's 49 type codes, giving the cell masks the renderers work from.
//!
//! A mask has bit `x * 7 + y` for view cell `(x, y)`, the order of the image itself, so
//! visiting a mask's bits from the lowest visits cells column by column, each far to near.

use super::codes::{self, DOOR, ImageError, UNSEEN, WALL};
use super::{AGENT_X, AGENT_Y, VIEW_LEN, VIEW_SIZE};

/// The mask bit of view cell `(x, y)`.
pub(crate) const fn bit(x: usize, y: usize) -> u64 {
    1 << (x * VIEW_SIZE + y)
}

/// The agent's cell, where the carried object is drawn.
pub(crate) const AGENT: u64 = bit(AGENT_X, AGENT_Y);

/// All 49 cells.
const VIEW: u64 = (1 << (VIEW_SIZE * VIEW_SIZE)) - 1;

/// Which cells of a view are walls, or something a renderer names (anything but unseen,
/// empty and wall, the carried object at the agent's cell included), and the type codes to
/// find other kinds of cells.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scan {
    /// Wall cells (type 2).
    pub(crate) walls: u64,
    /// Cells of type 3 or more.
    pub(crate) described: u64,
    /// The type codes, 8 cells to a word, little end first (the 7 cells past the view
    /// read as unseen).
    kinds: [u64; 7],
}

impl Scan {
    /// Scans `image`, checking every code a renderer reads: exactly what
    /// [`codes::validate_image`] checks, which is called to name the first bad cell when the
    /// check fails.
    #[inline]
    pub(crate) fn new(image: &[u8; VIEW_LEN]) -> Result<Scan, ImageError> {
        let code = |cell: usize| image.get(cell * 3).map_or(0, |&kind| u64::from(kind));
        let mut kinds = [0u64; 7];
        let (mut walls, mut described, mut bad) = (0u64, 0u64, 0u64);
        for (k, word) in kinds.iter_mut().enumerate() {
            *word = (0..8).fold(0, |w, j| w | code(8 * k + j) << (8 * j));
            walls |= byte_flags(swar::equal(*word, WALL)) << (8 * k);
            described |= byte_flags(swar::at_least(*word, WALL + 1)) << (8 * k);
            bad |= swar::at_least(*word, 11);
        }
        // The colors (and door states) of the named cells.
        for cell in cells(described) {
            let [kind, color, state] = [image[cell * 3], image[cell * 3 + 1], image[cell * 3 + 2]];
            bad |= u64::from(color >= 6) | u64::from(kind == DOOR && state >= 3);
        }
        if bad != 0 {
            codes::validate_image(image)?;
        }
        Ok(Scan {
            walls,
            described,
            kinds,
        })
    }

    /// Cells hidden by the visibility mask (type 0).
    pub(crate) fn unseen(&self) -> u64 {
        let words = self.kinds.iter().enumerate();
        let unseen = words.fold(0, |m, (k, &w)| {
            m | byte_flags(swar::equal(w, UNSEEN)) << (8 * k)
        });
        unseen & VIEW
    }
}

/// The cell indices `x * 7 + y` of the bits of `mask`, lowest first.
pub(crate) fn cells(mask: u64) -> Cells {
    Cells(mask)
}

/// The iterator of [`cells`].
pub(crate) struct Cells(u64);

impl Iterator for Cells {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let cell = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(cell)
    }
}

/// Byte-wise comparisons of eight type codes packed in a word: each sets the high bit of the
/// bytes that pass and clears every other bit.
mod swar {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;

    /// Bytes equal to `value`.
    pub(super) fn equal(word: u64, value: u8) -> u64 {
        let x = word ^ (ONES * u64::from(value));
        !(((x & LOW7) + LOW7) | x | LOW7)
    }

    /// Bytes of at least `value` (`1..=127`).
    pub(super) fn at_least(word: u64, value: u8) -> u64 {
        ((((word & LOW7) | HIGH) - ONES * u64::from(value)) | word) & HIGH
    }
}

/// The high bits of the 8 bytes of `flags` (as made by [`swar`]) as bits 0 to 7.
fn byte_flags(flags: u64) -> u64 {
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_comparisons_are_exact() {
        for b in 0..=255u8 {
            let word = u64::from_le_bytes([b, 0, 255, b, 11, 3, 2, b]);
            for value in [0, 2, 3, 11] {
                let eq = byte_flags(swar::equal(word, value));
                let want: u64 = word
                    .to_le_bytes()
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| u64::from(c == value) << i)
                    .sum();
                assert_eq!(eq, want, "{b} == {value}");
                if value > 0 {
                    let ge = byte_flags(swar::at_least(word, value));
                    let want: u64 = word
                        .to_le_bytes()
                        .iter()
                        .enumerate()
                        .map(|(i, &c)| u64::from(c >= value) << i)
                        .sum();
                    assert_eq!(ge, want, "{b} >= {value}");
                }
            }
        }
    }

    #[test]
    fn masks_follow_the_image_order() {
        let mut image = [0u8; VIEW_LEN];
        image[(2 * 7 + 5) * 3] = 2;
        image[(AGENT_X * 7 + AGENT_Y) * 3] = 5;
        image[0] = 1;
        let scan = Scan::new(&image).unwrap();
        assert_eq!(scan.walls, bit(2, 5));
        assert_eq!(scan.described, AGENT);
        assert_eq!(scan.unseen(), VIEW & !bit(2, 5) & !AGENT & !1);
        assert_eq!(cells(bit(0, 3) | bit(6, 6)).collect::<Vec<_>>(), [3, 48]);
    }
}
