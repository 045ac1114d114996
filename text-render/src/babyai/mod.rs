//! BabyAI as text: BALROG's BabyAI-Text observation, a more informative description, the six
//! text actions, BALROG's instruction prompt and its `progression` statistic.
//!
//! The input of every renderer is Minigrid's 7x7x3 egocentric view image (`obs["image"]`)
//! flattened in C order, `[u8; 147]` with index `(x * 7 + y) * 3 + channel`: column `x` runs
//! left to right, row `y` far to near, the agent sits at view cell `(3, 6)` facing up (towards
//! `y = 0`), and the carried object, if any, is drawn at that cell. Channels are Minigrid's
//! `OBJECT_TO_IDX`, `COLOR_TO_IDX` and `STATE_TO_IDX` codes (see [`ObjCode`]).
//!
//! * [`balrog_text`]: the text BALROG gives the LLM each step (`obs["text"]["long_term_context"]`),
//!   word for word, including its quirks ("a open red door", walls only on three rays).
//! * [`balrog_descriptions`]: the `info["descriptions"]` lines of BALROG's Minigrid fork
//!   ("You see ..."), one per line.
//! * [`describe_full`]: Gridhouse's own, more informative wording for users not bound to
//!   BALROG compatibility (module [`full`] lists the differences).
//! * [`BalrogAction`]: the six action names with a lenient parser and an opt-in, never silent
//!   fallback; [`instruction_prompt`] and [`Progression`].
//!
//! ```
//! use text_render::babyai::{balrog_text, VIEW_LEN};
//!
//! // An empty, fully visible view with a red ball two steps ahead.
//! let mut image = [0u8; VIEW_LEN];
//! for cell in image.chunks_exact_mut(3) {
//!     cell[0] = 1; // empty
//! }
//! let i = (3 * 7 + 4) * 3;
//! image[i..i + 3].copy_from_slice(&[6, 0, 0]); // ball, red
//! let mut out = String::new();
//! balrog_text(&image, &mut out).unwrap();
//! assert_eq!(out, "a red ball 2 steps forward");
//! ```

pub mod actions;
pub mod balrog;
mod codes;
pub mod full;
mod phrases;
pub mod prompt;
mod scan;

pub use actions::{BalrogAction, ParseActionError, ParsedAction};
pub use balrog::{Sentence, Sentences, balrog_descriptions, balrog_text, sentences};
pub use codes::{COLOR_NAMES, ImageError, OBJECT_NAMES, ObjCode, STATE_NAMES, validate_image};
pub use full::describe_full;
pub use prompt::{Progression, instruction_prompt};

/// Side length of Minigrid's egocentric view (`agent_view_size`, 7 in every BabyAI level).
pub const VIEW_SIZE: usize = 7;

/// Length of a flattened view image: 7 x 7 cells x 3 channels.
pub const VIEW_LEN: usize = VIEW_SIZE * VIEW_SIZE * 3;

/// The agent's column in the view.
pub const AGENT_X: usize = 3;

/// The agent's row in the view (the nearest row).
pub const AGENT_Y: usize = 6;
