//! The rule that keeps the core testable on the host: nothing under src/core/ may use a browser
//! crate. This check reads the source, so it also catches a path like `web_sys::Element` used
//! without a `use` line.

use std::path::Path;

use crate::Outcome;

/// Crates that only work in a browser (or pull one in). Any crate whose name starts with `gloo`
/// counts too (gloo_net, gloo_timers, gloo_utils, …).
const BROWSER_CRATES: [&str; 6] = ["leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo", "send_wrapper"];

/// Fails with every offending line when a file under `core_dir` names a browser crate.
pub fn check_core(core_dir: &Path) -> Outcome {
    let mut offences = Vec::new();
    visit(core_dir, &mut |file, text| {
        for (number, line) in text.lines().enumerate() {
            if let Some(krate) = browser_crate_in(line) {
                offences.push(format!("{}:{}: uses `{krate}`: {}", file.display(), number + 1, line.trim()));
            }
        }
    })?;
    if offences.is_empty() {
        println!("    src/core uses no browser crate ({}, gloo*)", BROWSER_CRATES.join(", "));
        Ok(())
    } else {
        Err(format!("the core must stay pure (no browser crates):\n  {}", offences.join("\n  ")))
    }
}

/// The browser crate a line of Rust refers to. Comment lines are skipped; on a code line every
/// word counts (a trailing comment that names a browser crate is a false alarm, never a miss).
fn browser_crate_in(line: &str) -> Option<String> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return None;
    }
    let is_browser = |word: &str| BROWSER_CRATES.contains(&word) || word.starts_with("gloo");
    let is_use = code.starts_with("use ")
        || code.starts_with("pub use ")
        || (code.starts_with("pub(") && code.contains(") use "))
        || code.contains("extern crate ");
    let words = code.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty());
    for word in words.filter(|w| is_browser(w)) {
        // A crate is used through a path (`web_sys::Element`) or named in a `use` line.
        if is_use || code.contains(&format!("{word}::")) {
            return Some(word.to_owned());
        }
    }
    None
}

fn visit(dir: &Path, on_file: &mut impl FnMut(&Path, &str)) -> Outcome {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?.path();
        if path.is_dir() {
            visit(&path, on_file)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            on_file(&path, &text);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_and_paths_are_caught() {
        let found = |line: &str| browser_crate_in(line);
        assert_eq!(found("use leptos::prelude::*;").as_deref(), Some("leptos"));
        assert_eq!(found("    let w = web_sys::window();").as_deref(), Some("web_sys"));
        assert_eq!(found("use wasm_bindgen::JsCast;").as_deref(), Some("wasm_bindgen"));
        assert_eq!(found("use gloo_net::http::Request;").as_deref(), Some("gloo_net"));
        assert_eq!(found("use {serde, js_sys};").as_deref(), Some("js_sys"));
        assert_eq!(found("pub use leptos;").as_deref(), Some("leptos"));
        assert_eq!(found("pub(crate) use gloo_timers::callback::Timeout;").as_deref(), Some("gloo_timers"));
        assert_eq!(found("let _ = gloo_utils::window();").as_deref(), Some("gloo_utils"));
        assert_eq!(found(r#"let url = "https://x.org"; let w = web_sys::window();"#).as_deref(), Some("web_sys"));
    }

    #[test]
    fn comments_and_prose_are_not_imports() {
        assert_eq!(browser_crate_in("//! no leptos, web_sys or gloo imports"), None);
        assert_eq!(browser_crate_in("    /// see web_sys::Element"), None);
        assert_eq!(browser_crate_in("use serde::Deserialize;"), None);
        assert_eq!(browser_crate_in("let leptos_like = 1;"), None);
    }

    #[test]
    fn the_real_core_is_pure_and_a_dirty_one_fails() {
        let core = crate::repo_root().join("src").join("core");
        assert!(check_core(&core).is_ok());
        let dirty = std::env::temp_dir().join(format!("innomap-purity-{}", std::process::id()));
        std::fs::create_dir_all(&dirty).unwrap();
        std::fs::write(dirty.join("x.rs"), "use leptos::prelude::*;\n").unwrap();
        let error = check_core(&dirty).unwrap_err();
        std::fs::remove_dir_all(&dirty).unwrap();
        assert!(error.contains("x.rs:1: uses `leptos`"), "{error}");
    }
}
