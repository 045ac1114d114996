//! Turning observations into token indices: a word vocabulary, the mission and BALROG text
//! as position-tagged words, the image as one token per (cell, channel, value).
//!
//! Every feature is an index into an embedding table whose rows are summed (an embedding
//! bag), which is a linear layer over one-hot inputs computed sparsely:
//! * image: cell `c` (0..49), channel `k`, value `v` gives `c * 20 + offset[k] + v` (11
//!   object codes, 6 colours, 3 states: 20 rows per cell);
//! * mission: word slot `s` (0..[`MISSION_LEN`]) and word `w` give `s * V + w`, so word order
//!   is kept ("put the A next to the B");
//! * text: each line of BALROG's text is a set of `(slot, word)` tokens of its own
//!   ([`LINE_LEN`] slots, up to [`LINES`] lines), embedded line by line so that a colour,
//!   an object and its offsets stay bound together.

use std::collections::BTreeMap;

use crate::task::ObsKind;

/// Word slots of the mission (longer missions are cut).
pub const MISSION_LEN: usize = 16;
/// Lines of BALROG text kept per observation.
pub const LINES: usize = 16;
/// Word slots per line.
pub const LINE_LEN: usize = 12;
/// Embedding rows per image cell: 11 object codes, 6 colours, 3 states.
pub const CELL_ROWS: usize = 20;
/// Rows of the image part of the flat table.
pub const IMAGE_ROWS: usize = 49 * CELL_ROWS;

/// The padding word (an empty slot).
pub const PAD: u32 = 0;
/// A word not seen in training.
pub const UNK: u32 = 1;

/// Splits text into words: whitespace separates, a comma is a word of its own.
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    for raw in text.split_whitespace() {
        let mut rest = raw;
        while let Some(i) = rest.find(',') {
            if i > 0 {
                f(&rest[..i]);
            }
            f(",");
            rest = &rest[i + 1..];
        }
        if !rest.is_empty() {
            f(rest);
        }
    }
}

/// The words seen in training, numbered in sorted order after [`PAD`] and [`UNK`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocab {
    ids: BTreeMap<String, u32>,
}

impl Vocab {
    /// The vocabulary of every word in `texts`.
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vocab {
        let mut seen = BTreeMap::new();
        for t in texts {
            words(t, |w| {
                seen.entry(w.to_string()).or_insert(0u32);
            });
        }
        for (i, v) in seen.values_mut().enumerate() {
            *v = i as u32 + 2;
        }
        Vocab { ids: seen }
    }

    /// Words plus the two special ones.
    pub fn len(&self) -> usize {
        self.ids.len() + 2
    }

    /// Whether only the special words are known.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index of `word` ([`UNK`] when unseen).
    pub fn id(&self, word: &str) -> u32 {
        self.ids.get(word).copied().unwrap_or(UNK)
    }
}

/// The shapes of one model's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Observation setting.
    pub obs: ObsKind,
    /// Vocabulary size.
    pub vocab: usize,
}

impl Layout {
    /// Flat indices per sample.
    pub fn flat_len(&self) -> usize {
        match self.obs {
            ObsKind::Image => 147 + MISSION_LEN,
            ObsKind::Text => MISSION_LEN,
        }
    }

    /// Rows of the flat embedding table.
    pub fn flat_rows(&self) -> usize {
        match self.obs {
            ObsKind::Image => IMAGE_ROWS + MISSION_LEN * self.vocab,
            ObsKind::Text => MISSION_LEN * self.vocab,
        }
    }

    /// Rows of the line embedding table (0 without text).
    pub fn line_rows(&self) -> usize {
        match self.obs {
            ObsKind::Image => 0,
            ObsKind::Text => LINE_LEN * self.vocab,
        }
    }
}

/// Encoded samples, stored contiguously (`flat_len` indices, then `LINES * LINE_LEN` line
/// indices and `LINES` line masks for text).
#[derive(Clone, Debug, Default)]
pub struct Batch {
    /// Flat indices, `flat_len` per sample.
    pub flat: Vec<u32>,
    /// Line word indices, `LINES * LINE_LEN` per sample (text only).
    pub lines: Vec<u32>,
    /// 1.0 for a present line, 0.0 for padding, `LINES` per sample (text only).
    pub mask: Vec<f32>,
    /// Number of samples.
    pub len: usize,
}

impl Batch {
    /// Empties the batch, keeping its allocations.
    pub fn clear(&mut self) {
        self.flat.clear();
        self.lines.clear();
        self.mask.clear();
        self.len = 0;
    }

    /// Appends one observation.
    pub fn push(
        &mut self,
        layout: &Layout,
        vocab: &Vocab,
        mission: &str,
        image: &[u8; 147],
        text: &str,
    ) {
        if layout.obs == ObsKind::Image {
            for (cell, chunk) in image.chunks_exact(3).enumerate() {
                let base = (cell * CELL_ROWS) as u32;
                self.flat.push(base + u32::from(chunk[0].min(10)));
                self.flat.push(base + 11 + u32::from(chunk[1].min(5)));
                self.flat.push(base + 17 + u32::from(chunk[2].min(2)));
            }
        }
        let mission_base = if layout.obs == ObsKind::Image {
            IMAGE_ROWS
        } else {
            0
        } as u32;
        let v = layout.vocab as u32;
        let start = self.flat.len();
        let mut slot = 0u32;
        words(mission, |w| {
            if (slot as usize) < MISSION_LEN {
                self.flat.push(mission_base + slot * v + vocab.id(w));
                slot += 1;
            }
        });
        while self.flat.len() - start < MISSION_LEN {
            self.flat.push(mission_base + slot * v + PAD);
            slot += 1;
        }
        if layout.obs == ObsKind::Text {
            let mut n = 0;
            for line in text.lines().take(LINES) {
                let start = self.lines.len();
                let mut slot = 0u32;
                words(line, |w| {
                    if (slot as usize) < LINE_LEN {
                        self.lines.push(slot * v + vocab.id(w));
                        slot += 1;
                    }
                });
                while self.lines.len() - start < LINE_LEN {
                    self.lines.push(slot * v + PAD);
                    slot += 1;
                }
                self.mask.push(1.0);
                n += 1;
            }
            for _ in n..LINES {
                self.lines.extend((0..LINE_LEN as u32).map(|s| s * v + PAD));
                self.mask.push(0.0);
            }
        }
        self.len += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_are_words() {
        let mut out = Vec::new();
        words("pick up the red ball, then go", |w| out.push(w.to_string()));
        assert_eq!(out, ["pick", "up", "the", "red", "ball", ",", "then", "go"]);
    }

    #[test]
    fn vocab_is_sorted_and_unknown_words_map_to_unk() {
        let v = Vocab::build(["go to the red ball", "a wall 2 steps left"]);
        assert_eq!(v.id("2"), 2);
        assert_eq!(v.id("zebra"), UNK);
        assert_eq!(v.len(), 12); // 10 words + PAD + UNK
    }

    #[test]
    fn text_batch_has_fixed_shapes_and_masks() {
        let vocab = Vocab::build(["go to the red ball", "a red ball 1 step forward"]);
        let layout = Layout {
            obs: ObsKind::Text,
            vocab: vocab.len(),
        };
        let mut b = Batch::default();
        b.push(
            &layout,
            &vocab,
            "go to the red ball",
            &[0; 147],
            "a red ball 1 step forward\na wall 2 steps left",
        );
        assert_eq!(b.flat.len(), MISSION_LEN);
        assert_eq!(b.lines.len(), LINES * LINE_LEN);
        assert_eq!(&b.mask[..3], &[1.0, 1.0, 0.0]);
        // "a" in slot 0 of the first line, "wall" unknown in slot 1 of the second line.
        assert_eq!(b.lines[0], vocab.id("a"));
        assert_eq!(b.lines[LINE_LEN + 1], layout.vocab as u32 + UNK);
        assert!(b.flat.iter().all(|&i| (i as usize) < layout.flat_rows()));
    }
}
