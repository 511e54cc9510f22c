//! Running external programs with their output shown, and reading their version lines.

use std::path::Path;
use std::process::Command;

use crate::Outcome;

/// Runs `program args…` in `dir` with extra `env`, streaming its output; fails on a non-zero exit.
pub fn run(dir: &Path, program: &str, args: &[&str], env: &[(&str, String)]) -> Outcome {
    println!("    $ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .status()
        .map_err(|e| format!("could not start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The first line a program prints for `args` (e.g. `--version`), or `None` if it does not run.
pub fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout).lines().next().map(|l| l.trim().to_owned())
}
