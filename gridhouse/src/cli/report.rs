//! `gridhouse report`: an HTML page of a demos, evaluation or rollout file.

use std::path::PathBuf;

/// Arguments of `gridhouse report`.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// The records: chat JSONL from `gridhouse demos`, results from `gridhouse eval`, or
    /// any JSON lines with an env id, a seed and `actions`.
    pub file: PathBuf,
    /// The HTML file to write (self-contained: opens offline).
    #[arg(long)]
    pub out: PathBuf,
    /// The page title (default: the input file's name).
    #[arg(long)]
    pub title: Option<String>,
}

/// `gridhouse report`.
pub fn cmd(args: &ReportArgs) -> Result<std::process::ExitCode, String> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| format!("cannot read {}: {e}", args.file.display()))?;
    let title = args.title.clone().unwrap_or_else(|| {
        format!(
            "Gridhouse report: {}",
            args.file
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        )
    });
    let mut html = String::new();
    let s = gridhouse::report::write_report(&text, &title, &mut html)?;
    std::fs::write(&args.out, html)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    println!(
        "wrote {}: {} episodes ({} won), {} shown step by step, {} frames",
        args.out.display(),
        s.episodes,
        s.successes,
        s.shown,
        s.frames
    );
    Ok(std::process::ExitCode::SUCCESS)
}
