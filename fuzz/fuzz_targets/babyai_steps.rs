#![no_main]
//! Arbitrary levels, seeds and action sequences: stepping never panics, the agent never
//! stands in a wall or a closed door, and the observation is always producible.
use babyai_core::{Action, LEVEL_IDS, make};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let id = LEVEL_IDS[usize::from(data[0]) % LEVEL_IDS.len()];
    let seed = u64::from(u16::from_le_bytes([data[1], data[2]]));
    let mut env = make(id).expect("registered id");
    env.reset(seed);
    let mut obs = [0u8; 147];
    for &b in &data[3..] {
        match Action::try_from(b) {
            Ok(a) => {
                let _ = env.step(a);
            }
            Err(_) => continue,
        }
        env.env().observe(&mut obs);
        // The agent's own cell is drawn with what it carries, or empty.
        let agent = &obs[(3 * 7 + 6) * 3..(3 * 7 + 6) * 3 + 3];
        assert!(agent[0] == 1 || (5..=7).contains(&agent[0]));
    }
});
