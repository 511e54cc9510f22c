//! The rule that keeps the core testable on the host: nothing under src/core/ may use a browser
//! crate. This check reads the source, so it also catches a path like `web_sys::Element` used
//! without a `use` line.

use std::path::Path;

use crate::Outcome;

/// Crates that only work in a browser (or pull one in).
const BROWSER_CRATES: [&str; 7] = ["leptos", "web_sys", "wasm_bindgen", "js_sys", "gloo", "gloo_net", "send_wrapper"];

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
        println!("    src/core uses no browser crate ({})", BROWSER_CRATES.join(", "));
        Ok(())
    } else {
        Err(format!("the core must stay pure (no browser crates):\n  {}", offences.join("\n  ")))
    }
}

/// The browser crate a line of Rust refers to, ignoring comments.
fn browser_crate_in(line: &str) -> Option<&'static str> {
    let code = line.split("//").next().unwrap_or_default();
    let words = code.split(|c: char| !(c.is_alphanumeric() || c == '_'));
    for word in words.filter(|w| !w.is_empty()) {
        if let Some(krate) = BROWSER_CRATES.iter().find(|k| **k == word) {
            // `leptos` as a plain word in a string is not an import; a path or `use` is.
            let followed_by_path = code.contains(&format!("{word}::"));
            let in_use = code.trim_start().starts_with("use ") || code.contains("extern crate");
            if followed_by_path || in_use {
                return Some(krate);
            }
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
        assert_eq!(browser_crate_in("use leptos::prelude::*;"), Some("leptos"));
        assert_eq!(browser_crate_in("    let w = web_sys::window();"), Some("web_sys"));
        assert_eq!(browser_crate_in("use wasm_bindgen::JsCast;"), Some("wasm_bindgen"));
        assert_eq!(browser_crate_in("use gloo_net::http::Request;"), Some("gloo_net"));
        assert_eq!(browser_crate_in("use {serde, js_sys};"), Some("js_sys"));
    }

    #[test]
    fn comments_and_prose_are_not_imports() {
        assert_eq!(browser_crate_in("//! no leptos, web_sys or gloo imports"), None);
        assert_eq!(browser_crate_in("let x = 1; // see web_sys::Element"), None);
        assert_eq!(browser_crate_in("use serde::Deserialize;"), None);
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
