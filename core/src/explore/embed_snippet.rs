//! The HTML a city's web editor pastes into their page to embed the map, in the two forms the
//! "Embed this map" dialog offers: a plain `<iframe>` of a fixed height, and a responsive one
//! that the host script (`embed.js`) sizes from the map's height messages. Written here, not in
//! the dialog, so the exact text is tested on the host and every value in it is escaped.

use crate::text::format::html_escaped;

/// What a snippet is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnippetParts<'a> {
    /// The standalone app's address without a query (`https://kartta.example.fi/innomap/`).
    pub app_address: &'a str,
    /// The embed's query, with its leading `?` (the state and the embed options).
    pub query: &'a str,
    /// The iframe's accessible name, in the embed's language.
    pub title: &'a str,
    /// The iframe's height in CSS pixels (the starting height of the responsive form).
    pub height_px: u32,
}

/// The attributes both forms share, after `src`: the iframe fills the column's width, loads
/// when it comes near the screen, may go full screen, and tells the map's server only the host
/// page's origin, never the address of the page it is on.
const SHARED_ATTRIBUTES: &str =
    r#"width="100%" style="border:0" loading="lazy" allow="fullscreen" referrerpolicy="strict-origin""#;

/// A plain `<iframe>`: works on any page, at the height given.
pub fn iframe_snippet(parts: &SnippetParts<'_>) -> String {
    format!(
        r#"<iframe title="{}" src="{}" height="{}" {SHARED_ATTRIBUTES}></iframe>"#,
        html_escaped(parts.title),
        html_escaped(&format!("{}{}", parts.app_address, parts.query)),
        parts.height_px,
    )
}

/// The responsive form: the iframe marked for the host script, and the script itself (served
/// beside the app as `embed.js`), which sizes the iframe to the height the map asks for.
pub fn responsive_snippet(parts: &SnippetParts<'_>) -> String {
    format!(
        "<iframe data-innomap title=\"{}\" src=\"{}\" height=\"{}\" {SHARED_ATTRIBUTES}></iframe>\n\
         <script src=\"{}\" async></script>",
        html_escaped(parts.title),
        html_escaped(&format!("{}{}", parts.app_address, parts.query)),
        parts.height_px,
        html_escaped(&format!("{}embed.js", folder_of(parts.app_address))),
    )
}

/// The folder an address ends in (`https://a.fi/map/index.html` → `https://a.fi/map/`).
fn folder_of(address: &str) -> &str {
    address.rfind('/').map_or(address, |slash| &address[..=slash])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTS: SnippetParts<'static> = SnippetParts {
        app_address: "https://kartta.example.fi/innomap/",
        query: "?lang=fi&open=oulu&embed=1",
        title: "InnoMap: Suomen InnoCities",
        height_px: 480,
    };

    #[test]
    fn the_plain_iframe_has_every_attribute_a_city_page_needs() {
        assert_eq!(
            iframe_snippet(&PARTS),
            "<iframe title=\"InnoMap: Suomen InnoCities\" \
             src=\"https://kartta.example.fi/innomap/?lang=fi&amp;open=oulu&amp;embed=1\" height=\"480\" \
             width=\"100%\" style=\"border:0\" loading=\"lazy\" allow=\"fullscreen\" referrerpolicy=\"strict-origin\"></iframe>"
        );
    }

    #[test]
    fn the_responsive_form_marks_the_iframe_and_loads_the_host_script_beside_the_app() {
        let parts = SnippetParts { app_address: "https://kartta.example.fi/innomap/index.html", ..PARTS };
        let snippet = responsive_snippet(&parts);
        assert!(snippet.starts_with("<iframe data-innomap title=\"InnoMap: Suomen InnoCities\" "), "{snippet}");
        assert!(
            snippet.ends_with("\n<script src=\"https://kartta.example.fi/innomap/embed.js\" async></script>"),
            "{snippet}"
        );
    }

    #[test]
    fn quotes_and_angle_brackets_cannot_end_an_attribute() {
        let parts = SnippetParts { title: "\"><script>alert(1)</script>", ..PARTS };
        let snippet = iframe_snippet(&parts);
        assert!(snippet.contains("title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""), "{snippet}");
        assert_eq!(snippet.matches('"').count(), 2 * 8, "only the attributes' own quotes: {snippet}");
    }
}
