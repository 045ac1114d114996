//! Runs the `gridhouse` binary for the end-to-end tests (`mod common;` in each test file).
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `gridhouse args...` with `stdin` piped in. The process may exit before reading all
/// of it: a broken pipe is not an error here.
pub fn run_raw(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gridhouse"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run gridhouse");
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("wait for gridhouse")
}

/// `(success, stdout, stderr)` of `gridhouse args...` with `stdin` piped in.
pub fn gridhouse_with_input(args: &[&str], stdin: &str) -> (bool, String, String) {
    let out = run_raw(args, stdin.as_bytes());
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `(success, stdout, stderr)` of `gridhouse args...` with nothing on stdin.
pub fn gridhouse(args: &[&str]) -> (bool, String, String) {
    gridhouse_with_input(args, "")
}
