//! BabyAI as text, on the env: BALROG's observation text and Gridhouse's fuller description
//! of the current 7x7 view (rendered by `text_render::babyai`).

use crate::env::BabyEnv;
use crate::view::OBS_LEN;

impl BabyEnv {
    /// Appends BALROG's text of the current observation to `out` (the `text`/`reset_text`
    /// of the reference traces: lines such as `"a wall 2 steps left"`, joined by `"\n"`,
    /// `"You carry a red key"` first when carrying). No allocation beyond `out`'s growth.
    ///
    /// ```
    /// let mut env = babyai_core::make("BabyAI-GoToRedBallNoDists-v0").unwrap();
    /// env.reset(0);
    /// let mut text = String::new();
    /// env.env().balrog_text(&mut text);
    /// assert!(text.contains("a red ball"));
    /// ```
    pub fn balrog_text(&self, out: &mut String) {
        let mut image = [0u8; OBS_LEN];
        self.observe(&mut image);
        // The engine only draws codes Minigrid defines, so rendering cannot fail.
        let _ = text_render::babyai::balrog_text(&image, out);
    }

    /// Appends Gridhouse's fuller description of the current observation to `out` (all
    /// walls, "an open door", what is carried and what is in front; see
    /// `text_render::babyai::full`).
    pub fn text_full(&self, out: &mut String) {
        let mut image = [0u8; OBS_LEN];
        self.observe(&mut image);
        let _ = text_render::babyai::describe_full(&image, out);
    }
}
