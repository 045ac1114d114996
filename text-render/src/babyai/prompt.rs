//! BALROG's BabyAI instruction prompt and its `progression` statistic.

use super::actions::BalrogAction;

/// Appends BALROG's BabyAI instruction prompt for `mission` to `out`, word for word
/// (`get_instruction_prompt` in BALROG's `babyai_text/__init__.py`): the goal, the six actions
/// with BALROG's descriptions (joined by `",\n"`, closed by `"."`), two tips and `"PLAY!"`,
/// with no leading or trailing line break. `mission` is inserted as given (for example
/// `"go to the red ball"`).
///
/// ```
/// let mut out = String::new();
/// text_render::babyai::instruction_prompt("open the yellow door", &mut out);
/// assert!(out.starts_with("You are an agent playing a simple navigation game. Your goal is to open the yellow door. "));
/// assert!(out.contains("\npick up: pick up the object below you,\n"));
/// assert!(out.ends_with("\n\nPLAY!"));
/// ```
pub fn instruction_prompt(mission: &str, out: &mut String) {
    out.push_str("You are an agent playing a simple navigation game. Your goal is to ");
    out.push_str(mission);
    out.push_str(
        ". The following are the possible actions you can take in the game, followed by a short \
         description of each action:\n\n",
    );
    for (i, action) in BalrogAction::ALL.into_iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(action.name());
        out.push_str(": ");
        out.push_str(action.prompt_description());
    }
    out.push_str(
        ".\n\nIn a moment I will present you an observation.\n\nTips:\n\
         - Once the desired object you want to interact or pickup in front of you, you can use \
         the 'toggle' action to interact with it.\n\
         - It doesn't make sense to repeat the same action over and over if the observation \
         doesn't change.\n\nPLAY!",
    );
}

/// BALROG's `progression` statistic for BabyAI: 1.0 once any step has given a reward above 0,
/// else 0.0 (`BabyAITextCleanLangWrapper.get_stats`).
///
/// BALROG's wrapper never resets it (it makes a new env per episode, so in BALROG it is per
/// episode); call [`reset`](Self::reset) at the start of each episode to get that meaning.
///
/// ```
/// use text_render::babyai::Progression;
///
/// let mut p = Progression::new();
/// p.record(0.0);
/// assert_eq!(p.value(), 0.0);
/// p.record(0.86);
/// p.record(0.0);
/// assert_eq!(p.value(), 1.0);
/// assert_eq!(Progression::of([0.0, 0.0, 0.5]), 1.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progression {
    reached: bool,
}

impl Progression {
    /// A statistic at 0.0.
    pub fn new() -> Progression {
        Progression::default()
    }

    /// Takes one step's reward into account (BALROG: `if reward > 0: progression = 1.0`;
    /// a NaN reward does not count).
    pub fn record(&mut self, reward: f64) {
        self.reached |= reward > 0.0;
    }

    /// Back to 0.0, for a new episode.
    pub fn reset(&mut self) {
        self.reached = false;
    }

    /// 1.0 if a positive reward was recorded, else 0.0.
    pub fn value(&self) -> f64 {
        if self.reached { 1.0 } else { 0.0 }
    }

    /// The statistic over one episode's rewards.
    pub fn of<I: IntoIterator<Item = f64>>(rewards: I) -> f64 {
        let mut p = Progression::new();
        rewards.into_iter().for_each(|r| p.record(r));
        p.value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prompt as BALROG's `get_instruction_prompt` returns it, written out in full.
    const GO_TO_RED_BALL: &str = "You are an agent playing a simple navigation game. Your goal is to go to the red ball. The following are the possible actions you can take in the game, followed by a short description of each action:

turn left: turn to the left,
turn right: turn to the right,
go forward: take one step forward,
pick up: pick up the object below you,
drop: drop the object that you are holding,
toggle: manipulate the object in front of you.

In a moment I will present you an observation.

Tips:
- Once the desired object you want to interact or pickup in front of you, you can use the 'toggle' action to interact with it.
- It doesn't make sense to repeat the same action over and over if the observation doesn't change.

PLAY!";

    #[test]
    fn prompt_word_for_word() {
        let mut out = String::new();
        instruction_prompt("go to the red ball", &mut out);
        assert_eq!(out, GO_TO_RED_BALL);
    }

    #[test]
    fn progression_is_sticky_until_reset() {
        let mut p = Progression::new();
        p.record(f64::NAN);
        p.record(-1.0);
        assert_eq!(p.value(), 0.0);
        p.record(1e-9);
        p.record(0.0);
        assert_eq!(p.value(), 1.0);
        p.reset();
        assert_eq!(p.value(), 0.0);
        assert_eq!(Progression::of([]), 0.0);
    }
}
