#![no_main]
//! Reading a trace line (state deserialisation) and importing its state never panics.
use babyai_core::BabyEnv;
use babyai_core::trace::parse_episode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ep) = parse_episode(line) {
        if let Ok(mut env) = BabyEnv::from_recorded_state(&ep.state) {
            let mut obs = [0u8; 147];
            env.observe(&mut obs);
            for a in babyai_core::ACTIONS {
                let _ = env.step(a);
            }
        }
    }
});
