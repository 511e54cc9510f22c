//! The first view, drawn ahead of the code: what the release build writes into index.html so a
//! visitor sees the map as soon as the page and its stylesheet arrive, long before the
//! WebAssembly and the data (a few hundred kilobytes on a slow phone network).
//!
//! Everything here is drawn from the live map's own rules, so the picture the app replaces is the
//! one it then draws:
//! - the view is [`MapData::home_view`]'s fit of the InnoCities, written as a stylesheet rule that
//!   repeats the fit for any window (see [`FirstView::stylesheet`]): a place stands where the
//!   live map puts it at every size, not only at the sizes drawn for;
//! - the basemap is `core::layers::basemap`'s paths of the home view, in the live map's classes;
//! - the markers, groups and their names are `core::layers::marker_layer`'s layout of the home
//!   view at two reference sizes, a desktop and a phone (grouping and label sides depend on the
//!   zoom), in the live markers' classes, so the same CSS draws both.
//!
//! It also writes what a reader without JavaScript, a search engine or a link preview gets: a plain
//! list of the InnoCities, the lead projects and the partner places in each language, every entry
//! a real link that opens it in the app (`?open=id&lang=…`).
//!
//! Everything comes from the data file and is untrusted: text is escaped, and positions are
//! numbers written by this module. The markup has no `style` attribute and no script, so it obeys
//! the app's Content-Security-Policy; positions live in [`FirstView::stylesheet`].

use std::fmt::Write;

use crate::data::model::{MarkerKind, PlaceKind, RecordId};
#[cfg(test)]
use crate::geo::geometry::ScreenPoint;
use crate::geo::geometry::{ScreenSize, WorldPoint};
use crate::language::Language;
use crate::layers::basemap::CLIP_BEYOND_PX;
use crate::layers::marker_layer::{Emphasis, LayoutItem, MarkerLayout};
use crate::map_data::MapData;
use crate::order::sorted_by;
use crate::text::format::html_escaped;
use crate::view::map_area::FIT_PADDING_PX;
use crate::view::viewport::Viewport;

/// The element the app removes once its own map is painted (see `app::start`).
pub const FIRST_VIEW_ID: &str = "predrawn";

/// The address keys that make the page hide the picture at once (see
/// `explore::url_state::CHANGES_THE_OPENING_VIEW`), so a deep link never shows the wrong map while
/// the code loads; any other key (the language, a newsletter's tracking tag) leaves it.
pub use crate::explore::url_state::CHANGES_THE_OPENING_VIEW as KEYS_THAT_HIDE_THE_FIRST_VIEW;

/// The two windows the marker layout is drawn for: which places group and which side each name
/// takes depend on the zoom, which depends on the window. The stylesheet shows the phone's below
/// [`NARROW_BELOW_PX`].
const DESKTOP: ScreenSize = ScreenSize { width: 1280.0, height: 800.0 };
const PHONE: ScreenSize = ScreenSize { width: 390.0, height: 844.0 };
const NARROW_BELOW_PX: f64 = 600.0;

/// The basemap is clipped to what windows from 3:1 wide to 1:3 tall show of the home view;
/// beyond, the map's sea colour shows at the edges.
const WIDEST: ScreenSize = ScreenSize { width: 2400.0, height: 800.0 };
const TALLEST: ScreenSize = ScreenSize { width: 400.0, height: 1200.0 };

/// Positions are written to 1/100,000 of the fitted box: under a tenth of a pixel on any screen.
const FRACTION_DIGITS: usize = 5;

/// The opening view, ready to be written into index.html.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstView {
    /// The picture and the title card, as one element with the id [`FIRST_VIEW_ID`].
    pub picture: String,
    /// The rules that place the picture's markers for any window.
    pub stylesheet: String,
    /// The lists for readers without JavaScript (a `<noscript>` element).
    pub reading_list: String,
}

impl FirstView {
    /// The opening view of `data` (its basemap and markers), with the names in `language`.
    pub fn new(data: &MapData, language: Language) -> Self {
        let fit = FittedBox::of(data);
        let mut stylesheet = format!(
            "/* The opening view drawn ahead of the code (core::first_view). */\n\
             .predrawn{{--fit-ratio:{};--fit-padding:{FIT_PADDING_PX}px}}\n",
            fraction(fit.ratio())
        );
        let mut places = String::new();
        for (layout, suffix) in [(Layout::Desktop, "wide"), (Layout::Phone, "narrow")] {
            let view = layout.view(data);
            let items = Layout::items(data, &view, language);
            // Hidden from screen readers: the picture's name says what it shows, and its places
            // are in the reading list (without scripts) or the app (with them).
            let _ = write!(places, "<div class=\"predrawn__places predrawn__places--{suffix}\" aria-hidden=\"true\">");
            for (index, item) in items.iter().enumerate() {
                let class = format!("predrawn__at--{}{index}", &suffix[..1]);
                let (fx, fy) = fit.fraction_of(view.screen_to_world(item.at));
                let _ = writeln!(stylesheet, ".{class}{{--fx:{};--fy:{}}}", fraction(fx), fraction(fy));
                places.push_str(&marker_markup(item, &class));
            }
            places.push_str("</div>");
        }
        let _ = writeln!(
            stylesheet,
            "@media (max-width: {}px) {{ .predrawn__places--wide {{ display: none; }} }}\n\
             @media (min-width: {NARROW_BELOW_PX}px) {{ .predrawn__places--narrow {{ display: none; }} }}",
            NARROW_BELOW_PX - 0.02
        );
        let words = Words(language);
        let name = html_escaped(&words.picture_name(data));
        let picture = format!(
            "<div id=\"{FIRST_VIEW_ID}\" class=\"predrawn\">\
             <header class=\"app-title predrawn__title\"><h1>InnoMap</h1><p class=\"app-title__tagline\">{}</p></header>\
             <section class=\"predrawn__map\" aria-label=\"{name}\">{}{places}</section></div>",
            html_escaped(words.tagline()),
            basemap_markup(data, &fit, &name),
        );
        Self { picture, stylesheet, reading_list: reading_list(data) }
    }
}

/// The box the home view fits into the window (the InnoCities, or what `home_view` falls back
/// to), in world coordinates.
#[derive(Clone, Copy, Debug)]
struct FittedBox {
    north_west: WorldPoint,
    south_east: WorldPoint,
}

impl FittedBox {
    fn of(data: &MapData) -> Self {
        let (north_west, south_east) = data.home_box();
        Self { north_west, south_east }
    }

    fn span(&self) -> (f64, f64) {
        (
            (self.south_east.x - self.north_west.x).max(f64::EPSILON),
            (self.south_east.y - self.north_west.y).max(f64::EPSILON),
        )
    }

    /// Width over height.
    fn ratio(&self) -> f64 {
        let (w, h) = self.span();
        w / h
    }

    /// Where `world` lies in the box, from 0 (west, north) to 1 (east, south); beyond for points
    /// outside it.
    fn fraction_of(&self, world: WorldPoint) -> (f64, f64) {
        let (w, h) = self.span();
        ((world.x - self.north_west.x) / w, (world.y - self.north_west.y) / h)
    }

    /// Where the stylesheet's rule puts the point at `fraction` in a window of `size`: the box,
    /// with [`FIT_PADDING_PX`] free around it, as large as fits and centred (see public/style.css,
    /// `.predrawn__at`).
    #[cfg(test)]
    fn screen_position(&self, fraction: (f64, f64), size: ScreenSize) -> ScreenPoint {
        let ratio = self.ratio();
        let (free_w, free_h) = (size.width - 2.0 * FIT_PADDING_PX, size.height - 2.0 * FIT_PADDING_PX);
        let (fit_w, fit_h) = (free_w.min(free_h * ratio), (free_w / ratio).min(free_h));
        ScreenPoint::new(size.width / 2.0 + (fraction.0 - 0.5) * fit_w, size.height / 2.0 + (fraction.1 - 0.5) * fit_h)
    }
}

/// The two marker layouts drawn.
#[derive(Clone, Copy, Debug)]
enum Layout {
    Desktop,
    Phone,
}

impl Layout {
    fn view(self, data: &MapData) -> Viewport {
        data.home_view(match self {
            Self::Desktop => DESKTOP,
            Self::Phone => PHONE,
        })
    }

    /// The live map's marker layout of `view`, nothing selected, without the cards that float
    /// over the map (they are not known before the page is drawn).
    fn items(data: &MapData, view: &Viewport, language: Language) -> Vec<LayoutItem> {
        MarkerLayout::new(&data.all.clusters, &data.all.markers, view, language, Emphasis::NONE, &[]).items
    }
}

fn fraction(value: f64) -> String {
    let text = format!("{value:.FRACTION_DIGITS$}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// One marker or group and its name at a point the class `at_class` places: the live map's
/// markup (`app::map::markers`) with each class's pre-drawn twin (`predrawn__` and the class),
/// which the stylesheet draws by the same rules, so that nothing looking for the live markers
/// (the app's own code, a test, a host page) finds the picture's.
fn marker_markup(item: &LayoutItem, at_class: &str) -> String {
    let kind = item.kind.code();
    let is_group = item.count > 1;
    let count = if is_group { item.count.to_string() } else { String::new() };
    let label = item.label_side.map_or_else(String::new, |side| {
        let group = if is_group { " predrawn__marker__label--group" } else { "" };
        format!(
            "<span class=\"predrawn__marker__label predrawn__marker__label--{} predrawn__marker__label--of-{kind}{group}\">\
             <span class=\"predrawn__marker__label-text\">{}</span></span>",
            side.code(),
            html_escaped(&item.label)
        )
    });
    let group = if is_group { " predrawn__marker--group" } else { "" };
    format!(
        "<span class=\"predrawn__at {at_class}\">{label}<span class=\"predrawn__marker predrawn__marker--{kind}{group}\">\
         <span class=\"predrawn__marker__shape\">{count}</span></span></span>"
    )
}

/// The home view's land, lakes and borders in the live basemap's classes, in world path units
/// with the fitted box as the view box: the stylesheet sizes the element to the window less the
/// fit padding, and `meet` scales the box into it as the live map's fit does.
fn basemap_markup(data: &MapData, fit: &FittedBox, name: &str) -> String {
    let units = Viewport::path_units();
    let (w, h) = fit.span();
    let area = [WIDEST, TALLEST].map(|size| data.home_view(size).visible_area(CLIP_BEYOND_PX));
    let area = (
        WorldPoint { x: area[0].0.x.min(area[1].0.x), y: area[0].0.y.min(area[1].0.y) },
        WorldPoint { x: area[0].1.x.max(area[1].1.x), y: area[0].1.y.max(area[1].1.y) },
    );
    let detail = data.basemap.drawn_detail(data.home_view(DESKTOP).zoom());
    let (land, borders) = data.basemap.paths_within(detail, area);
    let lakes = data.basemap.lakes_within(detail, area);
    format!(
        "<svg class=\"predrawn__basemap\" viewBox=\"{} {} {} {}\" preserveAspectRatio=\"xMidYMid meet\" \
         role=\"img\" aria-label=\"{name}\" focusable=\"false\">\
         <path class=\"basemap__land\" d=\"{land}\"></path><path class=\"basemap__lake\" d=\"{lakes}\"></path>\
         <path class=\"basemap__border\" d=\"{borders}\"></path></svg>",
        (fit.north_west.x * units).round(),
        (fit.north_west.y * units).round(),
        (w * units).round(),
        (h * units).round(),
    )
}

/// The lists for readers without JavaScript, one section per language, each marked with its
/// language and linking into the app in it.
fn reading_list(data: &MapData) -> String {
    let mut out = String::from("<noscript><main class=\"reading-list\">");
    out.push_str("<nav class=\"reading-list__languages\"><ul>");
    for language in Language::ALL {
        let words = Words(language);
        let _ = write!(
            out,
            "<li><a href=\"#list-{code}\" lang=\"{code}\" hreflang=\"{code}\">{}</a></li>",
            words.language_name(),
            code = language.code()
        );
    }
    out.push_str("</ul></nav>");
    for language in Language::ALL {
        out.push_str(&language_section(data, language));
    }
    out.push_str("</main></noscript>");
    out
}

fn language_section(data: &MapData, language: Language) -> String {
    let words = Words(language);
    let code = language.code();
    let link = |id: &RecordId, text: &str| {
        format!("<a href=\"?open={}&amp;lang={code}\">{}</a>", html_escaped(id.as_str()), html_escaped(text))
    };
    let dataset = &data.dataset;
    let places_of = |kind: PlaceKind| {
        let places: Vec<_> = dataset.places.iter().filter(|p| p.kind == kind).collect();
        sorted_by(places, |a, b| by_name(a.name.get(language), b.name.get(language)))
    };
    let mut out = format!(
        "<section class=\"reading-list__language\" id=\"list-{code}\" lang=\"{code}\"><h2>{}</h2><p>{}</p>",
        html_escaped(words.heading()),
        html_escaped(words.introduction())
    );
    let _ = write!(out, "<h3>{}</h3><ul>", html_escaped(words.innocities()));
    for place in places_of(PlaceKind::InnoCity) {
        let _ = write!(out, "<li>{}</li>", link(&place.id, place.name.get(language)));
    }
    let _ = write!(out, "</ul><h3>{}</h3><ul>", html_escaped(words.lead_projects()));
    let projects =
        sorted_by(dataset.projects.iter().collect(), |a, b| by_name(a.name.get(language), b.name.get(language)));
    for project in projects {
        let lead = dataset.place(&project.lead_place).map(|p| p.name.get(language));
        let led_by = lead.map_or_else(String::new, |lead| format!(" ({})", html_escaped(lead)));
        let _ = write!(out, "<li>{}{led_by}</li>", link(&project.id, project.name.get(language)));
    }
    let _ = write!(out, "</ul><h3>{}</h3><ul>", html_escaped(words.partner_places()));
    for place in places_of(PlaceKind::Partner) {
        let _ =
            write!(out, "<li>{} ({})</li>", link(&place.id, place.name.get(language)), html_escaped(&place.country));
    }
    out.push_str("</ul></section>");
    out
}

/// Names in alphabetical order, whatever their case.
fn by_name(a: &str, b: &str) -> std::cmp::Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

/// The words of the first view and the reading list. They are the build's alone (the app never
/// shows them), so they live here rather than in `text::ui_text`, whose every word the app's
/// binary carries.
#[derive(Clone, Copy, Debug)]
struct Words(Language);

impl Words {
    fn tagline(self) -> &'static str {
        crate::text::ui_text::UiText(self.0).tagline()
    }

    fn picture_name(self, data: &MapData) -> String {
        let count = data.all.markers.iter().filter(|m| m.kind == MarkerKind::InnoCity).count();
        match self.0 {
            Language::En => format!("Map of Finland and its neighbours with the {count} InnoCities"),
            Language::Fi => format!("Kartta Suomesta ja sen naapureista, jossa {count} innokaupunkia"),
            Language::Sv => format!("Karta över Finland och grannländerna med de {count} InnoCities"),
        }
    }

    fn language_name(self) -> &'static str {
        match self.0 {
            Language::En => "In English",
            Language::Fi => "Suomeksi",
            Language::Sv => "På svenska",
        }
    }

    fn heading(self) -> &'static str {
        match self.0 {
            Language::En => "The InnoCities, their lead projects and partners",
            Language::Fi => "Innokaupungit, niiden kärkihankkeet ja kumppanit",
            Language::Sv => "InnoCities, deras ledande projekt och partner",
        }
    }

    fn introduction(self) -> &'static str {
        match self.0 {
            Language::En => {
                "The interactive map needs JavaScript. This list has every InnoCity, every lead project and every \
                 partner place on the map; each link opens it on the map where JavaScript runs."
            }
            Language::Fi => {
                "Vuorovaikutteinen kartta tarvitsee JavaScriptiä. Tässä luettelossa ovat kaikki kartan innokaupungit, \
                 kärkihankkeet ja kumppanipaikat; linkki avaa kohteen kartalla, kun JavaScript on käytössä."
            }
            Language::Sv => {
                "Den interaktiva kartan behöver JavaScript. Listan har alla InnoCities, ledande projekt och \
                 partnerorter på kartan; en länk öppnar dem på kartan där JavaScript körs."
            }
        }
    }

    fn innocities(self) -> &'static str {
        match self.0 {
            Language::En => "InnoCities",
            Language::Fi => "Innokaupungit",
            Language::Sv => "InnoCities",
        }
    }

    fn lead_projects(self) -> &'static str {
        match self.0 {
            Language::En => "Lead projects (led by)",
            Language::Fi => "Kärkihankkeet (vetäjä)",
            Language::Sv => "Ledande projekt (leds av)",
        }
    }

    fn partner_places(self) -> &'static str {
        match self.0 {
            Language::En => "Partner places (country)",
            Language::Fi => "Kumppanipaikat (maa)",
            Language::Sv => "Partnerorter (land)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::projection::project;
    use crate::map_data::bundled_for_tests;

    /// The stylesheet's rule puts every InnoCity where the live map's home view does, in windows
    /// far from the two the layout was drawn for.
    #[test]
    fn the_fit_rule_places_every_innocity_where_the_home_view_does_in_any_window() {
        let data = bundled_for_tests();
        let fit = FittedBox::of(&data);
        for size in [
            DESKTOP,
            PHONE,
            ScreenSize::new(1920.0, 1080.0),
            ScreenSize::new(768.0, 1024.0),
            ScreenSize::new(320.0, 568.0),
            ScreenSize::new(2560.0, 720.0),
        ] {
            let home = data.home_view(size);
            for marker in data.all.markers.iter().filter(|m| m.kind == MarkerKind::InnoCity) {
                let live = home.world_to_screen(marker.world);
                let drawn = fit.screen_position(fit.fraction_of(marker.world), size);
                assert!(live.distance_to(drawn) < 0.05, "{} in {size:?}: live {live:?}, drawn {drawn:?}", marker.id);
            }
        }
        assert_eq!(project(crate::geo::latlng::LatLng::lat_lon(0.0, 0.0)).x, 0.5);
    }

    #[test]
    fn the_picture_holds_every_innocity_and_has_no_style_or_script() {
        let data = bundled_for_tests();
        let view = FirstView::new(&data, Language::En);
        for markup in [&view.picture, &view.reading_list] {
            let document = roxmltree::Document::parse(markup).unwrap();
            for node in document.descendants() {
                assert_ne!(node.tag_name().name(), "script");
                assert_ne!(node.tag_name().name(), "style");
                for attribute in node.attributes() {
                    assert!(attribute.name() != "style" && !attribute.name().starts_with("on"), "{attribute:?}");
                    assert!(!attribute.value().contains("javascript:"), "{attribute:?}");
                }
            }
        }
        assert!(view.picture.starts_with("<div id=\"predrawn\" class=\"predrawn\">"));
        assert_eq!(view.picture.matches("<svg").count(), 1);
        assert!(view.stylesheet.contains(".predrawn{--fit-ratio:"));
        // Every InnoCity is drawn on both layouts, alone or in a group, at a point the
        // stylesheet places.
        for (layout, prefix) in [(Layout::Desktop, "w"), (Layout::Phone, "n")] {
            let items = Layout::items(&data, &layout.view(&data), Language::En);
            for marker in data.all.markers.iter().filter(|m| m.kind == MarkerKind::InnoCity) {
                let index = data.all.markers.iter().position(|m| m.id == marker.id).unwrap();
                let at = items.iter().position(|item| item.members.contains(&index)).unwrap();
                let class = format!("predrawn__at--{prefix}{at}");
                assert!(view.picture.contains(&format!("predrawn__at {class}\"")), "{}", marker.id);
                assert!(view.stylesheet.contains(&format!(".{class}{{--fx:")), "{}", marker.id);
            }
        }
        // The reading list links every InnoCity in each language.
        for place in data.dataset.places.iter().filter(|p| p.kind == PlaceKind::InnoCity) {
            for language in Language::ALL {
                let link = format!("?open={}&amp;lang={}", place.id.as_str(), language.code());
                assert!(view.reading_list.contains(&link), "{link}");
            }
        }
    }

    #[test]
    fn names_from_the_data_are_text_and_never_markup() {
        // The reader refuses tags in text; what it lets through must still not become markup.
        let hostile = r#"R&D \"Lab\" <3 > 2 &amp;"#;
        let data = MapData::from_texts(
            &format!(
                r#"{{"type":"FeatureCollection","features":[
                {{"type":"Feature","id":"agreement-x","geometry":null,"properties":{{"record":"agreement","name":{{"en":"X","fi":"X","sv":"X"}},"members":["x"],"sources":[{{"document":"test"}}],"checked":"2026-11-22"}}}},
                {{"type":"Feature","id":"x","geometry":{{"type":"Point","coordinates":[24.9,60.2]}},"properties":{{"record":"place","kind":"innocity","country":"FI","agreement":"agreement-x","name":{{"en":"{hostile}","fi":"{hostile}","sv":"{hostile}"}},"sources":[{{"document":"test"}}],"checked":"2026-11-22"}}}}]}}"#
            ),
            r#"{"type":"FeatureCollection","features":[]}"#,
        )
        .unwrap();
        assert!(data.skipped().next().is_none(), "{:?}", data.problems);
        let view = FirstView::new(&data, Language::En);
        let raw = hostile.replace("\\", "");
        for markup in [&view.picture, &view.reading_list] {
            assert!(markup.contains("R&amp;D &quot;Lab&quot; &lt;3 &gt; 2 &amp;amp;"), "{markup}");
            let document = roxmltree::Document::parse(markup).unwrap();
            assert!(document.descendants().any(|n| n.text() == Some(raw.as_str())), "{markup}");
        }
    }
}
