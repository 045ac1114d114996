//! Phrasing shared by Gridhouse's engines.
//!
//! Every renderer writes into a `String` owned by the caller (cleared or appended to, as each
//! function documents), so a caller that reuses one buffer renders without allocating once the
//! buffer has grown to its working size. Engines hold no text in their hot state; they hand
//! small structured values to this crate when text is asked for.
//!
//! * [`babyai`]: BALROG's BabyAI-Text observation (word for word), a more informative
//!   description, the six text actions, BALROG's instruction prompt and `progression`.
//! * [`list`], [`number`]: list joining and counted nouns shared by every wording.
//!
//! ```
//! use text_render::{join_list, steps, ListStyle};
//!
//! let mut out = String::new();
//! join_list(&mut out, ["a apple 1", "a mug 2", "a knife 1"], ListStyle::ALFWORLD);
//! assert_eq!(out, "a apple 1, a mug 2, and a knife 1");
//!
//! out.clear();
//! join_list(&mut out, ["a apple 1", "a mug 2"], ListStyle::ALFWORLD);
//! assert_eq!(out, "a apple 1, and a mug 2");
//!
//! out.clear();
//! steps(&mut out, 1);
//! out.push(' ');
//! steps(&mut out, 3);
//! assert_eq!(out, "1 step 3 steps");
//! ```
#![forbid(unsafe_code)]

pub mod alfworld;
pub mod babyai;
pub mod list;
pub mod number;

pub use list::{ListStyle, join_list, join_list_prefixed};
pub use number::{push_uint, steps};
