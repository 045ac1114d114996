//! The common path of the front door: make by id, reset with a seed, step by text, read the
//! text, the image and the admissible commands; then a batch. Run with
//! `cargo run --release -p gridhouse --example quickstart`.

fn main() -> Result<(), gridhouse::Error> {
    // BabyAI: a Minigrid level with BALROG's text observation.
    let mut env = gridhouse::make("BabyAI-GoToLocal-v0")?;
    env.reset(7)?;
    println!("mission: {}\n{}", env.mission(), env.text());
    let mut image = [0u8; 147];
    env.image(&mut image); // Minigrid's obs["image"], 7x7x3
    while !env.won() {
        let action = env.expert_action()?; // the bot's next action, in BALROG's words
        let step = env.step_text(&action)?;
        println!("> {action}: reward {:.3}", step.reward);
        if step.done() {
            break;
        }
    }

    // ALFWorld: a generated task set; the seed picks the game.
    let mut env = gridhouse::make("alfworld/valid_unseen")?;
    env.reset(3)?;
    println!("\n{}", env.text());
    println!("admissible: {:?}", env.admissible());
    while !env.won() {
        let command = env.expert_action()?;
        let _ = env.step_text(&command)?;
        println!("> {command}\n{}", env.text());
    }

    // A batch of 64 BabyAI envs stepped with typed actions into caller buffers.
    let n = 64;
    let mut batch = gridhouse::Batch::new(
        "BabyAI-BossLevel-v0",
        n,
        0,
        gridhouse::AutoResetMode::SameStep,
        1,
    )?;
    let mut images = vec![[0u8; 147]; n];
    let (mut rewards, mut terminated, mut truncated) =
        (vec![0.0; n], vec![false; n], vec![false; n]);
    let actions = vec![gridhouse::Action::Forward; n];
    let out = gridhouse::batch_out(&mut images, &mut rewards, &mut terminated, &mut truncated);
    batch.step(&actions, out, None)?;
    println!("\nstepped {} BossLevel envs", batch.len());
    Ok(())
}
