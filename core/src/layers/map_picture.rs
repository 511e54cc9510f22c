//! The map as a picture: the current view written as a standalone SVG document, for the
//! "image of the current map" download. The file must open anywhere (an image viewer, a
//! drawing program, a slide) without the page's stylesheet, scripts or fonts, so every colour,
//! size and position is written into it.
//!
//! It draws what the live map draws, in the same order and from the same core computations:
//! land and borders from `core::layers::basemap`, country and sea names from `core::layers::map_labels`, project
//! arcs from `core::layers::arcs`, markers and their labels from `core::layers::marker_layer`. Shapes, sizes and
//! label offsets repeat what public/style.css gives the live map (`.marker__shape`,
//! `.marker__label--*`, `.arc`, `.basemap-label`): a change there wants the same change here.
//! Colours come from the page at export time ([`PictureColours`]), so a city's rebranding and
//! dark mode carry over into the file.
//!
//! Everything written from the data or from the page is untrusted: text is XML-escaped, with
//! characters XML cannot hold dropped, and colours pass [`PictureColours::sanitised`], so no value
//! can add markup or script to a file that visitors open outside the page's protections.

use std::fmt::{self, Display, Write};

use crate::data::model::{Dataset, MarkerKind, RecordId};
use crate::geo::geometry::ScreenPoint;
use crate::layers::arcs::{drawn_links, links_to_draw, Curve, ProjectLink};
use crate::layers::basemap::{Basemap, CLIP_BEYOND_PX, LINE_WIDTH_PX};
use crate::layers::label_placement::{estimate_text_width, LABEL_FONT_PX, LABEL_HEIGHT_PX};
use crate::layers::map_labels::{LabelKind, MapLabel, LABELS};
use crate::layers::marker_layer::{Emphasis, FannedMember, LayoutItem, MarkerLayout, FAN_BUTTON_PX};
use crate::layers::marker_set::MarkerSet;

use crate::language::Language;
use crate::text::ui_text::UiText;
use crate::view::viewport::Viewport;

/// The page's font stack (`--font-family`): no web font, so the file never fetches one.
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
/// From the middle of a line of text to its baseline, in ems: SVG places text by its baseline,
/// and `dominant-baseline` is not understood by every program that opens the file.
const BASELINE_BELOW_MIDDLE_EM: f64 = 0.35;
/// The thin dark edge around every marker (`.marker__shape` box-shadow), whatever the palette.
const MARKER_EDGE: &str = "rgba(0, 0, 0, 0.65)";
/// Group counts: white on the darker kind colours, near-black on the light organisation green
/// (`.marker--group .marker__shape`), for 4.5:1 contrast.
const COUNT_ON_DARK: &str = "#ffffff";
const COUNT_ON_LIGHT: &str = "#0b0c0c";
/// A group's count (`.marker--group .marker__shape`) is 0.8rem.
const COUNT_FONT_PX: f64 = 12.8;
/// How much bigger the selected marker is drawn (`.is-selected .marker__shape`).
const SELECTED_SCALE: f64 = 1.35;
const SELECTED_GROUP_SCALE: f64 = 1.12;
/// Country and sea names are 0.8125rem, with a 3 px halo (`.basemap-label`).
const MAP_LABEL_FONT_PX: f64 = 13.0;
const TEXT_HALO_PX: f64 = 3.0;
/// The title, top left, and the credit (`.attribution`, 0.75rem), bottom right.
const TITLE_FONT_PX: f64 = 16.0;
const CREDIT_FONT_PX: f64 = 12.0;
const CORNER_MARGIN_PX: f64 = 10.0;
/// An arrowhead reaches this far past the end of its arc (7 stroke widths of the widest arc).
const ARROWHEAD_REACH_PX: f64 = 21.0;
/// Ids are prefixed so the picture can be pasted into another SVG or page without clashes.
const ARROW_ID: &str = "innomap-arrow";
const SHAPE_ID_PREFIX: &str = "innomap-";

/// Colours of the picture, as the page's CSS custom properties resolve them at export time,
/// so a city's rebranding and dark mode carry over into the file.
///
/// Each value is a CSS colour (`#1f4e79`, `rgb(…)`, a keyword); anything else is replaced by the
/// light default when drawn (see [`PictureColours::sanitised`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureColours {
    /// The sea, behind everything (`--color-sea`).
    pub sea: String,
    /// Land areas (`--color-land`).
    pub land: String,
    /// The coastline, land's outline (`--color-coast`).
    pub coast: String,
    /// Borders between countries (`--color-border`).
    pub border: String,
    /// Marker labels, the title and the credit (`--color-text`).
    pub label: String,
    /// Country names (`--color-label-country`).
    pub country_label: String,
    /// Sea names (`--color-label-water`).
    pub water_label: String,
    /// The halo under every text (`--color-label-halo`).
    pub label_halo: String,
    /// InnoCity markers (`--color-innocity`).
    pub innocity: String,
    /// Partner markers (`--color-partner`).
    pub partner: String,
    /// Organisation markers (`--color-organisation`).
    pub organisation: String,
    /// The ring that sets a group apart from single markers (`--color-surface`); the group's
    /// disc itself has its seed's kind colour, as on the live map.
    pub group: String,
    /// Project arcs and their arrowheads (`--color-arc`).
    pub arc: String,
    /// The light outline of every marker shape (white in both palettes).
    pub outline: String,
    /// The leader lines of a fanned-out stack (`--color-text-muted`).
    pub leader: String,
}

impl PictureColours {
    /// The CSS custom property each colour is read from, in [`PictureColours::from_page`]'s
    /// order; `outline` has none (it is white in both palettes).
    pub const PROPERTIES: [&'static str; 14] = [
        "--color-sea",
        "--color-land",
        "--color-coast",
        "--color-border",
        "--color-text",
        "--color-label-country",
        "--color-label-water",
        "--color-label-halo",
        "--color-innocity",
        "--color-partner",
        "--color-organisation",
        "--color-surface",
        "--color-arc",
        "--color-text-muted",
    ];

    /// The colours the page resolved for [`PictureColours::PROPERTIES`], in that order; a value
    /// that is missing or not a safe colour keeps the light default.
    pub fn from_page(values: &[String]) -> Self {
        let light = Self::light();
        let value = |i: usize, default: String| values.get(i).cloned().unwrap_or(default);
        Self {
            sea: value(0, light.sea),
            land: value(1, light.land),
            coast: value(2, light.coast),
            border: value(3, light.border),
            label: value(4, light.label),
            country_label: value(5, light.country_label),
            water_label: value(6, light.water_label),
            label_halo: value(7, light.label_halo),
            innocity: value(8, light.innocity),
            partner: value(9, light.partner),
            organisation: value(10, light.organisation),
            group: value(11, light.group),
            arc: value(12, light.arc),
            leader: value(13, light.leader),
            outline: light.outline,
        }
        .sanitised()
    }

    /// The light palette of public/style.css.
    pub fn light() -> Self {
        let colour = str::to_owned;
        Self {
            sea: colour("#c9dceb"),
            land: colour("#f4f3ee"),
            coast: colour("#9fb6c8"),
            border: colour("#a7a39a"),
            label: colour("#1a1a1a"),
            country_label: colour("#4a5560"),
            water_label: colour("#2e5470"),
            label_halo: colour("rgba(244, 243, 238, 0.85)"),
            innocity: colour("#0072b2"),
            partner: colour("#d55e00"),
            organisation: colour("#009e73"),
            group: colour("#ffffff"),
            arc: colour("#5b2a86"),
            outline: colour("#ffffff"),
            leader: colour("#4a5560"),
        }
    }

    /// Replaces any value that is not a safe CSS colour (only `[#a-zA-Z0-9(),.%/ -]`, at most 64
    /// characters, and no `url(` or `var(`) by the light default, so page styles can never inject
    /// markup into the file, make it fetch anything, or refer to a page it is no longer part of.
    /// Surrounding spaces, which computed custom properties often keep, are trimmed.
    pub fn sanitised(self) -> Self {
        let light = Self::light();
        let safe_or = |value: String, default: String| {
            let trimmed = value.trim();
            if is_safe_colour(trimmed) {
                trimmed.to_owned()
            } else {
                default
            }
        };
        Self {
            sea: safe_or(self.sea, light.sea),
            land: safe_or(self.land, light.land),
            coast: safe_or(self.coast, light.coast),
            border: safe_or(self.border, light.border),
            label: safe_or(self.label, light.label),
            country_label: safe_or(self.country_label, light.country_label),
            water_label: safe_or(self.water_label, light.water_label),
            label_halo: safe_or(self.label_halo, light.label_halo),
            innocity: safe_or(self.innocity, light.innocity),
            partner: safe_or(self.partner, light.partner),
            organisation: safe_or(self.organisation, light.organisation),
            group: safe_or(self.group, light.group),
            arc: safe_or(self.arc, light.arc),
            outline: safe_or(self.outline, light.outline),
            leader: safe_or(self.leader, light.leader),
        }
    }

    fn of_kind(&self, kind: MarkerKind) -> &str {
        match kind {
            MarkerKind::InnoCity => &self.innocity,
            MarkerKind::Partner => &self.partner,
            MarkerKind::Organisation => &self.organisation,
        }
    }
}

impl Default for PictureColours {
    fn default() -> Self {
        Self::light()
    }
}

fn is_safe_colour(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    !value.is_empty()
        && value.len() <= 64
        && value.chars().all(|c| c.is_ascii_alphanumeric() || "#(),.%/ -".contains(c))
        && !lower.contains("url(")
        && !lower.contains("var(")
}

/// Everything the picture shows: the live map's state at the moment of export.
#[derive(Clone, Copy, Debug)]
pub struct MapPicture<'a> {
    /// The view to draw; the picture is its size in CSS pixels.
    pub view: &'a Viewport,
    /// Land and borders, at whatever levels of detail are loaded.
    pub basemap: &'a Basemap,
    /// The markers, groups and labels, laid out for `view`.
    pub layout: &'a MarkerLayout,
    /// The members of the stack shown fanned out, if one is (drawn over the markers).
    pub fan: &'a [FannedShape],
    /// The project links drawn on the map (see `core::layers::arcs::links_to_draw`).
    pub links: &'a [ProjectLink],
    /// Whether the links belong to one chosen project (drawn strongly) rather than to every
    /// project of the selected place (drawn lighter and dashed).
    pub strong_links: bool,
    /// The language of the names and of the document.
    pub language: Language,
    /// The picture's title, written at the top left and as its accessible name.
    pub title: &'a str,
    /// The basemap attribution, written at the bottom right.
    pub credit: &'a str,
    /// The page's colours at export time.
    pub colours: &'a PictureColours,
}

/// The picture as an SVG document (UTF-8 text, starting with `<svg xmlns=...`), its width and
/// height the view's size in CSS px. Colours are checked with [`PictureColours::sanitised`] here
/// as well, so a caller that forgets still gets a safe file.
pub fn map_svg(picture: &MapPicture<'_>) -> String {
    let colours = picture.colours.clone().sanitised();
    let mut svg = String::with_capacity(16_384 + picture.layout.items.len() * 96);
    // Writing to a String cannot fail; the one result is ignored on purpose.
    let _ = write_svg(&mut svg, picture, &colours);
    svg
}

/// A member of a fanned-out stack as the picture draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct FannedShape {
    /// Its kind (shape and colour).
    pub kind: MarkerKind,
    /// Its name, written beside it as on the live map.
    pub name: String,
    /// Where it stands and its leader line back to the stack's spot.
    pub member: FannedMember,
    /// Whether it is the selected place.
    pub selected: bool,
}

/// What the map shows now, for [`picture_of_view`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ShownState<'a> {
    /// The selected place or organisation.
    pub selected: Option<&'a RecordId>,
    /// The project whose links are drawn.
    pub project: Option<&'a RecordId>,
    /// The key of the stacked group shown fanned out ([`LayoutItem::key`]).
    pub fanned: Option<&'a str>,
}

/// The picture of `view` as the map shows it there: `basemap` (the levels the map has loaded),
/// the `shown` markers laid out for that view (groups, labels, the selected one marked, a
/// fanned-out stack), the links of the shown project or else of the selected place, a title and
/// the basemap's credit, in `language`.
pub fn picture_of_view(
    dataset: &Dataset,
    basemap: &Basemap,
    shown: &MarkerSet,
    view: &Viewport,
    language: Language,
    state: ShownState<'_>,
    colours: &PictureColours,
) -> String {
    let ShownState { selected, project, fanned } = state;
    let layout = MarkerLayout::new(
        &shown.clusters,
        &shown.markers,
        view,
        language,
        Emphasis::of(dataset, selected, project),
        &[],
    );
    let fan: Vec<FannedShape> = fanned
        .map(|key| layout.fan(key, &shown.markers, language, FAN_BUTTON_PX))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|member| {
            let marker = shown.markers.get(member.marker)?;
            let name = marker.name.get(language).to_owned();
            Some(FannedShape { kind: marker.kind, name, selected: selected == Some(&marker.id), member })
        })
        .collect();
    let (links, strong_links) = links_to_draw(dataset, project, selected);
    let links = drawn_links(&links, shown, view.zoom());
    let text = UiText(language);
    let title = format!("InnoMap – {}", text.tagline());
    map_svg(&MapPicture {
        view,
        basemap,
        layout: &layout,
        fan: &fan,
        links: &links,
        strong_links,
        language,
        title: &title,
        credit: text.basemap_credit(),
        colours,
    })
}

fn write_svg(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    let size = picture.view.size();
    let (width, height) = (Px(size.width), Px(size.height));
    let lang = picture.language.code();
    let title = Escaped(picture.title);
    // xlink:href rather than SVG 2's href: older drawing programs and office suites only know it.
    write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{title}" lang="{lang}" xml:lang="{lang}" font-family="{FONT_FAMILY}">"#
    )?;
    write!(svg, "<title>{title}</title><desc>{}</desc>", Escaped(picture.credit))?;
    write_definitions(svg, colours)?;
    write!(svg, r#"<rect class="sea" width="{width}" height="{height}" fill="{}"/>"#, colours.sea)?;
    write_basemap(svg, picture, colours)?;
    write_map_labels(svg, picture, colours)?;
    write_arcs(svg, picture, colours)?;
    write_markers(svg, picture, colours)?;
    write_fan(svg, picture, colours)?;
    write_marker_labels(svg, picture, colours)?;
    write_corner_texts(svg, picture, colours)?;
    svg.write_str("</svg>")
}

/// The arrowhead and one shape per kind, single and grouped, each drawn once and then placed
/// by reference: a marker then costs one short element, which keeps a busy map's file small.
fn write_definitions(svg: &mut String, colours: &PictureColours) -> fmt::Result {
    svg.write_str("<defs>")?;
    write!(
        svg,
        r#"<marker id="{ARROW_ID}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="{}"/></marker>"#,
        colours.arc
    )?;
    let outline = &colours.outline;
    for kind in MarkerKind::ALL {
        let fill = colours.of_kind(kind);
        let id = shape_id(kind, false);
        // Sizes from `.marker__shape`: a 16 px box (12 px for organisations) with a 2 px light
        // border and a 1 px dark edge outside it. SVG strokes straddle the outline, hence the
        // half-pixel radii.
        match kind {
            MarkerKind::InnoCity => write!(
                svg,
                r#"<g id="{id}"><circle r="8.5" fill="none" stroke="{MARKER_EDGE}"/><circle r="7" fill="{fill}" stroke="{outline}" stroke-width="2"/></g>"#
            )?,
            // A 16 px square turned 45° and scaled 0.9, with slightly rounded corners.
            MarkerKind::Partner => write!(
                svg,
                r#"<g id="{id}" transform="rotate(45)"><rect x="-7.65" y="-7.65" width="15.3" height="15.3" rx="2.3" fill="none" stroke="{MARKER_EDGE}" stroke-width="0.9"/><rect x="-6.3" y="-6.3" width="12.6" height="12.6" rx="0.9" fill="{fill}" stroke="{outline}" stroke-width="1.8"/></g>"#
            )?,
            MarkerKind::Organisation => write!(
                svg,
                r#"<g id="{id}"><rect x="-6.5" y="-6.5" width="13" height="13" rx="3.5" fill="none" stroke="{MARKER_EDGE}"/><rect x="-5" y="-5" width="10" height="10" rx="2" fill="{fill}" stroke="{outline}" stroke-width="2"/></g>"#
            )?,
        }
        // `.marker--group`: a 28 px disc in the seed's colour, a 3 px ring and a 1 px edge.
        write!(
            svg,
            r#"<g id="{}"><circle r="17.5" fill="none" stroke="{MARKER_EDGE}"/><circle r="15.5" fill="none" stroke="{}" stroke-width="3"/><circle r="13" fill="{fill}" stroke="{outline}" stroke-width="2"/></g>"#,
            shape_id(kind, true),
            colours.group
        )?;
    }
    svg.write_str("</defs>")
}

fn shape_id(kind: MarkerKind, group: bool) -> String {
    let shape = if group { "group-" } else { "" };
    format!("{SHAPE_ID_PREFIX}{shape}{}", kind.code())
}

/// Land and borders as the live basemap draws them: path data in path units, placed by the
/// view's path transform, with line widths set in path units so they are 0.8 px on screen.
fn write_basemap(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    let view = picture.view;
    let size = view.size();
    // Only the view itself (the live map draws half a view more on each side, to pan into).
    let area = (
        view.screen_to_world(ScreenPoint::new(-CLIP_BEYOND_PX, -CLIP_BEYOND_PX)),
        view.screen_to_world(ScreenPoint::new(size.width + CLIP_BEYOND_PX, size.height + CLIP_BEYOND_PX)),
    );
    let basemap = picture.basemap;
    let detail = basemap.drawn_detail(view.zoom());
    let (land, borders) = basemap.paths_within(detail, area);
    let lakes = basemap.lakes_within(detail, area);
    let transform = view.path_transform();
    let (scale, x, y) = (Precise(transform.scale), Px(transform.translate_x), Px(transform.translate_y));
    let line = Precise(LINE_WIDTH_PX / transform.scale);
    write!(
        svg,
        r#"<g class="basemap" transform="matrix({scale} 0 0 {scale} {x} {y})" stroke-width="{line}" stroke-linejoin="round">"#
    )?;
    // Basemap path data is made of numbers and path letters only, safe to write as it is.
    write!(svg, r#"<path class="land" fill="{}" stroke="{}" d="{land}"/>"#, colours.land, colours.coast)?;
    write!(svg, r#"<path class="lakes" fill="{}" stroke="{}" d="{lakes}"/>"#, colours.sea, colours.coast)?;
    write!(svg, r#"<path class="borders" fill="none" stroke="{}" d="{borders}"/>"#, colours.border)?;
    svg.write_str("</g>")
}

/// Country and sea names shown at this zoom, near enough the view to be seen.
fn write_map_labels(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    let view = picture.view;
    write!(
        svg,
        r#"<g class="map-labels" font-size="{}" text-anchor="middle" stroke="{}" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">"#,
        Px(MAP_LABEL_FONT_PX),
        colours.label_halo,
        Px(TEXT_HALO_PX)
    )?;
    // `.basemap-label--country` is bold, spaced and upper case; `--water` italic and spaced.
    // Upper case is written into the text, as SVG has no `text-transform` attribute.
    let styles = [
        (LabelKind::Country, &colours.country_label, r#"font-weight="600" letter-spacing="1""#),
        (LabelKind::Water, &colours.water_label, r#"font-style="italic" letter-spacing="0.5""#),
    ];
    for (kind, fill, style) in styles {
        write!(svg, r#"<g fill="{fill}" {style}>"#)?;
        let crowded = &picture.layout.crowded_map_labels;
        let shown = LABELS
            .iter()
            .enumerate()
            .filter(|(i, l)| l.kind == kind && l.shows_at(view.zoom()) && !crowded.contains(i));
        for (_, label) in shown {
            write_map_label(svg, label, picture)?;
        }
        svg.write_str("</g>")?;
    }
    svg.write_str("</g>")
}

fn write_map_label(svg: &mut String, label: &MapLabel, picture: &MapPicture<'_>) -> fmt::Result {
    let name = label.name(picture.language);
    let shown_name = match label.kind {
        LabelKind::Country => name.to_uppercase(),
        LabelKind::Water => name.to_owned(),
    };
    let at = label.screen_position(picture.view);
    let reach = ScreenPoint::new(estimate_text_width(&shown_name) / 2.0, LABEL_HEIGHT_PX);
    if !is_in_view(at, reach, picture.view) {
        return Ok(());
    }
    let baseline = at.y + BASELINE_BELOW_MIDDLE_EM * MAP_LABEL_FONT_PX;
    write!(svg, r#"<text x="{}" y="{}">{}</text>"#, Px(at.x), Px(baseline), Escaped(&shown_name))
}

/// Project links as the live arc layer draws them: solid and opaque for a chosen project,
/// thinner, lighter and dashed for the projects of the selected place.
fn write_arcs(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    let style = if picture.strong_links {
        r#"stroke-width="3" stroke-opacity="1""#
    } else {
        r#"stroke-width="2" stroke-opacity="0.7" stroke-dasharray="6 4""#
    };
    write!(svg, r#"<g class="arcs" fill="none" stroke="{}" {style}>"#, colours.arc)?;
    let view = picture.view;
    for link in picture.links {
        let curve = Curve::between(view.world_to_screen(link.from), view.world_to_screen(link.to));
        if !curve_is_in_view(&curve, view) {
            continue;
        }
        // Curve path data is made of numbers and path letters only, rounded to one decimal.
        write!(svg, r#"<path d="{}" marker-end="url(#{ARROW_ID})"/>"#, curve.path_data())?;
    }
    svg.write_str("</g>")
}

/// Whether any of the curve (which stays inside the triangle of its three points) or its
/// arrowhead can be in the view.
fn curve_is_in_view(curve: &Curve, view: &Viewport) -> bool {
    let points = [curve.start, curve.control, curve.end];
    let (mut left, mut top, mut right, mut bottom) =
        (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for p in points {
        left = left.min(p.x);
        top = top.min(p.y);
        right = right.max(p.x);
        bottom = bottom.max(p.y);
    }
    let size = view.size();
    left <= size.width + ARROWHEAD_REACH_PX
        && right >= -ARROWHEAD_REACH_PX
        && top <= size.height + ARROWHEAD_REACH_PX
        && bottom >= -ARROWHEAD_REACH_PX
}

/// Markers in the live map's stacking order (`z-index` in style.css): organisations under
/// partners under InnoCities under groups, and the selected marker above them all.
fn write_markers(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    let view = picture.view;
    let drawn: Vec<&LayoutItem> =
        picture.layout.items.iter().filter(|item| is_in_view(item.at, reach_of(item), view)).collect();
    write!(svg, r#"<g class="markers" font-size="{}" font-weight="700" text-anchor="middle">"#, Px(COUNT_FONT_PX))?;
    // Rank by rank rather than sorted: there are only a few ranks, and a sort would add its own
    // copy of the sorting code to the WebAssembly.
    for rank in 0..=TOP_STACKING_RANK {
        for item in drawn.iter().filter(|item| stacking_rank(item) == rank) {
            write_marker(svg, item, colours)?;
        }
    }
    svg.write_str("</g>")
}

/// A fanned-out stack, over the markers as on the live map: a leader line from each member back
/// to the stack's spot (`.marker-leader`), then the members as single shapes, the selected one
/// ringed.
fn write_fan(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    if picture.fan.is_empty() {
        return Ok(());
    }
    write!(svg, r#"<g class="fan"><g class="fan__leaders" stroke="{}" stroke-width="2">"#, colours.leader)?;
    for shape in picture.fan {
        let (at, hub) = (shape.member.at, shape.member.hub);
        write!(svg, r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#, Px(at.x), Px(at.y), Px(hub.x), Px(hub.y))?;
    }
    svg.write_str("</g>")?;
    for shape in picture.fan {
        let ring = shape.selected.then(|| (single_radius(shape.kind), SELECTED_SCALE));
        write_shape(svg, &shape_id(shape.kind, false), shape.member.at, ring, colours)?;
    }
    svg.write_str("</g>")
}

/// The highest [`stacking_rank`]: a selected group of InnoCities.
const TOP_STACKING_RANK: u8 = 2 + 3 + 6;

fn stacking_rank(item: &LayoutItem) -> u8 {
    let kind_rank = match item.kind {
        MarkerKind::Organisation => 0,
        MarkerKind::Partner => 1,
        MarkerKind::InnoCity => 2,
    };
    let group_rank = if item.count > 1 { 3 } else { 0 };
    let selected_rank = if item.selected { 6 } else { 0 };
    kind_rank + group_rank + selected_rank
}

fn write_marker(svg: &mut String, item: &LayoutItem, colours: &PictureColours) -> fmt::Result {
    let is_group = item.count > 1;
    let ring = item.selected.then(|| (outer_radius(item), selected_scale(item)));
    write_shape(svg, &shape_id(item.kind, is_group), item.at, ring, colours)?;
    if is_group {
        let x = Px(item.at.x);
        let fill = if item.kind == MarkerKind::Organisation { COUNT_ON_LIGHT } else { COUNT_ON_DARK };
        let baseline = item.at.y + BASELINE_BELOW_MIDDLE_EM * COUNT_FONT_PX;
        write!(svg, r#"<text x="{x}" y="{}" fill="{fill}">{}</text>"#, Px(baseline), item.count)?;
    }
    Ok(())
}

/// One marker shape at `at`; `ring` (the shape's radius and the scale it is drawn at) when it is
/// the selected place. The live map rings the selected shape in the text colour (`.is-selected`),
/// so the place the picture was made for stands out without relying on colour.
fn write_shape(
    svg: &mut String,
    href: &str,
    at: ScreenPoint,
    ring: Option<(f64, f64)>,
    colours: &PictureColours,
) -> fmt::Result {
    let (x, y) = (Px(at.x), Px(at.y));
    match ring {
        Some((radius, scale)) => {
            write!(
                svg,
                r#"<circle cx="{x}" cy="{y}" r="{}" fill="none" stroke="{}" stroke-width="2"/>"#,
                Px(radius * scale + 1.0),
                colours.label
            )?;
            write!(svg, r##"<use xlink:href="#{href}" transform="translate({x} {y}) scale({scale})"/>"##)
        }
        None => write!(svg, r##"<use xlink:href="#{href}" x="{x}" y="{y}"/>"##),
    }
}

fn selected_scale(item: &LayoutItem) -> f64 {
    if item.count > 1 {
        SELECTED_GROUP_SCALE
    } else {
        SELECTED_SCALE
    }
}

/// How far a marker's drawn shape reaches from its centre, edge and group ring included.
fn outer_radius(item: &LayoutItem) -> f64 {
    if item.count > 1 {
        18.0
    } else {
        single_radius(item.kind)
    }
}

/// How far a single marker's shape reaches from its centre, edge included.
fn single_radius(kind: MarkerKind) -> f64 {
    match kind {
        MarkerKind::InnoCity => 9.0,
        // The diamond's corners reach half its diagonal.
        MarkerKind::Partner => 10.8,
        MarkerKind::Organisation => 7.0,
    }
}

/// How far a marker can reach from its centre, a selection ring included.
fn reach_of(item: &LayoutItem) -> ScreenPoint {
    let reach = outer_radius(item) * selected_scale(item) + 2.0;
    ScreenPoint::new(reach, reach)
}

/// The labels the layout placed, each on the side it chose and at `.marker__label--*`'s offset.
fn write_marker_labels(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    write!(
        svg,
        r#"<g class="marker-labels" font-size="{}" font-weight="600" fill="{}" stroke="{}" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">"#,
        Px(LABEL_FONT_PX),
        colours.label,
        colours.label_halo,
        Px(TEXT_HALO_PX)
    )?;
    // An open fan names its members in its own column; its group's name would stand in it.
    let fanned_spot = picture.fan.first().map(|shape| shape.member.hub);
    for item in &picture.layout.items {
        let Some(side) = item.label_side else { continue };
        if item.count > 1 && Some(item.at) == fanned_spot {
            continue;
        }
        let offset = item.label_offset();
        let line_middle_to_baseline = BASELINE_BELOW_MIDDLE_EM * LABEL_FONT_PX;
        let (dx, dy) = side.direction();
        let x = item.at.x + dx * offset;
        // A label above or below has its near edge at the offset, so its middle half a line on.
        let middle = item.at.y + dy * offset + half_line_towards(dy);
        let anchor = if dx > 0.0 {
            None
        } else if dx < 0.0 {
            Some("end")
        } else {
            Some("middle")
        };
        write!(svg, r#"<text x="{}" y="{}""#, Px(x), Px(middle + line_middle_to_baseline))?;
        if let Some(anchor) = anchor {
            write!(svg, r#" text-anchor="{anchor}""#)?;
        }
        if item.count == 1 && item.kind == MarkerKind::Organisation {
            svg.write_str(r#" font-weight="400""#)?;
        }
        write!(svg, ">{}</text>", Escaped(&item.label))?;
    }
    for shape in picture.fan {
        let (side, at) = (shape.member.label_side, shape.member.at);
        let (dx, _) = side.direction();
        let x = at.x + dx * FannedMember::label_offset(shape.kind);
        let baseline = at.y + BASELINE_BELOW_MIDDLE_EM * LABEL_FONT_PX;
        let anchor = if dx < 0.0 { r#" text-anchor="end""# } else { "" };
        write!(
            svg,
            r#"<text class="fan__label" x="{}" y="{}"{anchor}>{}</text>"#,
            Px(x),
            Px(baseline),
            Escaped(&shape.name)
        )?;
    }
    svg.write_str("</g>")
}

/// Half a label line in the direction of `dy` (none for a label beside its marker).
fn half_line_towards(dy: f64) -> f64 {
    if dy == 0.0 {
        0.0
    } else {
        dy.signum() * LABEL_HEIGHT_PX / 2.0
    }
}

/// The title at the top left and the basemap credit at the bottom right, each on a halo so they
/// read over land and sea alike.
fn write_corner_texts(svg: &mut String, picture: &MapPicture<'_>, colours: &PictureColours) -> fmt::Result {
    let size = picture.view.size();
    write!(
        svg,
        r#"<g class="corner-texts" fill="{}" stroke="{}" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">"#,
        colours.label,
        colours.label_halo,
        Px(TEXT_HALO_PX + 1.0)
    )?;
    if !picture.title.trim().is_empty() {
        write!(
            svg,
            r#"<text class="title" x="{}" y="{}" font-size="{}" font-weight="700">{}</text>"#,
            Px(CORNER_MARGIN_PX),
            Px(CORNER_MARGIN_PX + TITLE_FONT_PX),
            Px(TITLE_FONT_PX),
            Escaped(picture.title)
        )?;
    }
    if !picture.credit.trim().is_empty() {
        write!(
            svg,
            r#"<text class="credit" x="{}" y="{}" font-size="{}" text-anchor="end">{}</text>"#,
            Px(size.width - CORNER_MARGIN_PX),
            Px(size.height - CORNER_MARGIN_PX),
            Px(CREDIT_FONT_PX),
            Escaped(picture.credit)
        )?;
    }
    svg.write_str("</g>")
}

/// Whether something centred at `at` and reaching `reach` each way can be seen in the view.
/// Not-a-number positions are never in view, so they are never written.
fn is_in_view(at: ScreenPoint, reach: ScreenPoint, view: &Viewport) -> bool {
    let size = view.size();
    at.x + reach.x >= 0.0 && at.x - reach.x <= size.width && at.y + reach.y >= 0.0 && at.y - reach.y <= size.height
}

/// A length in CSS pixels to one decimal, without a trailing `.0`: a tenth of a pixel is finer
/// than any screen shows, and short numbers keep a busy map's file small. Never `NaN`.
struct Px(f64);

impl Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `as` saturates, so even an absurd value prints as a number.
        let tenths = if self.0.is_finite() { (self.0 * 10.0).round() as i64 } else { 0 };
        let sign = if tenths < 0 { "-" } else { "" };
        let abs = tenths.unsigned_abs();
        match abs % 10 {
            0 => write!(f, "{sign}{}", abs / 10),
            d => write!(f, "{sign}{}.{d}", abs / 10),
        }
    }
}

/// A scale factor with six significant digits: the basemap's transform multiplies path units
/// (up to 65,536) by it, so one decimal would move the coast by whole screens.
struct Precise(f64);

impl Display for Precise {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.is_finite() || self.0 == 0.0 {
            return f.write_str("0");
        }
        let magnitude = self.0.abs().log10().floor() as i32;
        let decimals = (5 - magnitude).clamp(0, 12) as usize;
        let text = format!("{:.*}", decimals, self.0);
        let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
        f.write_str(text)
    }
}

/// Text from the data or the page, safe inside an XML element or a double-quoted attribute.
/// Characters XML 1.0 cannot hold at all (most control characters) are dropped: a single one
/// would make the whole file unreadable.
struct Escaped<'a>(&'a str);

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}' => {
                    f.write_char(c)?
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::geometry::{ScreenSize, WorldPoint};
    use crate::layers::arcs::project_links;
    use crate::layers::basemap::parse_basemap;
    use crate::layers::label_placement::LabelSide;
    use crate::map_data::bundled_for_tests as bundled;
    use crate::map_data::MapData;

    const SIZE: ScreenSize = ScreenSize { width: 1280.0, height: 800.0 };
    const HOSTILE: &str = "<script>alert(1)</script>&\"'";

    /// What a picture is drawn from, owned, so each test can change one part.
    struct Scene {
        view: Viewport,
        basemap: Basemap,
        layout: MarkerLayout,
        fan: Vec<FannedShape>,
        links: Vec<ProjectLink>,
        strong_links: bool,
        language: Language,
        title: String,
        credit: String,
        colours: PictureColours,
    }

    impl Scene {
        fn of(data: &MapData, view: Viewport, language: Language) -> Self {
            let layout = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, language, Emphasis::NONE, &[]);
            Self {
                view,
                basemap: data.basemap.clone(),
                layout,
                fan: Vec::new(),
                links: Vec::new(),
                strong_links: false,
                language,
                title: "InnoMap".to_owned(),
                credit: "Basemap: Natural Earth (public domain)".to_owned(),
                colours: PictureColours::light(),
            }
        }

        fn everything(language: Language) -> Self {
            let data = bundled();
            let view = data.all.everything_view(SIZE);
            Self::of(&data, view, language)
        }

        fn svg(&self) -> String {
            map_svg(&MapPicture {
                view: &self.view,
                basemap: &self.basemap,
                layout: &self.layout,
                fan: &self.fan,
                links: &self.links,
                strong_links: self.strong_links,
                language: self.language,
                title: &self.title,
                credit: &self.credit,
                colours: &self.colours,
            })
        }
    }

    fn parsed(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"))
    }

    fn layer<'a, 'input>(doc: &'a roxmltree::Document<'input>, class: &str) -> roxmltree::Node<'a, 'input> {
        doc.descendants()
            .find(|n| n.has_tag_name("g") && n.attribute("class") == Some(class))
            .unwrap_or_else(|| panic!("no layer {class}"))
    }

    fn texts_in(node: roxmltree::Node<'_, '_>) -> Vec<String> {
        node.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or_default().to_owned()).collect()
    }

    fn number(node: roxmltree::Node<'_, '_>, attribute: &str) -> f64 {
        node.attribute(attribute).unwrap_or_else(|| panic!("no {attribute}")).parse().unwrap()
    }

    fn href<'a>(node: roxmltree::Node<'a, '_>) -> &'a str {
        node.attribute(("http://www.w3.org/1999/xlink", "href")).unwrap()
    }

    #[test]
    fn the_picture_is_a_well_formed_svg_the_size_of_the_view() {
        let scene = Scene::everything(Language::Fi);
        let svg = scene.svg();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "{}", &svg[..80]);
        let doc = parsed(&svg);
        let root = doc.root_element();
        assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
        assert_eq!(root.attribute("width"), Some("1280"));
        assert_eq!(root.attribute("height"), Some("800"));
        assert_eq!(root.attribute("viewBox"), Some("0 0 1280 800"));
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(root.attribute("lang"), Some("fi"));
        assert_eq!(root.attribute("aria-label"), Some("InnoMap"));
        assert!(root.attribute("font-family").unwrap().starts_with("system-ui"));
        let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some("InnoMap"));
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn layers_are_painted_in_the_live_maps_order() {
        let scene = Scene::everything(Language::En);
        let svg = scene.svg();
        let doc = parsed(&svg);
        let painted: Vec<&str> = doc
            .root_element()
            .children()
            .filter(|n| n.is_element() && !n.has_tag_name("title") && !n.has_tag_name("desc"))
            .map(|n| n.attribute("class").unwrap_or(n.tag_name().name()))
            .collect();
        assert_eq!(
            painted,
            ["defs", "sea", "basemap", "map-labels", "arcs", "markers", "marker-labels", "corner-texts"]
        );
        let sea = doc.descendants().find(|n| n.attribute("class") == Some("sea")).unwrap();
        assert_eq!(sea.attribute("fill"), Some("#c9dceb"));
        assert_eq!((number(sea, "width"), number(sea, "height")), (1280.0, 800.0));
    }

    #[test]
    fn the_basemap_is_clipped_to_the_view_and_placed_by_its_path_transform() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
        let text = std::fs::read_to_string(format!("{root}/data/basemap.geojson")).unwrap();
        let mut scene = Scene::everything(Language::En);
        scene.basemap = parse_basemap(&text).unwrap();
        let svg = scene.svg();
        let doc = parsed(&svg);
        let basemap = layer(&doc, "basemap");
        let t = scene.view.path_transform();
        let matrix: Vec<f64> = basemap
            .attribute("transform")
            .unwrap()
            .trim_start_matches("matrix(")
            .trim_end_matches(')')
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        assert!((matrix[0] / t.scale - 1.0).abs() < 1e-5, "{matrix:?} {t:?}");
        assert_eq!(matrix[0], matrix[3]);
        assert!((matrix[4] - t.translate_x).abs() <= 0.05 && (matrix[5] - t.translate_y).abs() <= 0.05);
        assert!((number(basemap, "stroke-width") * t.scale - LINE_WIDTH_PX).abs() < 1e-4);
        let path = |class: &str| {
            basemap.children().find(|n| n.attribute("class") == Some(class)).unwrap().attribute("d").unwrap().to_owned()
        };
        let land = path("land");
        assert!(land.starts_with('M') && land.ends_with('z'), "land is closed rings");
        assert!(!path("borders").is_empty());
        // The live map's picture spans twice the view each way; the file only the view.
        let detail = scene.basemap.drawn_detail(scene.view.zoom());
        let (live_land, _) = scene.basemap.paths_within(detail, scene.view.picture_area(8.0));
        assert!(land.len() < live_land.len(), "{} < {}", land.len(), live_land.len());
    }

    #[test]
    fn every_marker_in_view_gets_its_kinds_shape_and_groups_show_their_count() {
        let scene = Scene::everything(Language::En);
        let view_size = scene.view.size();
        let items = &scene.layout.items;
        assert!(items.iter().all(|i| i.at.x >= 0.0 && i.at.x <= view_size.width), "the view fits every marker");
        assert!(items.iter().any(|i| i.count > 1), "the bundled data has groups in the everything view");
        let svg = scene.svg();
        let doc = parsed(&svg);
        let markers = layer(&doc, "markers");
        let shapes: Vec<_> = markers.children().filter(|n| n.has_tag_name("use")).collect();
        assert_eq!(shapes.len(), items.len(), "one shape per layout item");
        let mut expected: Vec<String> = items.iter().map(|i| format!("#{}", shape_id(i.kind, i.count > 1))).collect();
        let mut drawn: Vec<String> = shapes.iter().map(|n| href(*n).to_owned()).collect();
        expected.sort();
        drawn.sort();
        assert_eq!(drawn, expected);
        for kind in MarkerKind::ALL {
            for group in [false, true] {
                let id = shape_id(kind, group);
                assert!(doc.descendants().any(|n| n.attribute("id") == Some(id.as_str())), "{id} is defined");
            }
        }
        let partner = doc.descendants().find(|n| n.attribute("id") == Some("innomap-partner")).unwrap();
        assert_eq!(partner.attribute("transform"), Some("rotate(45)"), "partners are diamonds");
        let innocity = doc.descendants().find(|n| n.attribute("id") == Some("innomap-innocity")).unwrap();
        assert!(innocity.children().all(|n| n.has_tag_name("circle")), "InnoCities are circles");
        let mut counts: Vec<String> = texts_in(markers);
        let mut group_counts: Vec<String> = items.iter().filter(|i| i.count > 1).map(|i| i.count.to_string()).collect();
        counts.sort();
        group_counts.sort();
        assert_eq!(counts, group_counts);
        // Groups above InnoCities above partners above organisations, as z-index has them.
        let ranks: Vec<u8> = shapes
            .iter()
            .map(|n| match href(*n) {
                h if h.contains("group") => 3,
                h if h.ends_with("innocity") => 2,
                h if h.ends_with("partner") => 1,
                _ => 0,
            })
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    }

    #[test]
    fn the_selected_marker_is_drawn_last_larger_and_ringed() {
        let data = bundled();
        let view = data.all.everything_view(SIZE);
        let mut scene = Scene::of(&data, view, Language::En);
        let organisation = data.all.markers.iter().find(|m| m.kind == MarkerKind::Organisation).unwrap();
        scene.layout = MarkerLayout::new(
            &data.all.clusters,
            &data.all.markers,
            &view,
            Language::En,
            Emphasis::selected(Some(&organisation.id)),
            &[],
        );
        let selected = scene.layout.items.iter().find(|i| i.selected).unwrap();
        let svg = scene.svg();
        let doc = parsed(&svg);
        let shapes: Vec<_> = layer(&doc, "markers").children().filter(|n| n.has_tag_name("use")).collect();
        let last = shapes.last().unwrap();
        assert_eq!(href(*last), format!("#{}", shape_id(selected.kind, selected.count > 1)));
        let scale = selected_scale(selected);
        let expected = format!("translate({} {}) scale({scale})", Px(selected.at.x), Px(selected.at.y));
        assert_eq!(last.attribute("transform"), Some(expected.as_str()));
        let ring = last.prev_sibling_element().unwrap();
        assert!(ring.has_tag_name("circle"));
        assert_eq!(ring.attribute("stroke"), Some("#1a1a1a"));
        assert!(number(ring, "r") > outer_radius(selected) * scale);
    }

    #[test]
    fn markers_outside_the_view_are_left_out() {
        let data = bundled();
        // Zoomed in one level, the places spread past the edges and the layout keeps a margin.
        let view = data.all.everything_view(SIZE).zoomed_by(SIZE.center(), 1.0);
        let scene = Scene::of(&data, view, Language::En);
        let doc_text = scene.svg();
        let doc = parsed(&doc_text);
        let drawn = layer(&doc, "markers").children().filter(|n| n.has_tag_name("use")).count();
        let in_view = scene.layout.items.iter().filter(|i| is_in_view(i.at, reach_of(i), &view)).count();
        assert!(in_view > 0);
        assert_eq!(drawn, in_view);
        assert!(drawn < scene.layout.items.len(), "the layout reaches beyond the view, the picture does not");
    }

    #[test]
    fn labels_sit_on_the_side_the_layout_chose() {
        let scene = Scene::everything(Language::En);
        let svg = scene.svg();
        let doc = parsed(&svg);
        let labels: Vec<_> = layer(&doc, "marker-labels").children().filter(|n| n.has_tag_name("text")).collect();
        let labelled: Vec<&LayoutItem> = scene.layout.items.iter().filter(|i| i.label_side.is_some()).collect();
        assert!(labelled.len() >= 5, "{} labels", labelled.len());
        assert_eq!(labels.len(), labelled.len());
        let mut sides_seen = Vec::new();
        for item in labelled {
            let text = labels.iter().find(|n| n.text() == Some(item.label.as_str())).unwrap();
            let (x, y) = (number(*text, "x"), number(*text, "y"));
            let anchor = text.attribute("text-anchor");
            let side = item.label_side.unwrap();
            match side {
                LabelSide::Right => assert!(x > item.at.x && anchor.is_none() && (y - item.at.y).abs() < 6.0),
                LabelSide::Left => assert!(x < item.at.x && anchor == Some("end") && (y - item.at.y).abs() < 6.0),
                LabelSide::Above => assert!(y < item.at.y && anchor == Some("middle")),
                LabelSide::Below => assert!(y > item.at.y && anchor == Some("middle")),
                LabelSide::AboveRight => assert!(x > item.at.x && y < item.at.y && anchor.is_none()),
                LabelSide::BelowRight => assert!(x > item.at.x && y > item.at.y && anchor.is_none()),
                LabelSide::AboveLeft => assert!(x < item.at.x && y < item.at.y && anchor == Some("end")),
                LabelSide::BelowLeft => assert!(x < item.at.x && y > item.at.y && anchor == Some("end")),
            }
            sides_seen.push(side);
        }
        assert!(sides_seen.contains(&LabelSide::Right));
        let halo = layer(&doc, "marker-labels");
        assert_eq!(halo.attribute("paint-order"), Some("stroke"));
        assert_eq!(halo.attribute("stroke"), Some("rgba(244, 243, 238, 0.85)"));
    }

    #[test]
    fn a_projects_links_become_arcs_ending_in_the_arrowhead() {
        let data = bundled();
        let project = data.dataset.projects.iter().find(|p| p.partners.len() >= 2).unwrap();
        let mut scene = Scene::of(&data, data.all.everything_view(SIZE), Language::En);
        scene.links = project_links(&data.dataset, project);
        assert!(scene.links.len() >= 2);
        for strong in [true, false] {
            scene.strong_links = strong;
            let svg = scene.svg();
            let doc = parsed(&svg);
            let arcs = layer(&doc, "arcs");
            let paths: Vec<_> = arcs.children().filter(|n| n.has_tag_name("path")).collect();
            assert_eq!(paths.len(), scene.links.len());
            for (path, link) in paths.iter().zip(&scene.links) {
                let curve = Curve::between(scene.view.world_to_screen(link.from), scene.view.world_to_screen(link.to));
                assert_eq!(path.attribute("d"), Some(curve.path_data().as_str()));
                assert_eq!(path.attribute("marker-end"), Some("url(#innomap-arrow)"));
            }
            let arrow = doc.descendants().find(|n| n.has_tag_name("marker")).unwrap();
            assert_eq!(arrow.attribute("id"), Some("innomap-arrow"));
            assert_eq!(arrow.first_element_child().and_then(|p| p.attribute("fill")), Some("#5b2a86"));
            let opacity = number(arcs, "stroke-opacity");
            assert_eq!(opacity, if strong { 1.0 } else { 0.7 });
            assert_eq!(arcs.attribute("stroke-dasharray").is_some(), !strong, "weaker links are dashed");
        }
    }

    #[test]
    fn arcs_wholly_outside_the_view_are_left_out() {
        let data = bundled();
        let mut scene = Scene::of(&data, data.all.everything_view(SIZE), Language::En);
        let far = scene.view.screen_to_world(ScreenPoint::new(-500.0, -500.0));
        let farther = scene.view.screen_to_world(ScreenPoint::new(-400.0, -600.0));
        let near = scene.view.screen_to_world(SIZE.center());
        let link = |from: WorldPoint, to: WorldPoint| ProjectLink {
            project: RecordId::parse("p").unwrap(),
            lead: RecordId::parse("l").unwrap(),
            from,
            to,
            partner: RecordId::parse("q").unwrap(),
        };
        scene.links = vec![link(far, farther), link(far, near)];
        let svg = scene.svg();
        let doc = parsed(&svg);
        assert_eq!(layer(&doc, "arcs").children().filter(|n| n.has_tag_name("path")).count(), 1);
    }

    #[test]
    fn country_and_sea_names_follow_the_language() {
        let names = |language| {
            let svg = Scene::everything(language).svg();
            texts_in(layer(&parsed(&svg), "map-labels"))
        };
        let finnish = names(Language::Fi);
        let swedish = names(Language::Sv);
        let english = names(Language::En);
        // Country names are upper case, as `.basemap-label--country` shows them.
        assert!(finnish.iter().any(|n| n == "NORJA"), "{finnish:?}");
        assert!(finnish.iter().any(|n| n == "Itämeri"), "{finnish:?}");
        assert!(!finnish.iter().any(|n| n == "NORWAY" || n == "NORGE"));
        assert!(swedish.iter().any(|n| n == "NORGE"), "{swedish:?}");
        assert!(swedish.iter().any(|n| n == "Östersjön"), "{swedish:?}");
        assert!(english.iter().any(|n| n == "NORWAY"), "{english:?}");
    }

    #[test]
    fn map_labels_are_shown_only_in_their_zoom_range_near_the_view_and_clear_of_places() {
        let scene = Scene::everything(Language::En);
        let svg = scene.svg();
        let names = texts_in(layer(&parsed(&svg), "map-labels"));
        let zoom = scene.view.zoom();
        for label in LABELS {
            let name = match label.kind {
                LabelKind::Country => label.name(Language::En).to_uppercase(),
                LabelKind::Water => label.name(Language::En).to_owned(),
            };
            if !label.shows_at(zoom) {
                assert!(!names.contains(&name), "{name} at zoom {}", zoom.value());
            }
        }
        // Names the layout found crowded by places are left out.
        assert!(!scene.layout.crowded_map_labels.is_empty());
        for &i in &scene.layout.crowded_map_labels {
            assert!(!names.contains(&LABELS[i].name(Language::En).to_uppercase()));
            assert!(!names.contains(&LABELS[i].name(Language::En).to_owned()));
        }
        // Zoomed in on Oulu, the far-away Black Sea is not written.
        let data = bundled();
        let oulu = crate::geo::projection::project(crate::geo::latlng::LatLng::lat_lon(65.0121, 25.4651));
        let close = Viewport::new(oulu, crate::view::viewport::Zoom::try_from(6.0).unwrap(), SIZE, scene.view.limits());
        let svg = Scene::of(&data, close, Language::En).svg();
        let names = texts_in(layer(&parsed(&svg), "map-labels"));
        assert!(names.iter().any(|n| n == "Bothnian Bay"), "{names:?}");
        assert!(!names.iter().any(|n| n == "Black Sea"), "{names:?}");
    }

    #[test]
    fn hostile_text_is_escaped_and_the_picture_still_parses() {
        let mut scene = Scene::everything(Language::En);
        let item = scene.layout.items.first_mut().unwrap();
        item.label = format!("{HOSTILE}\u{1}\u{0}");
        item.label_side = Some(LabelSide::Right);
        scene.title = HOSTILE.to_owned();
        scene.credit = format!("{HOSTILE} ]]>");
        let svg = scene.svg();
        assert!(!svg.contains("<script"), "no markup gets through");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;"));
        let doc = parsed(&svg);
        assert!(doc.descendants().all(|n| !n.has_tag_name("script")));
        let root = doc.root_element();
        assert_eq!(root.attribute("aria-label"), Some(HOSTILE));
        assert_eq!(root.children().find(|n| n.has_tag_name("title")).and_then(|n| n.text()), Some(HOSTILE));
        let labels = texts_in(layer(&doc, "marker-labels"));
        assert!(labels.iter().any(|l| l == HOSTILE), "control characters are dropped, the rest kept: {labels:?}");
        let corner = texts_in(layer(&doc, "corner-texts"));
        assert_eq!(corner, [HOSTILE.to_owned(), format!("{HOSTILE} ]]>")]);
    }

    #[test]
    fn unsafe_colours_fall_back_to_the_light_palette() {
        let light = PictureColours::light();
        let page = PictureColours {
            sea: "\"/><script>alert(1)</script>".to_owned(),
            land: " #2a2e33 ".to_owned(),
            coast: "url(//example.org/x.svg#p)".to_owned(),
            border: "var(--color-border)".to_owned(),
            label: "rgb(232 234 237 / 90%)".to_owned(),
            country_label: "hsl(210, 10%, 80%)".to_owned(),
            water_label: String::new(),
            label_halo: "x".repeat(65),
            innocity: "red;fill:blue".to_owned(),
            partner: "#D55E00".to_owned(),
            organisation: "green".to_owned(),
            group: "#1f2428".to_owned(),
            arc: "#c9a0f0".to_owned(),
            outline: "white".to_owned(),
            leader: "url(#x)".to_owned(),
        };
        let safe = page.clone().sanitised();
        assert_eq!(safe.sea, light.sea, "markup");
        assert_eq!(safe.land, "#2a2e33", "trimmed and kept");
        assert_eq!(safe.coast, light.coast, "a reference to fetch");
        assert_eq!(safe.border, light.border, "a reference to the page");
        assert_eq!(safe.label, "rgb(232 234 237 / 90%)");
        assert_eq!(safe.country_label, "hsl(210, 10%, 80%)");
        assert_eq!(safe.water_label, light.water_label, "empty");
        assert_eq!(safe.label_halo, light.label_halo, "too long");
        assert_eq!(safe.innocity, light.innocity, "a declaration");
        assert_eq!((safe.partner.as_str(), safe.organisation.as_str()), ("#D55E00", "green"));
        assert_eq!(safe.leader, light.leader, "a reference in the leader lines too");
        assert_eq!(PictureColours::light().sanitised(), light, "the defaults are safe");

        // map_svg checks the colours itself, so an unchecked palette still gives a safe file.
        let mut scene = Scene::everything(Language::En);
        scene.colours = page;
        let svg = scene.svg();
        assert!(!svg.contains("<script") && !svg.contains("example.org") && !svg.contains("var("));
        let doc = parsed(&svg);
        assert_eq!(
            doc.descendants().find(|n| n.attribute("class") == Some("sea")).unwrap().attribute("fill"),
            Some("#c9dceb")
        );
        assert_eq!(layer(&doc, "arcs").attribute("stroke"), Some("#c9a0f0"), "dark mode carries over");
    }

    #[test]
    fn a_degenerate_view_and_links_write_no_nan() {
        let data = bundled();
        let view = data.all.everything_view(ScreenSize::new(0.0, f64::NAN));
        let mut scene = Scene::of(&data, view, Language::Sv);
        let here = scene.view.center();
        scene.links = vec![ProjectLink {
            project: RecordId::parse("p").unwrap(),
            lead: RecordId::parse("l").unwrap(),
            from: here,
            to: here,
            partner: RecordId::parse("q").unwrap(),
        }];
        scene.layout.items.iter_mut().for_each(|i| i.at = ScreenPoint::new(f64::NAN, f64::INFINITY));
        let svg = scene.svg();
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        let doc = parsed(&svg);
        assert_eq!(doc.root_element().attribute("width"), Some("0"));
        assert_eq!(layer(&doc, "markers").children().count(), 0, "markers nowhere are not drawn");
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(Px(12.34).to_string(), "12.3");
        assert_eq!(Px(-0.04).to_string(), "0");
        assert_eq!(Px(-2.05).to_string(), "-2.1");
        assert_eq!(Px(800.0).to_string(), "800");
        assert_eq!(Px(f64::NAN).to_string(), "0");
        assert_eq!(Precise(0.03125).to_string(), "0.03125");
        assert_eq!(Precise(256.0).to_string(), "256");
        assert_eq!(Precise(0.0031250001).to_string(), "0.003125");
        assert_eq!(Precise(f64::INFINITY).to_string(), "0");
        assert_eq!(Escaped("a\u{7}b\u{FFFE}c\td").to_string(), "abc\td");
    }

    #[test]
    fn ten_thousand_markers_make_a_compact_file() {
        let mut scene = Scene::everything(Language::En);
        let template = scene.layout.items.iter().find(|i| i.count == 1).unwrap().clone();
        scene.layout.items = (0..10_000)
            .map(|i| {
                let mut item = template.clone();
                item.at = ScreenPoint::new(
                    (i as f64 * 0.618_033_988).fract() * SIZE.width,
                    (i as f64 * 0.754_877_666).fract() * SIZE.height,
                );
                item.kind = MarkerKind::ALL[i % 3];
                item.label_side = (i % 25 == 0).then_some(LabelSide::Right);
                item
            })
            .collect();
        let svg = scene.svg();
        let doc = parsed(&svg);
        assert_eq!(layer(&doc, "markers").children().filter(|n| n.has_tag_name("use")).count(), 10_000);
        let bytes_per_marker = svg.len() / 10_000;
        assert!(bytes_per_marker < 80, "{bytes_per_marker} bytes per marker");
    }

    #[test]
    fn the_picture_of_a_view_shows_the_chosen_project_and_the_pages_colours() {
        let data = bundled();
        let view = data.all.everything_view(SIZE);
        let project = data.dataset.projects.iter().find(|p| p.partners.len() > 3).unwrap();
        let mut page: Vec<String> = PictureColours::PROPERTIES.iter().map(|_| "rgb(1, 2, 3)".to_owned()).collect();
        page[0] = "url(https://example.org/x)".to_owned();
        page.truncate(12);
        let colours = PictureColours::from_page(&page);
        assert_eq!(colours.sea, PictureColours::light().sea, "an unsafe value keeps the default");
        assert_eq!(colours.land, "rgb(1, 2, 3)");
        assert_eq!(colours.arc, PictureColours::light().arc, "a missing value keeps the default");
        let state = ShownState { project: Some(&project.id), ..ShownState::default() };
        let svg = picture_of_view(&data.dataset, &data.basemap, &data.all, &view, Language::Fi, state, &colours);
        let document = roxmltree::Document::parse(&svg).unwrap();
        let title = document.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap();
        assert_eq!(title, format!("InnoMap – {}", UiText(Language::Fi).tagline()));
        let arrows = svg.matches(&format!("url(#{ARROW_ID})")).count();
        assert!(arrows >= project.partners.len(), "{arrows} arcs for {} partners", project.partners.len());
        assert!(svg.contains("rgb(1, 2, 3)"));
    }

    #[test]
    fn the_picture_of_a_close_view_uses_the_detailed_level_when_the_map_has_it() {
        let data = bundled();
        let read = |file: &str| {
            let text =
                std::fs::read_to_string(format!("{}/data/{file}", concat!(env!("CARGO_MANIFEST_DIR"), "/.."))).unwrap();
            crate::layers::basemap::parse_basemap(&text).unwrap()
        };
        let bundled_levels = read("basemap.geojson");
        let with_detail = bundled_levels.clone().merged(read("basemap-detail.geojson"));
        let kokkola = crate::geo::projection::project(crate::geo::latlng::LatLng::lat_lon(63.84, 23.13));
        let zoom = crate::view::viewport::Zoom::clamped(9.0);
        let view = Viewport::new(kokkola, zoom, SIZE, crate::view::map_area::map_limits());
        let points = |basemap: &Basemap| {
            let state = ShownState::default();
            let svg = picture_of_view(
                &data.dataset,
                basemap,
                &data.all,
                &view,
                Language::En,
                state,
                &PictureColours::light(),
            );
            let doc = parsed(&svg);
            let land = doc.descendants().find(|n| n.attribute("class") == Some("land")).and_then(|n| n.attribute("d"));
            // Every point after a ring's first is one relative step, `l`.
            land.map_or(0, |d| d.matches('l').count())
        };
        let (medium, detailed) = (points(&bundled_levels), points(&with_detail));
        assert!(
            medium > 10 && detailed > 2 * medium,
            "the coast has more points with the detail ({detailed} against {medium})"
        );
    }

    #[test]
    fn a_fanned_stack_is_drawn_as_the_map_shows_it_members_leaders_and_the_selected_ring() {
        let data = bundled();
        let view = data.all.everything_view(SIZE);
        let layout = MarkerLayout::new(&data.all.clusters, &data.all.markers, &view, Language::En, Emphasis::NONE, &[]);
        let group = layout.items.iter().find(|i| i.count > 2).unwrap();
        let chosen = &data.all.markers[group.members[1]].id;
        let colours = PictureColours::light();
        let plain = picture_of_view(
            &data.dataset,
            &data.basemap,
            &data.all,
            &view,
            Language::En,
            ShownState::default(),
            &colours,
        );
        assert!(!plain.contains(r#"class="fan""#), "no fan unless one is open");
        let state = ShownState { selected: Some(chosen), fanned: Some(&group.key), ..ShownState::default() };
        let svg = picture_of_view(&data.dataset, &data.basemap, &data.all, &view, Language::En, state, &colours);
        let doc = parsed(&svg);
        let fan = layer(&doc, "fan");
        let leaders = layer(&doc, "fan__leaders");
        assert_eq!(leaders.attribute("stroke"), Some(colours.leader.as_str()));
        let lines: Vec<_> = leaders.children().filter(|n| n.has_tag_name("line")).collect();
        let shapes = fan.children().filter(|n| n.has_tag_name("use")).count();
        assert_eq!((lines.len(), shapes), (group.count, group.count), "a leader and a shape per member");
        for (line, member) in lines.iter().zip(layout.fan(&group.key, &data.all.markers, Language::En, FAN_BUTTON_PX)) {
            // Coordinates are written to a tenth of a pixel.
            let end = |name: &str| line.attribute(name).and_then(|v| v.parse::<f64>().ok()).unwrap();
            assert!((end("x1") - member.at.x).abs() <= 0.051 && (end("y1") - member.at.y).abs() <= 0.051);
            assert!(
                (end("x2") - group.at.x).abs() <= 0.051 && (end("y2") - group.at.y).abs() <= 0.051,
                "back to the spot"
            );
        }
        let rings = fan.children().filter(|n| n.has_tag_name("circle")).count();
        assert_eq!(rings, 1, "the selected member is ringed");
        // Each member is named beside it, and the group's own name gives way to theirs.
        let labels = layer(&doc, "marker-labels");
        let names: Vec<&str> =
            labels.children().filter(|n| n.attribute("class") == Some("fan__label")).filter_map(|n| n.text()).collect();
        assert_eq!(names.len(), group.count, "{names:?}");
        assert!(
            !labels.children().any(|n| n.text() == Some(group.label.as_str())),
            "no {} among the names",
            group.label
        );
    }
}
