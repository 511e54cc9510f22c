//! Writes the opening view into the built index.html (see `innomap_core::first_view`, which draws
//! it from the bundled data by the live map's rules): the picture where the page's start screen
//! is, the reading list in place of the page's `<noscript>`, and the picture's position rules at
//! the end of the app's stylesheet, which is renamed by its new content so that it can still be
//! cached for ever.
//!
//! The page's own script (index.html) hides the picture when the address asks for anything but
//! the keys in `KEYS_THAT_HIDE_THE_FIRST_VIEW`; the build checks that it lists exactly those,
//! so the rule lives in the core and the script cannot drift from it.

use std::path::Path;

use innomap_core::first_view::{FirstView, KEYS_THAT_HIDE_THE_FIRST_VIEW};
use innomap_core::language::Language;
use innomap_core::map_data::MapData;

use crate::release::{attribute, short_hash};

/// The first view of the data in `dist/data/`, written into `html` (the built index.html); the
/// stylesheet in `dist` gains its rules and a new name. Returns the new page.
pub fn write_into(dist: &Path, html: &str) -> Result<String, String> {
    let read = |name: &str| {
        std::fs::read(dist.join(name))
            .map_err(|e| format!("cannot read {} for the first view: {e}", dist.join(name).display()))
    };
    let (places, basemap) = (read(innomap_core::map_data::DATA_URL)?, read(innomap_core::map_data::BASEMAP_URL)?);
    let data = MapData::from_bytes(&places, &basemap).map_err(|e| format!("the bundled data cannot be drawn: {e}"))?;
    let view = FirstView::new(&data, Language::En);
    let html = with_the_cores_keys(html)?;
    let html = with_picture(&html, &view)?;
    let html = with_stylesheet(dist, &html, &view.stylesheet)?;
    println!(
        "    picture {} bytes, reading list {} bytes, position rules {} bytes",
        view.picture.len(),
        view.reading_list.len(),
        view.stylesheet.len()
    );
    Ok(html)
}

/// What index.html's script has where the build writes the core's keys (a string, since Trunk's
/// minifier renames variables but keeps strings).
const KEYS_PLACEHOLDER: &str = "%FIRST_VIEW_KEYS%";

/// The page's script with the core's list of the keys that hide the picture, comma-separated,
/// in place of [`KEYS_PLACEHOLDER`].
fn with_the_cores_keys(html: &str) -> Result<String, String> {
    if html.matches(KEYS_PLACEHOLDER).count() != 1 {
        return Err(format!(
            "index.html's script must have {KEYS_PLACEHOLDER} once, for the build to replace with the address keys \
             that hide the pre-drawn first view (core::first_view::KEYS_THAT_HIDE_THE_FIRST_VIEW)"
        ));
    }
    Ok(html.replacen(KEYS_PLACEHOLDER, &KEYS_THAT_HIDE_THE_FIRST_VIEW.join(","), 1))
}

/// The picture goes before the start screen; the reading list replaces the `<noscript>`.
fn with_picture(html: &str, view: &FirstView) -> Result<String, String> {
    let id = ["id=start-screen", "id=\"start-screen\""]
        .iter()
        .find_map(|attribute| html.find(attribute))
        .ok_or("index.html has no start screen (id=start-screen) to put the first view before")?;
    let start = html[..id].rfind("<div").ok_or("index.html's start screen is not a <div>")?;
    let html = format!("{}{}{}", &html[..start], view.picture, &html[start..]);
    let open = html.find("<noscript>").ok_or("index.html has no <noscript> for the reading list")?;
    let close = html[open..].find("</noscript>").ok_or("index.html's <noscript> is not closed")? + open;
    Ok(format!("{}{}{}", &html[..open], view.reading_list, &html[close + "</noscript>".len()..]))
}

/// Appends `rules` to the stylesheet the page links, renames it by its new content and points
/// the page at the new name (the integrity digest is refreshed afterwards, with the others).
fn with_stylesheet(dist: &Path, html: &str, rules: &str) -> Result<String, String> {
    let href = stylesheet_href(html).ok_or("index.html links no stylesheet for the first view's rules")?;
    let old = dist.join(href.trim_start_matches("./").trim_start_matches('/'));
    let mut css = std::fs::read_to_string(&old).map_err(|e| format!("cannot read {}: {e}", old.display()))?;
    css.push_str(rules);
    let name = format!("style-{}.css", short_hash(&css));
    std::fs::write(dist.join(&name), &css).map_err(|e| format!("cannot write {name}: {e}"))?;
    std::fs::remove_file(&old).map_err(|e| format!("cannot remove {}: {e}", old.display()))?;
    let new_href = if href.starts_with("./") { format!("./{name}") } else { format!("/{name}") };
    Ok(html.replacen(href, &new_href, 1))
}

/// The `href` of the page's first `rel=stylesheet` link.
fn stylesheet_href(html: &str) -> Option<&str> {
    let mut rest = html;
    while let Some(at) = rest.find("<link") {
        let end = at + rest[at..].find('>')?;
        let tag = &rest[at..end];
        if attribute(tag, "rel") == Some("stylesheet") {
            return attribute(tag, "href");
        }
        rest = &rest[end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> FirstView {
        FirstView {
            picture: "<div id=\"predrawn\">P</div>".to_owned(),
            stylesheet: ".x{--fx:1}".to_owned(),
            reading_list: "<noscript>LIST</noscript>".to_owned(),
        }
    }

    #[test]
    fn the_picture_goes_before_the_start_screen_and_the_list_replaces_the_noscript() {
        let minified =
            "<body><div class=\"start-screen notice\" id=start-screen role=status></div><noscript>old</noscript>";
        let out = with_picture(minified, &view()).unwrap();
        assert_eq!(out, "<body><div id=\"predrawn\">P</div><div class=\"start-screen notice\" id=start-screen role=status></div><noscript>LIST</noscript>");
        let plain = "<div id=\"start-screen\"></div><noscript>x</noscript>";
        assert!(with_picture(plain, &view())
            .unwrap()
            .starts_with("<div id=\"predrawn\">P</div><div id=\"start-screen\">"));
        assert!(with_picture("<noscript></noscript>", &view()).unwrap_err().contains("start screen"));
    }

    #[test]
    fn the_stylesheet_gains_the_rules_and_a_name_of_its_content() {
        let dist = std::env::temp_dir().join(format!("innomap-first-view-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("style-old.css"), "a{}").unwrap();
        let html = "<link href=./style-old.css integrity=sha384-x rel=stylesheet><p>";
        let out = with_stylesheet(&dist, html, view().stylesheet.as_str()).unwrap();
        let name = format!("style-{}.css", short_hash("a{}.x{--fx:1}"));
        assert_eq!(out, format!("<link href=./{name} integrity=sha384-x rel=stylesheet><p>"));
        assert_eq!(std::fs::read_to_string(dist.join(&name)).unwrap(), "a{}.x{--fx:1}");
        assert!(!dist.join("style-old.css").exists());
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn the_page_script_gets_the_cores_keys() {
        let out = with_the_cores_keys("<script>const a=`%FIRST_VIEW_KEYS%`.split(`,`);</script>").unwrap();
        assert!(out.starts_with("<script>const a=`open,place,project,map,"), "{out}");
        assert!(!out.contains("lang"), "{out}");
        assert!(with_the_cores_keys("<script>const a=[];</script>").is_err());
    }
}
