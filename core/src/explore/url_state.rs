//! The shareable state of the map, written in the page address so that a copied link reopens
//! what its sender saw, and Back and Forward move between selections.
//!
//! The query string holds, each only when it differs from the default:
//! - `lang=fi`: the language (`en`, `fi` or `sv`);
//! - `open=oulu`: the record whose panel is open (a place, an organisation, a project or a
//!   theme), by id; `place=` is read the same way, as links shared before themes and projects
//!   had panels used it;
//! - `project=battery-chemistry`: the project whose links are drawn on the map (opening a
//!   project's panel draws them too, see [`UrlState::with_opened`]);
//! - `map=6.25/64.0123/25.4712`: the view as zoom / latitude / longitude of the centre (the
//!   order OpenStreetMap uses), with enough decimals that the view comes back within a pixel;
//! - the filters (see `core::explore::filter`): `themes=green-electrification,battery-chemistry`,
//!   `kinds=innocity,partner`, `countries=FI,SE`, `years=2021-2023`;
//! - `view=list`: the list instead of the map.
//!
//! Besides the state, an address can set options for the whole visit ([`PageOptions`], read by
//! the same [`UrlState::parse`]), kept in every link as they were written:
//! - `tiles=https://tiles.example.org/{z}/{x}/{y}.png`: the server of the optional map images
//!   (OpenStreetMap's when not given), with `tiles-credit=` the credit it requires;
//! - `data=https://city.example/innomap.geojson`: another data file in the same format (whether
//!   it may be fetched is `explore::data_source`'s to say, once the browser has resolved it);
//! - `embed=1` with `controls=`, `scheme=`, `gestures=`, `height=` and `origins=`: embed mode
//!   and its options ([`EmbedOptions`], [`PageOptions::allowed_origins`]; option set 1 of
//!   `docs/embedding.md`). The embed's options are left out of the standalone map's address
//!   ([`UrlState::standalone_query`]); the content (`data=`, `tiles=`) stays.
//!
//! The address is untrusted like the data: a value that does not parse is left out and reported,
//! never fatal, and parameters this version does not know (an embedding site's own, or ones a
//! later version adds) are kept in place when the app rewrites the address.

use std::collections::BTreeSet;

use percent_encoding::{utf8_percent_encode, AsciiSet};

use crate::data::model::{Dataset, MarkerKind, RecordId, RecordType};
use crate::explore::filter::{country_code, year_range, Filters};
use crate::geo::geometry::ScreenSize;
use crate::geo::latlng::LatLng;
use crate::geo::projection::{project, unproject};
use crate::language::Language;
use crate::layers::tiles::TileSource;
use crate::view::viewport::{ViewLimits, Viewport, Zoom};

/// The view as written in the address: a centre and a zoom, independent of the window size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPosition {
    /// The centre of the view.
    pub center: LatLng,
    /// The zoom level.
    pub zoom: Zoom,
}

impl MapPosition {
    /// Where `view` looks.
    pub fn of(view: &Viewport) -> Self {
        Self { center: unproject(view.center()), zoom: view.zoom() }
    }

    /// The view of this position in a map of `size`, within `limits`.
    pub fn view(self, size: ScreenSize, limits: ViewLimits) -> Viewport {
        Viewport::new(project(self.center), self.zoom, size, limits)
    }

    /// Decimals of latitude and longitude that keep the centre within a tenth of a pixel at
    /// this zoom: 3 zoomed out to Europe, 6 at a city.
    fn decimals(self) -> usize {
        // A degree of longitude spans 256·2^zoom / 360 pixels; a degree of latitude spans up to
        // 1/cos(latitude) times more, about 2.5 at Finland's latitudes (hence the margin of 40).
        let degrees_per_pixel = 360.0 / (256.0 * self.zoom.value().exp2());
        (-(degrees_per_pixel / 40.0).log10()).ceil().clamp(2.0, 8.0) as usize
    }

    /// The position as the address writes it: `zoom/latitude/longitude`, with as many decimals as
    /// the zoom can tell apart.
    pub fn write(self) -> String {
        let d = self.decimals();
        // Three decimals of zoom: the scale then comes back within 0.04 %, a fraction of a pixel.
        let zoom = short_decimal(format!("{:.3}", self.zoom.value()));
        let lat = short_decimal(format!("{:.d$}", self.center.lat));
        let lon = short_decimal(format!("{:.d$}", self.center.lon));
        format!("{zoom}/{lat}/{lon}")
    }

    fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('/');
        let (zoom, lat, lon) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        // serde_json's number parser, already in the app, rather than a second one from `core`.
        let number = |s: &str| serde_json::from_str::<f64>(s).ok().filter(|v| v.is_finite());
        let zoom = Zoom::try_from(number(zoom)?).ok()?;
        let center = LatLng::lat_lon(number(lat)?, number(lon)?);
        center.is_valid().then_some(Self { center, zoom })
    }
}

/// The view as the address writes it (`6.25/64.0123/25.4712`), which the host page's `view`
/// message carries too (`explore::host_message::MapMessage::View`).
impl std::fmt::Display for MapPosition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.write())
    }
}

/// A comma-separated list in which every item parses; `None` if one does not (or it is empty).
fn list<T: Ord>(value: &str, parse: impl Fn(&str) -> Option<T>) -> Option<BTreeSet<T>> {
    // Inserted one by one rather than collected: collecting sorts a vector first, and each
    // item type would bring its own copy of the sort into the WebAssembly.
    let mut items = BTreeSet::new();
    for item in value.split(',') {
        items.insert(parse(item.trim())?);
    }
    (!items.is_empty()).then_some(items)
}

/// A fixed-point number without trailing zeros: "7.500" → "7.5", "6.000" → "6".
fn short_decimal(mut text: String) -> String {
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    text
}

/// The state written in the address.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UrlState {
    /// The language chosen, if one was.
    pub language: Option<Language>,
    /// The record whose panel is open: a place, an organisation, a project or a theme.
    pub selected: Option<RecordId>,
    /// The project whose links are shown.
    pub project: Option<RecordId>,
    /// The view, once the map has one.
    pub position: Option<MapPosition>,
    /// The filters chosen.
    pub filters: Filters,
    /// Whether the list is shown instead of the map.
    pub list: bool,
}

/// A parameter of the address that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlProblem {
    /// The parameter's name.
    pub name: String,
    /// The value found (shortened if long).
    pub found: String,
    /// What was expected instead.
    pub expected: &'static str,
}

impl std::fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the address's `{}` is not used: found \"{}\"; expected {}", self.name, self.found, self.expected)
    }
}

/// The address's query string read: the state, the parameters kept as they were (unknown ones),
/// and what could not be used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedQuery {
    /// The state the address gives.
    pub state: UrlState,
    /// `name=value` pairs this version does not use, kept verbatim and in order.
    pub other: Vec<String>,
    /// The options for the whole visit (their parameters are also in `other`).
    pub options: PageOptions,
    /// Values that were present but unusable.
    pub problems: Vec<UrlProblem>,
}

/// Options an address sets for the whole visit (an embedding page's choices). Unlike
/// [`UrlState`], they never change while the map is used; their parameters stay in the address
/// exactly as written (in [`ParsedQuery::other`]), so every link keeps them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageOptions {
    /// The server of the optional map images, if the page chose one.
    pub tile_source: Option<TileSource>,
    /// The embed's choices, when the address asks for embed mode (`embed=1`, or a bare `embed`).
    pub embed: Option<EmbedOptions>,
    /// The host pages an embed talks to (`origins=`), as serialised origins in lower case such
    /// as `https://city.example`; empty when the embed lists none (or outside embed mode).
    pub allowed_origins: Vec<String>,
    /// The address of another data file (`data=`), decoded and trimmed but not yet resolved:
    /// the app resolves it against the page with the browser's URL parser, then asks
    /// `explore::data_source` whether it may be fetched.
    pub data_url: Option<String>,
}

/// The version of the embed option set this build reads (`embed=1`). An address written for a
/// later version is read as this one, with a warning, so an old copy of the app still embeds.
pub const EMBED_VERSION: &str = "1";

/// Which of the map's controls an embed shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedControls {
    /// Everything: the header with search, filters and the actions, the panel, the map's own.
    #[default]
    Full,
    /// The title and languages, the map's zoom buttons, its legend and its panels.
    Minimal,
    /// The map alone (with its credit line); places still open their panels.
    None,
}

/// The colour scheme an embed asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedScheme {
    /// The visitor's system setting.
    #[default]
    Auto,
    /// Light, whatever the system says.
    Light,
    /// Dark, whatever the system says.
    Dark,
}

/// How an embed shares the wheel and touch with the page around it (see
/// [`InputPolicy`](crate::view::input::InputPolicy)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedGestures {
    /// The page scrolls with the plain wheel and one finger; Ctrl or Cmd + wheel and two
    /// fingers move the map.
    #[default]
    Cooperative,
    /// The map takes the wheel and every drag, as the standalone app does.
    Greedy,
}

/// How an embed's height is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedHeight {
    /// The iframe's own height, as the host page set it; the map posts the height it has
    /// (which a host script then leaves as it is).
    #[default]
    Fixed,
    /// The map posts the height it needs (`explore::host_message::embed_height`) and the host
    /// page's script sizes the iframe to it.
    Auto,
}

/// The options of embed mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// Which controls show.
    pub controls: EmbedControls,
    /// The colour scheme.
    pub scheme: EmbedScheme,
    /// The gesture handling.
    pub gestures: EmbedGestures,
    /// How the iframe's height is set.
    pub height: EmbedHeight,
}

impl EmbedOptions {
    /// The address parameters that give these options and `allowed_origins`, for the embed
    /// builder: `embed=1`, then only the options that differ from their defaults, so a short
    /// embed address stays short and a later default still reaches it. Reading the pairs back
    /// with [`UrlState::parse`] gives these options and origins again.
    pub fn query_pairs(self, allowed_origins: &[String]) -> Vec<String> {
        let mut pairs = vec![format!("{EMBED}={EMBED_VERSION}")];
        match self.controls {
            EmbedControls::Full => {}
            EmbedControls::Minimal => pairs.push(format!("{CONTROLS}=minimal")),
            EmbedControls::None => pairs.push(format!("{CONTROLS}=none")),
        }
        match self.scheme {
            EmbedScheme::Auto => {}
            EmbedScheme::Light => pairs.push(format!("{SCHEME}=light")),
            EmbedScheme::Dark => pairs.push(format!("{SCHEME}=dark")),
        }
        if self.gestures == EmbedGestures::Greedy {
            pairs.push(format!("{GESTURES}=greedy"));
        }
        if self.height == EmbedHeight::Auto {
            pairs.push(format!("{HEIGHT}=auto"));
        }
        if !allowed_origins.is_empty() {
            let encoded: Vec<String> =
                allowed_origins.iter().map(|o| utf8_percent_encode(o, QUERY_VALUE).to_string()).collect();
            pairs.push(format!("{ORIGINS}={}", encoded.join(",")));
        }
        pairs
    }
}

/// What a value in a query must escape: besides controls and spaces, the characters that end
/// or split a pair (`&`, `#`, `+`, the list's `,`), `%` itself, and those a URL may not hold
/// bare (`[` and `]` of an IPv6 host among them).
const QUERY_VALUE: &AsciiSet = &CONTROLS_AND_SPACE
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b',')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

const CONTROLS_AND_SPACE: AsciiSet = percent_encoding::CONTROLS.add(b' ');

/// The most host pages an embed lists in `origins=`; a longer list is a sign of a mistake, and
/// every listed origin is a message posted on each change.
pub const MAX_ALLOWED_ORIGINS: usize = 10;

/// The longest `data=` address read, in characters (after decoding); longer ones are left out
/// rather than cut, since a cut address names another file.
pub const MAX_DATA_URL_CHARS: usize = 2000;

/// `text` as a serialised origin (`scheme://host[:port]`, as a browser writes `event.origin`),
/// in lower case, if it is one InnoMap accepts: http or https; a host of ASCII letters, digits,
/// dots and hyphens (no empty label), or a bracketed IPv6 literal such as `[::1]`; an optional
/// port from 1 to 65535; no path, query or trailing slash. A port the scheme uses by default
/// (`:443` for https, `:80` for http) and leading zeros are dropped, as a browser drops them,
/// so the origin compares equal to the one the browser reports.
pub fn read_origin(text: &str) -> Option<String> {
    let text = text.to_ascii_lowercase();
    let (scheme, rest) = text.split_once("://")?;
    let default_port = match scheme {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    // A bracketed IPv6 host holds colons, so the port is looked for after its closing bracket.
    let (host, port) = match rest.strip_prefix('[') {
        Some(inside) => {
            let (address, after) = inside.split_once(']')?;
            let ipv6 = address.contains(':') && address.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':')?),
            };
            (ipv6.then_some(&rest[..address.len() + 2])?, port)
        }
        None => {
            let (host, port) = match rest.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (rest, None),
            };
            let label_ok =
                |label: &str| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            (host.split('.').all(label_ok).then_some(host)?, port)
        }
    };
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(port) => {
            // `parse` alone would take a leading `+`.
            let digits = !port.is_empty() && port.chars().all(|c| c.is_ascii_digit());
            let number = digits.then(|| port.parse::<u16>().ok()).flatten().filter(|&p| p != 0)?;
            Some(if number == default_port {
                format!("{scheme}://{host}")
            } else {
                format!("{scheme}://{host}:{number}")
            })
        }
    }
}

impl PageOptions {
    /// How the map shares the wheel and touch with the page: cooperative in an embed unless it
    /// asks for greedy, greedy when the app has the window to itself.
    pub fn input_policy(&self) -> crate::view::input::InputPolicy {
        use crate::view::input::InputPolicy;
        match self.embed.map(|e| e.gestures) {
            Some(EmbedGestures::Cooperative) => InputPolicy::COOPERATIVE,
            Some(EmbedGestures::Greedy) | None => InputPolicy::GREEDY,
        }
    }
}

const TILES: &str = "tiles";
const TILES_CREDIT: &str = "tiles-credit";
const EMBED: &str = "embed";
const CONTROLS: &str = "controls";
const SCHEME: &str = "scheme";
const GESTURES: &str = "gestures";
const HEIGHT: &str = "height";
const ORIGINS: &str = "origins";
const DATA: &str = "data";

/// The parameters that make the app open on something else than the plain opening view (a
/// record, a position, filters, the list, other data, an embed's look): the page hides the
/// pre-drawn picture of that view at once when its address has any of them
/// (`core::first_view`). The language is not among them: the picture stays true in every one.
pub const CHANGES_THE_OPENING_VIEW: [&str; 16] = [
    OPEN, OLD_OPEN, PROJECT, MAP, THEMES, KINDS, COUNTRIES, YEARS, VIEW, DATA, EMBED, CONTROLS, SCHEME, GESTURES,
    HEIGHT, TILES,
];

/// The parameters that only mean something inside an embed: the standalone map's address
/// leaves them out.
const EMBED_ONLY: [&str; 6] = [EMBED, CONTROLS, SCHEME, GESTURES, HEIGHT, ORIGINS];

/// The embed's parameters as written in the address, read after the whole query.
#[derive(Default)]
struct EmbedValues<'a> {
    embed: Option<&'a str>,
    controls: Option<&'a str>,
    scheme: Option<&'a str>,
    gestures: Option<&'a str>,
    height: Option<&'a str>,
    origins: Option<&'a str>,
}

impl EmbedValues<'_> {
    /// The embed's options, or `None` without `embed=`; each unusable value is reported (once)
    /// and its default kept, and an option given without `embed=` is reported and not used.
    fn read(&self, problems: &mut Vec<UrlProblem>) -> Option<EmbedOptions> {
        let mut report = |name: &str, found: &str, expected: &'static str| {
            problems.push(UrlProblem { name: name.to_owned(), found: found.chars().take(40).collect(), expected });
        };
        let Some(version) = self.embed else {
            let options = [
                (CONTROLS, self.controls),
                (SCHEME, self.scheme),
                (GESTURES, self.gestures),
                (HEIGHT, self.height),
                (ORIGINS, self.origins),
            ];
            for (name, value) in options {
                if let Some(value) = value {
                    report(name, value, "to be used together with embed=1");
                }
            }
            return None;
        };
        // A bare `embed` reads as the current set.
        if !version.is_empty() && version != EMBED_VERSION {
            report(EMBED, version, "1, the option set this version reads (read as 1)");
        }
        let mut options = EmbedOptions::default();
        if let Some(value) = self.controls {
            match value {
                "full" => options.controls = EmbedControls::Full,
                "minimal" => options.controls = EmbedControls::Minimal,
                "none" => options.controls = EmbedControls::None,
                _ => report(CONTROLS, value, "full, minimal or none"),
            }
        }
        if let Some(value) = self.scheme {
            match value {
                "auto" => options.scheme = EmbedScheme::Auto,
                "light" => options.scheme = EmbedScheme::Light,
                "dark" => options.scheme = EmbedScheme::Dark,
                _ => report(SCHEME, value, "light, dark or auto"),
            }
        }
        if let Some(value) = self.gestures {
            match value {
                "cooperative" => options.gestures = EmbedGestures::Cooperative,
                "greedy" => options.gestures = EmbedGestures::Greedy,
                _ => report(GESTURES, value, "cooperative or greedy"),
            }
        }
        if let Some(value) = self.height {
            match value {
                "fixed" => options.height = EmbedHeight::Fixed,
                "auto" => options.height = EmbedHeight::Auto,
                _ => report(HEIGHT, value, "fixed or auto"),
            }
        }
        Some(options)
    }

    /// The host pages listed in `origins=`, each checked by [`read_origin`]: a bad entry is
    /// reported on its own and left out, the others count; entries past the
    /// [`MAX_ALLOWED_ORIGINS`]th are reported once and left out. Only read in embed mode.
    fn allowed_origins(&self, problems: &mut Vec<UrlProblem>) -> Vec<String> {
        let Some(written) = self.origins else { return Vec::new() };
        let mut origins: Vec<String> = Vec::new();
        let mut over = Vec::new();
        for entry in decoded(written).split(',').map(str::trim) {
            match read_origin(entry) {
                Some(origin) if origins.contains(&origin) => {}
                Some(origin) if origins.len() < MAX_ALLOWED_ORIGINS => origins.push(origin),
                Some(_) => over.push(entry.to_owned()),
                None => problems.push(UrlProblem {
                    name: ORIGINS.to_owned(),
                    found: entry.chars().take(40).collect(),
                    expected: "an origin such as https://city.example or http://localhost:8080 (scheme, host and \
                               port only, no path or trailing slash)",
                }),
            }
        }
        if !over.is_empty() {
            problems.push(UrlProblem {
                name: ORIGINS.to_owned(),
                found: over.join(",").chars().take(40).collect(),
                expected: "at most 10 origins (these were left out)",
            });
        }
        origins
    }
}

impl PageOptions {
    /// The options from the values of `tiles=`, `tiles-credit=` and `data=`, as written in the
    /// address; an unusable value is reported and the default kept.
    fn from_values(
        tiles: Option<&str>,
        tiles_credit: Option<&str>,
        data: Option<&str>,
        problems: &mut Vec<UrlProblem>,
    ) -> Self {
        let mut options = Self::default();
        if let Some(written) = data {
            let address = decoded(written);
            let address = address.trim();
            let expected = match address.chars().count() {
                0 => Some("the address of a data file"),
                n if n > MAX_DATA_URL_CHARS => Some("the address of a data file, at most 2000 characters"),
                _ => None,
            };
            match expected {
                None => options.data_url = Some(address.to_owned()),
                Some(expected) => problems.push(UrlProblem {
                    name: DATA.to_owned(),
                    found: address.chars().take(40).collect(),
                    expected,
                }),
            }
        }
        if let Some(written) = tiles {
            let template = decoded(written);
            match TileSource::from_template(&template, tiles_credit.map(decoded).as_deref()) {
                Ok(source) => options.tile_source = Some(source),
                Err(expected) => problems.push(UrlProblem {
                    name: TILES.to_owned(),
                    found: template.chars().take(40).collect(),
                    expected,
                }),
            }
        }
        options
    }
}

/// A query value with its percent escapes decoded and `+` read as a space (as forms write
/// them); bytes that are not UTF-8 become U+FFFD.
fn decoded(value: &str) -> String {
    percent_encoding::percent_decode_str(&value.replace('+', " ")).decode_utf8_lossy().into_owned()
}

const LANGUAGE: &str = "lang";
const OPEN: &str = "open";
/// What `open` was called before themes and projects had panels; still read.
const OLD_OPEN: &str = "place";
const PROJECT: &str = "project";
const MAP: &str = "map";
const THEMES: &str = "themes";
const KINDS: &str = "kinds";
const COUNTRIES: &str = "countries";
const YEARS: &str = "years";
const VIEW: &str = "view";

impl UrlState {
    /// Reads a query string (with or without the leading `?`). Never fails: what cannot be used
    /// is reported in [`ParsedQuery::problems`] and left out; the first of a repeated parameter
    /// counts.
    pub fn parse(query: &str) -> ParsedQuery {
        let mut parsed = ParsedQuery::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut seen = Vec::new();
        let (mut tiles, mut tiles_credit, mut data) = (None, None, None);
        let mut embed = EmbedValues::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (written_name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = if written_name == OLD_OPEN { OPEN } else { written_name };
            let known = [LANGUAGE, OPEN, PROJECT, MAP, THEMES, KINDS, COUNTRIES, YEARS, VIEW].contains(&name);
            if !known {
                // The page's options are read here but kept as written, like parameters that
                // are not ours, so every link carries them.
                match name {
                    TILES => _ = tiles.get_or_insert(value),
                    TILES_CREDIT => _ = tiles_credit.get_or_insert(value),
                    DATA => _ = data.get_or_insert(value),
                    EMBED => _ = embed.embed.get_or_insert(value),
                    CONTROLS => _ = embed.controls.get_or_insert(value),
                    SCHEME => _ = embed.scheme.get_or_insert(value),
                    GESTURES => _ = embed.gestures.get_or_insert(value),
                    HEIGHT => _ = embed.height.get_or_insert(value),
                    ORIGINS => _ = embed.origins.get_or_insert(value),
                    _ => {}
                }
                parsed.other.push(pair.to_owned());
                continue;
            }
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            let state = &mut parsed.state;
            let expected = match name {
                LANGUAGE => Language::from_tag(value).map(|l| state.language = Some(l)).ok_or("en, fi or sv"),
                OPEN => RecordId::parse(value).map(|id| state.selected = Some(id)).ok_or("a record id"),
                PROJECT => RecordId::parse(value).map(|id| state.project = Some(id)).ok_or("a record id"),
                MAP => MapPosition::parse(value)
                    .map(|p| state.position = Some(p))
                    .ok_or("zoom/latitude/longitude, such as 6/64.5/26"),
                THEMES => list(value, RecordId::parse)
                    .map(|t| state.filters.themes = t)
                    .ok_or("theme ids separated by commas"),
                KINDS => list(value, MarkerKind::from_code)
                    .map(|k| state.filters.kinds = k)
                    .ok_or("innocity, partner or organisation, separated by commas"),
                COUNTRIES => list(value, country_code)
                    .map(|c| state.filters.countries = c)
                    .ok_or("two-letter country codes separated by commas, such as FI,SE"),
                VIEW => match value {
                    "list" | "map" => {
                        state.list = value == "list";
                        Ok(())
                    }
                    _ => Err("list or map"),
                },
                _ => year_range(value)
                    .map(|y| state.filters.years = Some(y))
                    .ok_or("a year or a range of years from 2020 to 2027, such as 2021-2023"),
            };
            if let Err(expected) = expected {
                let found: String = value.chars().take(40).collect();
                parsed.problems.push(UrlProblem { name: written_name.to_owned(), found, expected });
            }
        }
        parsed.options = PageOptions::from_values(tiles, tiles_credit, data, &mut parsed.problems);
        parsed.options.embed = embed.read(&mut parsed.problems);
        if parsed.options.embed.is_some() {
            parsed.options.allowed_origins = embed.allowed_origins(&mut parsed.problems);
        }
        parsed
    }

    /// The query string for this state (with the leading `?`, or empty), followed by `other`.
    pub fn to_query(&self, other: &[String]) -> String {
        let mut pairs = Vec::new();
        if let Some(language) = self.language {
            pairs.push(format!("{LANGUAGE}={}", language.code()));
        }
        if let Some(id) = &self.selected {
            pairs.push(format!("{OPEN}={id}"));
        }
        if let Some(id) = &self.project {
            pairs.push(format!("{PROJECT}={id}"));
        }
        if let Some(position) = self.position {
            pairs.push(format!("{MAP}={}", position.write()));
        }
        let joined = |items: Vec<&str>| items.join(",");
        let filters = &self.filters;
        if !filters.themes.is_empty() {
            pairs.push(format!("{THEMES}={}", joined(filters.themes.iter().map(RecordId::as_str).collect())));
        }
        if !filters.kinds.is_empty() {
            pairs.push(format!("{KINDS}={}", joined(filters.kinds.iter().map(|k| k.code()).collect())));
        }
        if !filters.countries.is_empty() {
            pairs.push(format!("{COUNTRIES}={}", joined(filters.countries.iter().map(String::as_str).collect())));
        }
        if let Some((from, to)) = filters.years {
            pairs.push(if from == to { format!("{YEARS}={from}") } else { format!("{YEARS}={from}-{to}") });
        }
        if self.list {
            pairs.push(format!("{VIEW}=list"));
        }
        pairs.extend(other.iter().cloned());
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// The query string of the standalone map showing this state ("open the full map" in an
    /// embed, and the `url` of the messages to the host page): this state, then every pair of
    /// `other` (as [`ParsedQuery::other`] holds them) except the embed's own options, which
    /// would make the full map an embed again. The content stays: `data=`, `tiles=`,
    /// `tiles-credit=` and parameters this version does not know.
    pub fn standalone_query(&self, other: &[String]) -> String {
        let kept: Vec<String> = other
            .iter()
            .filter(|pair| {
                let name = pair.split_once('=').map_or(pair.as_str(), |(name, _)| name);
                !EMBED_ONLY.contains(&name)
            })
            .cloned()
            .collect();
        self.to_query(&kept)
    }

    /// The state after the visitor opens the panel of `id`, a record of type `record`: opening a
    /// project also draws its links on the map; opening anything else leaves the links drawn as
    /// they were, so a visitor can follow a project from partner to partner.
    pub fn with_opened(&self, id: RecordId, record: RecordType) -> UrlState {
        let project = if record == RecordType::Project { Some(id.clone()) } else { self.project.clone() };
        UrlState { selected: Some(id), project, ..self.clone() }
    }

    /// The state an address means for the records of `dataset`: an address that opens a project
    /// without `project=` (written by hand, say) also draws that project's links, as opening it
    /// in the app does ([`with_opened`](Self::with_opened)).
    pub fn completed(self, dataset: &Dataset) -> UrlState {
        match (&self.selected, &self.project) {
            (Some(opened), None) if dataset.project(opened).is_some() => {
                UrlState { project: Some(opened.clone()), ..self }
            }
            _ => self,
        }
    }

    /// Whether going from `self` to `next` changes what is selected or shown, which makes a new
    /// step in the browser's history; other changes (the view, the language) replace the current
    /// step, so Back does not replay every pan.
    pub fn is_new_step(&self, next: &UrlState) -> bool {
        self.selected != next.selected || self.project != next.project
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::map_area::map_limits;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    #[test]
    fn an_address_opening_a_project_also_draws_its_links() {
        let data = crate::map_data::bundled_for_tests();
        let battery = "battery-chemistry-lead-project";
        let opened = UrlState::parse(&format!("?open={battery}")).state.completed(&data.dataset);
        assert_eq!(opened.project, Some(id(battery)));
        assert_eq!(opened, UrlState::default().with_opened(id(battery), RecordType::Project));
        // A place leaves the links as they were; links the address names stay.
        let place = UrlState::parse("?open=kokkola").state.completed(&data.dataset);
        assert_eq!(place.project, None);
        let both = UrlState::parse(&format!("?open={battery}&project=other-project")).state.completed(&data.dataset);
        assert_eq!(both.project, Some(id("other-project")));
    }

    #[test]
    fn a_full_state_round_trips_and_keeps_other_parameters() {
        let state = UrlState {
            language: Some(Language::Sv),
            selected: Some(id("kokkola")),
            project: Some(id("battery-chemistry")),
            position: Some(MapPosition { center: LatLng::lat_lon(63.838, 23.13), zoom: Zoom::clamped(7.5) }),
            filters: Filters::default(),
            list: true,
        };
        let other = vec!["utm_source=city".to_owned(), "embed".to_owned()];
        let query = state.to_query(&other);
        assert_eq!(
            query,
            "?lang=sv&open=kokkola&project=battery-chemistry&map=7.5/63.838/23.13&view=list&utm_source=city&embed"
        );
        let parsed = UrlState::parse(&query);
        assert_eq!(parsed.state, state);
        assert_eq!(parsed.other, other);
        assert!(parsed.problems.is_empty());
        assert_eq!(UrlState::default().to_query(&[]), "");
        assert_eq!(UrlState::parse(""), ParsedQuery::default());
    }

    #[test]
    fn opening_a_project_draws_its_links_and_opening_anything_else_keeps_them() {
        let state = UrlState { project: Some(id("battery")), selected: Some(id("kokkola")), ..UrlState::default() };
        let project = state.with_opened(id("photonics"), RecordType::Project);
        assert_eq!((project.selected, project.project), (Some(id("photonics")), Some(id("photonics"))));
        for record in [RecordType::Place, RecordType::Organisation, RecordType::Theme] {
            let next = state.with_opened(id("joensuu"), record);
            assert_eq!((next.selected.clone(), next.project.clone()), (Some(id("joensuu")), Some(id("battery"))));
            assert!(state.is_new_step(&next));
        }
    }

    #[test]
    fn links_shared_with_the_old_place_parameter_still_open_their_panel() {
        assert_eq!(UrlState::parse("?place=oulu").state.selected, Some(id("oulu")));
        assert_eq!(UrlState::parse("?place=oulu").state.to_query(&[]), "?open=oulu");
        // `place` and `open` are one parameter: the first written counts.
        assert_eq!(UrlState::parse("?open=kuopio&place=oulu").state.selected, Some(id("kuopio")));
        let bad = UrlState::parse("?place=Not%20an%20id");
        assert_eq!(bad.problems[0].name, "place");
    }

    #[test]
    fn bad_values_are_reported_and_left_out_without_losing_the_rest() {
        let parsed = UrlState::parse("?lang=de&place=Oulu%20city&map=99/1/2&project=ok-1&place=oulu");
        assert_eq!(parsed.state.language, None);
        assert_eq!(parsed.state.selected, None, "the first of a repeated parameter counts");
        assert_eq!(parsed.state.position, None);
        assert_eq!(parsed.state.project, Some(id("ok-1")));
        let names: Vec<&str> = parsed.problems.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["lang", "place", "map"]);
        assert_eq!(parsed.problems[0].found, "de");
        assert_eq!(parsed.problems[0].expected, "en, fi or sv");
        for map in ["6/95/20", "6/60", "6/60/20/1", "x/60/20", "6/NaN/20", "-1/60/20", ""] {
            assert_eq!(UrlState::parse(&format!("map={map}")).state.position, None, "{map}");
        }
        assert_eq!(UrlState::parse("lang=FI").state.language, Some(Language::Fi));
    }

    /// A view written to the address and read back lands within a tenth of a pixel of where it
    /// was, at every zoom.
    #[test]
    fn a_view_comes_back_within_a_tenth_of_a_pixel() {
        let limits = map_limits();
        let size = ScreenSize::new(1280.0, 800.0);
        for (zoom, lat, lon) in
            [(3.0, 55.0, 15.0), (5.37, 63.1234567, 27.7654321), (9.99, 62.2426, 25.7473), (12.0, 60.45, 22.27)]
        {
            let view = MapPosition { center: LatLng::lat_lon(lat, lon), zoom: Zoom::clamped(zoom) }.view(size, limits);
            let query = UrlState { position: Some(MapPosition::of(&view)), ..UrlState::default() }.to_query(&[]);
            let back = UrlState::parse(&query).state.position.unwrap().view(size, limits);
            let drift = view.world_to_screen(back.center()).distance_to(size.center());
            assert!(drift < 0.1, "zoom {zoom}: {drift} px off via {query}");
            assert!((back.zoom().value() - view.zoom().value()).abs() <= 0.0005, "{query}");
        }
    }

    #[test]
    fn filters_round_trip_and_bad_ones_are_reported() {
        let filters = Filters {
            themes: [id("battery-chemistry"), id("green-electrification")].into(),
            kinds: [MarkerKind::InnoCity, MarkerKind::Organisation].into(),
            countries: ["FI".to_owned(), "SE".to_owned()].into(),
            years: Some((2021, 2023)),
        };
        let state = UrlState { filters: filters.clone(), ..UrlState::default() };
        let query = state.to_query(&[]);
        assert_eq!(query, "?themes=battery-chemistry,green-electrification&kinds=innocity,organisation&countries=FI,SE&years=2021-2023");
        assert_eq!(UrlState::parse(&query).state, state);
        let single = UrlState::parse("years=2022&countries=fi").state.filters;
        assert_eq!(single.years, Some((2022, 2022)));
        assert_eq!(single.countries, ["FI".to_owned()].into());
        assert_eq!(UrlState { filters: single, ..UrlState::default() }.to_query(&[]), "?countries=FI&years=2022");
        let bad = UrlState::parse("years=2019-2022&kinds=city&countries=FIN&themes=Bad Id&years=2023");
        assert!(bad.state.filters.is_empty(), "{:?}", bad.state.filters);
        let names: Vec<&str> = bad.problems.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["years", "kinds", "countries", "themes"]);
        for years in ["2024-2022", "2028", "x", "2021-"] {
            assert_eq!(UrlState::parse(&format!("years={years}")).state.filters.years, None, "{years}");
        }
    }

    #[test]
    fn a_view_is_written_as_the_address_and_the_view_message_write_it() {
        let position = MapPosition { center: LatLng::lat_lon(64.5, 26.0), zoom: Zoom::clamped(6.0) };
        assert_eq!(position.to_string(), "6/64.5/26");
        assert_eq!(UrlState { position: Some(position), ..UrlState::default() }.to_query(&[]), "?map=6/64.5/26");
    }

    #[test]
    fn only_selection_changes_make_history_steps() {
        let start = UrlState { selected: Some(id("oulu")), ..UrlState::default() };
        let moved = UrlState {
            position: Some(MapPosition { center: LatLng::lat_lon(60.0, 25.0), zoom: Zoom::clamped(6.0) }),
            language: Some(Language::Fi),
            ..start.clone()
        };
        assert!(!start.is_new_step(&moved));
        assert!(start.is_new_step(&UrlState { selected: Some(id("turku")), ..start.clone() }));
        assert!(start.is_new_step(&UrlState { project: Some(id("p")), ..start.clone() }));
    }

    #[test]
    fn a_page_chooses_its_tile_server_and_credit_and_keeps_them_in_every_link() {
        let query = "?lang=fi&tiles=https%3A%2F%2Ftiles.example.org%2F%7Bz%7D%2F%7Bx%7D%2F%7By%7D.png&tiles-credit=%C2%A9+Example+City";
        let parsed = UrlState::parse(query);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let source = parsed.options.tile_source.clone().unwrap();
        assert_eq!(source.url_template, "https://tiles.example.org/{z}/{x}/{y}.png");
        assert_eq!(source.attribution, "© Example City");
        // Written unencoded too, as a person types it.
        let typed = UrlState::parse("tiles=https://tiles.example.org/{z}/{x}/{y}.png").options;
        assert_eq!(typed.tile_source.unwrap().url_template, "https://tiles.example.org/{z}/{x}/{y}.png");
        // The state does not know them, so they are kept as they were.
        assert_eq!(parsed.state.to_query(&parsed.other), query);
    }

    #[test]
    fn an_unusable_tile_server_is_reported_and_the_default_stays() {
        let ParsedQuery { options, problems, .. } = UrlState::parse("tiles=javascript:alert(1)");
        assert_eq!(options, PageOptions::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].name, "tiles");
        assert_eq!(
            problems[0].to_string(),
            format!(
                "the address's `tiles` is not used: found \"javascript:alert(1)\"; expected {}",
                problems[0].expected
            )
        );
        assert!(problems[0].expected.contains("{z}"));
        assert_eq!(UrlState::parse(""), ParsedQuery::default());
        // The first of a repeated option counts, as for every parameter.
        let twice = UrlState::parse("tiles=https://a.example/{z}/{x}/{y}.png&tiles=https://b.example/{z}/{x}/{y}.png");
        assert_eq!(twice.options.tile_source.unwrap().csp_origin(), "https://a.example");
    }

    #[test]
    fn embed_mode_reads_its_versioned_options_and_ignores_bad_values_with_one_warning_each() {
        use crate::view::input::InputPolicy;
        let plain = UrlState::parse("?lang=fi");
        assert_eq!(plain.options.embed, None);
        assert_eq!(plain.options.input_policy(), InputPolicy::GREEDY);

        let embed = UrlState::parse("?embed=1&lang=fi&open=kokkola");
        let options = embed.options.embed.expect("embed mode");
        assert_eq!(options, EmbedOptions::default());
        assert_eq!(embed.options.input_policy(), InputPolicy::COOPERATIVE, "cooperative by default");
        assert!(embed.problems.is_empty());
        assert_eq!(embed.state.language, Some(Language::Fi), "the permalink's parameters still count");

        let chosen = UrlState::parse("?embed=1&controls=minimal&scheme=dark&gestures=greedy");
        let options = chosen.options.embed.unwrap();
        assert_eq!(
            (options.controls, options.scheme, options.gestures),
            (EmbedControls::Minimal, EmbedScheme::Dark, EmbedGestures::Greedy)
        );
        assert_eq!(chosen.options.input_policy(), InputPolicy::GREEDY);
        // Kept as written, so "open the full map" and every link carry them.
        assert_eq!(chosen.other, ["embed=1", "controls=minimal", "scheme=dark", "gestures=greedy"]);

        let bad = UrlState::parse("?embed=2&controls=some&scheme=%3Cb%3E&gestures=&controls=none");
        let options = bad.options.embed.expect("a later version still embeds");
        assert_eq!(options, EmbedOptions::default(), "every bad value keeps its default");
        let names: Vec<&str> = bad.problems.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["embed", "controls", "scheme", "gestures"], "one warning each, the first value counts");
        assert!(bad.problems[1].to_string().contains("full, minimal or none"));

        let stray = UrlState::parse("?controls=none&scheme=dark");
        assert_eq!(stray.options.embed, None);
        assert_eq!(stray.problems.len(), 2, "embed options without embed=1 are said to be unused");
    }
    #[test]
    fn an_embed_chooses_a_fixed_or_an_automatic_height() {
        let auto = UrlState::parse("?embed=1&height=auto").options.embed.unwrap();
        assert_eq!(auto.height, EmbedHeight::Auto);
        assert_eq!(UrlState::parse("?embed=1&height=fixed").options.embed.unwrap().height, EmbedHeight::Fixed);
        assert_eq!(UrlState::parse("?embed=1").options.embed.unwrap().height, EmbedHeight::Fixed, "the default");
        let bad = UrlState::parse("?embed=1&height=600px");
        assert_eq!(bad.options.embed.unwrap().height, EmbedHeight::Fixed);
        assert_eq!((bad.problems[0].name.as_str(), bad.problems[0].expected), ("height", "fixed or auto"));
        let stray = UrlState::parse("?height=auto");
        assert_eq!(stray.options.embed, None);
        assert_eq!(stray.problems[0].expected, "to be used together with embed=1");
    }

    #[test]
    fn an_embed_lists_its_host_pages_as_origins_in_lower_case() {
        let parsed = UrlState::parse(
            "?embed=1&origins=https://City.Example,http%3A%2F%2Flocalhost%3A8080,https://[::1]:8443,https://a.example:443",
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(
            parsed.options.allowed_origins,
            ["https://city.example", "http://localhost:8080", "https://[::1]:8443", "https://a.example"]
        );
        assert!(parsed.other[1].starts_with("origins=https://City.Example,http%3A"), "kept as written");
        assert!(UrlState::parse("?embed=1").options.allowed_origins.is_empty());
    }

    #[test]
    fn each_bad_origin_is_reported_and_the_others_still_count() {
        let parsed = UrlState::parse(
            "?embed=1&origins=https://ok.example,https://city.example/,ftp://x.example,,https://b.example",
        );
        assert_eq!(parsed.options.allowed_origins, ["https://ok.example", "https://b.example"]);
        let found: Vec<&str> = parsed.problems.iter().map(|p| p.found.as_str()).collect();
        assert_eq!(found, ["https://city.example/", "ftp://x.example", ""]);
        assert!(parsed.problems.iter().all(|p| p.name == "origins"));
    }

    #[test]
    fn more_than_ten_origins_are_reported_once_and_left_out() {
        let list: Vec<String> = (1..=12).map(|n| format!("https://site{n}.example")).collect();
        let parsed = UrlState::parse(&format!("?embed=1&origins={}", list.join(",")));
        assert_eq!(parsed.options.allowed_origins, list[..10]);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].found, "https://site11.example,https://site12.ex");
    }

    #[test]
    fn origins_without_embed_mode_are_said_to_be_unused() {
        let parsed = UrlState::parse("?origins=https://city.example");
        assert!(parsed.options.allowed_origins.is_empty());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].expected, "to be used together with embed=1");
    }

    #[test]
    fn an_origin_is_a_scheme_a_host_and_a_port_and_nothing_else() {
        for (written, read) in [
            ("https://city.example", "https://city.example"),
            ("HTTP://LOCALHOST:3000", "http://localhost:3000"),
            ("http://127.0.0.1:080", "http://127.0.0.1"),
            ("http://[::1]", "http://[::1]"),
            ("https://[2001:DB8::7]:0443", "https://[2001:db8::7]"),
            ("https://xn--kkl-6na.example:65535", "https://xn--kkl-6na.example:65535"),
        ] {
            assert_eq!(read_origin(written).as_deref(), Some(read), "{written}");
        }
        for bad in [
            "",
            "city.example",
            "https://",
            "https://city.example/",
            "https://city.example/path",
            "https://city.example?x",
            "https://user@city.example",
            "https://city..example",
            "https://.city.example",
            "https://city.example:",
            "https://city.example:0",
            "https://city.example:65536",
            "https://city.example:+80",
            "https://city_example.org",
            "https://[::1",
            "https://[city]",
            "https://[::1]x",
            "javascript://city.example",
            "file://city.example",
            "null",
        ] {
            assert_eq!(read_origin(bad), None, "{bad}");
        }
    }

    #[test]
    fn another_data_file_is_read_in_any_mode_and_kept_in_every_link() {
        let query = "?lang=fi&data=+https%3A%2F%2Fcity.example%2Finnomap.geojson+";
        let parsed = UrlState::parse(query);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.options.data_url.as_deref(), Some("https://city.example/innomap.geojson"));
        assert_eq!(parsed.state.to_query(&parsed.other), query);
        let embedded = UrlState::parse("?embed=1&data=data/other.geojson");
        assert_eq!(embedded.options.data_url.as_deref(), Some("data/other.geojson"), "resolved later by the app");
    }

    #[test]
    fn an_empty_or_overlong_data_address_is_reported_and_not_used() {
        let empty = UrlState::parse("?data=%20");
        assert_eq!(empty.options.data_url, None);
        assert_eq!(empty.problems[0].name, "data");
        let long = format!("?data=https://city.example/{}", "x".repeat(MAX_DATA_URL_CHARS));
        let parsed = UrlState::parse(&long);
        assert_eq!(parsed.options.data_url, None, "a cut address would name another file");
        assert_eq!(parsed.problems[0].expected, "the address of a data file, at most 2000 characters");
        let longest = format!("?data={}", "x".repeat(MAX_DATA_URL_CHARS));
        assert!(UrlState::parse(&longest).options.data_url.is_some());
    }

    #[test]
    fn the_standalone_map_keeps_the_state_and_the_content_but_not_the_embed() {
        let parsed = UrlState::parse(
            "?embed=1&lang=fi&controls=none&data=https://city.example/d.geojson&scheme=dark&gestures=greedy\
             &height=auto&origins=https://city.example&tiles=https://t.example/{z}/{x}/{y}.png&tiles-credit=T&utm=x\
             &open=oulu",
        );
        assert_eq!(
            parsed.state.standalone_query(&parsed.other),
            "?lang=fi&open=oulu&data=https://city.example/d.geojson&tiles=https://t.example/{z}/{x}/{y}.png\
             &tiles-credit=T&utm=x"
        );
        // A bare `embed` is left out too.
        assert_eq!(UrlState::default().standalone_query(&["embed".to_owned()]), "");
    }

    #[test]
    fn the_embed_builder_writes_only_what_differs_from_the_defaults() {
        assert_eq!(EmbedOptions::default().query_pairs(&[]), ["embed=1"]);
        let options = EmbedOptions {
            controls: EmbedControls::Minimal,
            scheme: EmbedScheme::Dark,
            gestures: EmbedGestures::Greedy,
            height: EmbedHeight::Auto,
        };
        let origins = ["https://city.example".to_owned(), "http://[::1]:8080".to_owned()];
        assert_eq!(
            options.query_pairs(&origins),
            [
                "embed=1",
                "controls=minimal",
                "scheme=dark",
                "gestures=greedy",
                "height=auto",
                "origins=https://city.example,http://%5B::1%5D:8080"
            ]
        );
    }

    #[test]
    fn embed_options_written_by_the_builder_read_back_the_same() {
        let origins = ["https://city.example".to_owned(), "http://[::1]:8080".to_owned()];
        for controls in [EmbedControls::Full, EmbedControls::Minimal, EmbedControls::None] {
            for scheme in [EmbedScheme::Auto, EmbedScheme::Light, EmbedScheme::Dark] {
                for gestures in [EmbedGestures::Cooperative, EmbedGestures::Greedy] {
                    for height in [EmbedHeight::Fixed, EmbedHeight::Auto] {
                        for origins in [&origins[..], &[]] {
                            let options = EmbedOptions { controls, scheme, gestures, height };
                            let query = options.query_pairs(origins).join("&");
                            let parsed = UrlState::parse(&query);
                            assert!(parsed.problems.is_empty(), "{query}: {:?}", parsed.problems);
                            assert_eq!(parsed.options.embed, Some(options), "{query}");
                            assert_eq!(parsed.options.allowed_origins, origins, "{query}");
                        }
                    }
                }
            }
        }
    }
}
