//! The messages an embedded map exchanges with the page around it (protocol 1 of
//! `docs/embedding.md`): reading what the host page asks ([`read_host_message`]), writing what
//! the map tells it ([`MapMessage`]), whom each may go to ([`origin_allowed`],
//! [`MessageTarget`]), and the height an auto-height embed asks for ([`embed_height`]).
//!
//! Any page can post a message to any window, so a message is untrusted like the address and the
//! data: it is measured before it is parsed, read field by field with the address's own rules
//! (ids, kind codes, countries, years; shared through `explore::filter`), and anything it gets
//! wrong makes it ignored, never an error. [`Ignored`] says why, in words for one
//! `console.info`; a message that is not ours at all ([`Ignored::NotOurs`]) is worth no word,
//! since other scripts on the host page post their own.
//!
//! The app hands over the message as JSON text (`JSON.stringify` of `event.data`): measuring
//! by that text bounds the work before parsing, and with [`MAX_MESSAGE_BYTES`] a whole
//! `serde_json::Value` tree is cheap.

use serde_json::{json, Map, Value};

use crate::data::error::shorten;
use crate::data::model::{MarkerKind, RecordId, RecordType};
use crate::explore::filter::{country_code, year_range, Filters};
use crate::geo::latlng::{LatLng, LatLngBounds};
use crate::language::Language;

/// The version of the message protocol (the `innomap` key of every message).
pub const PROTOCOL_VERSION: u32 = 1;
/// The longest message read, in bytes of its JSON text; every valid message is far shorter.
pub const MAX_MESSAGE_BYTES: usize = 4096;
/// The most items a list in a message may hold.
pub const MAX_ITEMS: usize = 100;
/// The most characters a string in a message may hold.
pub const MAX_STRING_CHARS: usize = 200;

/// What the host page asks the map to do.
#[derive(Clone, Debug, PartialEq)]
pub enum HostCommand {
    /// Speak this language (`set-language`).
    SetLanguage(Language),
    /// The host page's language (`page-language`): used only when neither the address nor the
    /// visitor has chosen one.
    PageLanguage(Language),
    /// Open this record's panel, or close the panel (`open`). An id the data does not have is
    /// the app's to ignore.
    Open(Option<RecordId>),
    /// Replace the filters (`set-filters`); a field the message leaves out is cleared.
    SetFilters(Filters),
    /// Fit the view to this box (`fit`).
    Fit(LatLngBounds),
}

/// Why a message from the host page was not obeyed. Never an error to show a visitor: at most
/// one line in the console (and none for [`NotOurs`](Self::NotOurs)).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Ignored {
    /// Not an InnoMap message: no `innomap` key, not an object, or not JSON.
    #[error("the message is not an InnoMap message (it has no \"innomap\" key)")]
    NotOurs,
    /// Longer than [`MAX_MESSAGE_BYTES`].
    #[error("an InnoMap message of {bytes} bytes was ignored; messages are at most 4096 bytes")]
    TooLarge {
        /// Its length as JSON text.
        bytes: usize,
    },
    /// Written for another version of the protocol.
    #[error("an InnoMap message for protocol version {0} was ignored; this map speaks version 1")]
    OtherVersion(String),
    /// A type this version does not know.
    #[error(
        "an InnoMap message of type \"{0}\" was ignored; this map obeys set-language, page-language, open, \
         set-filters and fit"
    )]
    UnknownType(String),
    /// A field missing or holding a value the map cannot use.
    #[error("an InnoMap message was ignored: its `{field}` is {found}; expected {expected}")]
    BadField {
        /// The field's name.
        field: &'static str,
        /// The value found, as JSON and shortened, or "missing".
        found: String,
        /// What was expected instead.
        expected: &'static str,
    },
}

/// Reads a message from the host page, given as its JSON text.
pub fn read_host_message(json_text: &str) -> Result<HostCommand, Ignored> {
    if json_text.len() > MAX_MESSAGE_BYTES {
        // Another script's long message is no concern of ours: only one that names the protocol
        // is worth a line in the console.
        let ours = json_text.contains("\"innomap\"");
        return Err(if ours { Ignored::TooLarge { bytes: json_text.len() } } else { Ignored::NotOurs });
    }
    let Ok(Value::Object(message)) = serde_json::from_str::<Value>(json_text) else {
        return Err(Ignored::NotOurs);
    };
    let version = message.get("innomap").ok_or(Ignored::NotOurs)?;
    if version.as_u64() != Some(u64::from(PROTOCOL_VERSION)) {
        return Err(Ignored::OtherVersion(shorten(&version.to_string())));
    }
    let message = Fields(&message);
    let kind = message.string("type", "a message type such as \"open\"")?;
    match kind {
        "set-language" => message.language().map(HostCommand::SetLanguage),
        "page-language" => message.language().map(HostCommand::PageLanguage),
        "open" => message.opened().map(HostCommand::Open),
        "set-filters" => message.filters().map(HostCommand::SetFilters),
        "fit" => message.bbox().map(HostCommand::Fit),
        _ => Err(Ignored::UnknownType(shorten(kind))),
    }
}

/// A message's fields, read with the address's rules.
struct Fields<'a>(&'a Map<String, Value>);

/// The [`Ignored::BadField`] for `value` (`None` when the field is missing).
fn bad(field: &'static str, value: Option<&Value>, expected: &'static str) -> Ignored {
    let found = value.map_or_else(|| "missing".to_owned(), |v| shorten(&v.to_string()));
    Ignored::BadField { field, found, expected }
}

/// `value` as a string of at most [`MAX_STRING_CHARS`] characters.
fn short_string<'v>(field: &'static str, value: &'v Value, expected: &'static str) -> Result<&'v str, Ignored> {
    match value {
        Value::String(text) if text.chars().count() > MAX_STRING_CHARS => {
            Err(bad(field, Some(value), "a string of at most 200 characters"))
        }
        Value::String(text) => Ok(text),
        _ => Err(bad(field, Some(value), expected)),
    }
}

impl<'a> Fields<'a> {
    /// The string in `field`, which must be there.
    fn string(&self, field: &'static str, expected: &'static str) -> Result<&'a str, Ignored> {
        let value = self.0.get(field).ok_or_else(|| bad(field, None, expected))?;
        short_string(field, value, expected)
    }

    /// `language`: a language we speak, by a tag such as `fi` or `sv-FI`.
    fn language(&self) -> Result<Language, Ignored> {
        const EXPECTED: &str = "en, fi or sv (a longer tag such as fi-FI is read by its first part)";
        let tag = self.string("language", EXPECTED)?;
        Language::from_tag(tag).ok_or_else(|| bad("language", self.0.get("language"), EXPECTED))
    }

    /// `id`: a record id, or null to close the panel.
    fn opened(&self) -> Result<Option<RecordId>, Ignored> {
        const EXPECTED: &str = "a record id such as \"oulu\", or null to close the panel";
        match self.0.get("id") {
            Some(Value::Null) => Ok(None),
            Some(value) => {
                let id = short_string("id", value, EXPECTED)?;
                RecordId::parse(id).map(Some).ok_or_else(|| bad("id", Some(value), EXPECTED))
            }
            None => Err(bad("id", None, EXPECTED)),
        }
    }

    /// The filters of `set-filters`; a field missing or null is a filter cleared.
    fn filters(&self) -> Result<Filters, Ignored> {
        let themes =
            self.list("themes", RecordId::parse, "a list of theme ids such as [\"theme-green-electrification\"]")?;
        let kinds = self.list("kinds", MarkerKind::from_code, "a list of kinds: innocity, partner or organisation")?;
        let countries = self.list("countries", country_code, "a list of two-letter country codes such as [\"FI\"]")?;
        const YEARS: &str = "a year or a range of years from 2020 to 2027, such as \"2021-2023\", or null";
        let years = match self.0.get("years") {
            None | Some(Value::Null) => None,
            Some(value) => {
                let written = short_string("years", value, YEARS)?;
                Some(year_range(written).ok_or_else(|| bad("years", Some(value), YEARS))?)
            }
        };
        Ok(Filters { themes, kinds, countries, years })
    }

    /// The list in `field`, every item read by `parse`; empty when the field is missing or null.
    fn list<T: Ord>(
        &self,
        field: &'static str,
        parse: impl Fn(&str) -> Option<T>,
        expected: &'static str,
    ) -> Result<std::collections::BTreeSet<T>, Ignored> {
        let mut items = std::collections::BTreeSet::new();
        match self.0.get(field) {
            None | Some(Value::Null) => {}
            Some(Value::Array(written)) if written.len() > MAX_ITEMS => {
                return Err(Ignored::BadField {
                    field,
                    found: format!("a list of {} items", written.len()),
                    expected: "a list of at most 100 items",
                });
            }
            Some(Value::Array(written)) => {
                for item in written {
                    let text = short_string(field, item, expected)?;
                    items.insert(parse(text).ok_or_else(|| bad(field, Some(item), expected))?);
                }
            }
            Some(other) => return Err(bad(field, Some(other), expected)),
        }
        Ok(items)
    }

    /// `bbox`: `[west, south, east, north]` in degrees, within the map's latitudes.
    fn bbox(&self) -> Result<LatLngBounds, Ignored> {
        const EXPECTED: &str = "[west, south, east, north] in degrees: longitudes -180 to 180, latitudes -85 to 85, \
                                west < east and south < north";
        let value = self.0.get("bbox");
        let numbers: Option<Vec<f64>> = match value {
            Some(Value::Array(items)) if items.len() == 4 => items.iter().map(Value::as_f64).collect(),
            _ => None,
        };
        let Some(&[west, south, east, north]) = numbers.as_deref() else {
            return Err(bad("bbox", value, EXPECTED));
        };
        // Web Mercator stops short of the poles, at about 85.05°.
        let latitude = |l: f64| (-85.0..=85.0).contains(&l);
        let longitude = |l: f64| (-180.0..=180.0).contains(&l);
        let usable = latitude(south) && latitude(north) && longitude(west) && longitude(east);
        if !(usable && south < north && west < east) {
            return Err(bad("bbox", value, EXPECTED));
        }
        Ok(LatLngBounds { south_west: LatLng::lat_lon(south, west), north_east: LatLng::lat_lon(north, east) })
    }
}

/// Whether a message from `origin` (the event's `origin`) may be obeyed by an embed that lists
/// `allowed` (`origins=`, as read by the address). An empty list lets any origin through: the
/// app obeys only its parent window anyway, and a host page that wants more lists its origins.
pub fn origin_allowed(allowed: &[String], origin: &str) -> bool {
    // Origins compare without regard to case (the address's list is in lower case already).
    allowed.is_empty() || allowed.iter().any(|listed| listed.eq_ignore_ascii_case(origin))
}

/// Where a message from the map may be posted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageTarget {
    /// To the parent window whatever its origin (target `*`): the message tells nothing private.
    AnyOrigin,
    /// Once to each origin `origins=` lists, with that origin as the target, and not at all when
    /// it lists none: the message tells what the visitor does.
    ListedOrigins,
}

/// What the map tells its host page. Every `url` is the standalone map in the embed's state
/// (`UrlState::standalone_query`), for an "open the full map" link of the host's own.
#[derive(Clone, Debug, PartialEq)]
pub enum MapMessage {
    /// The content height the embed needs, in whole CSS pixels (with `height=auto` only).
    Height(u32),
    /// The map is drawn.
    Ready {
        /// The language it speaks.
        language: Language,
        /// The standalone map.
        url: String,
    },
    /// A panel opened, or (every field `None`) closed.
    Selection {
        /// The record's id.
        id: Option<RecordId>,
        /// Its type.
        record: Option<RecordType>,
        /// Its name in the map's language.
        name: Option<String>,
        /// The standalone map.
        url: String,
    },
    /// The view after it settles.
    View {
        /// The view as the address writes it, zoom/latitude/longitude (`6/64.5/26`).
        map: String,
        /// The standalone map.
        url: String,
    },
    /// The language changed.
    Language {
        /// The new language.
        language: Language,
        /// The standalone map.
        url: String,
    },
}

impl MapMessage {
    /// The message as JSON text, to be parsed into the object that is posted.
    pub fn to_json(&self) -> String {
        let version = PROTOCOL_VERSION;
        let message = match self {
            Self::Height(height) => json!({ "innomap": version, "type": "height", "height": height }),
            Self::Ready { language, url } => {
                json!({ "innomap": version, "type": "ready", "language": language.code(), "url": url })
            }
            Self::Selection { id, record, name, url } => json!({
                "innomap": version,
                "type": "selection",
                "id": id.as_ref().map(RecordId::as_str),
                "record": record.map(RecordType::code),
                "name": name,
                "url": url,
            }),
            Self::View { map, url } => json!({ "innomap": version, "type": "view", "map": map, "url": url }),
            Self::Language { language, url } => {
                json!({ "innomap": version, "type": "language", "language": language.code(), "url": url })
            }
        };
        message.to_string()
    }

    /// Where the message may be posted.
    pub fn target(&self) -> MessageTarget {
        match self {
            Self::Height(_) => MessageTarget::AnyOrigin,
            Self::Ready { .. } | Self::Selection { .. } | Self::View { .. } | Self::Language { .. } => {
                MessageTarget::ListedOrigins
            }
        }
    }
}

/// The least height of an auto-height embed's map area, in CSS pixels: the panel's bottom sheet
/// needs about this much on a phone to show a record's heading and first facts above the map.
pub const MIN_EMBED_MAP_HEIGHT: f64 = 400.0;
/// The greatest height of an auto-height embed's map area, in CSS pixels: a very wide column
/// should not get a map taller than a laptop's screen, which the visitor could not see whole.
pub const MAX_EMBED_MAP_HEIGHT: f64 = 720.0;

/// The content height an auto-height embed asks for, in whole CSS pixels: the header's height
/// plus a map area three quarters of the `width` (the 4:3 of a classic map), within
/// [`MIN_EMBED_MAP_HEIGHT`] and [`MAX_EMBED_MAP_HEIGHT`], rounded up so nothing is cut off. A
/// width that is not a finite, non-negative number (not measured yet) gives the least map area,
/// and such a header height counts as no header.
pub fn embed_height(width: f64, header_height: f64) -> u32 {
    let measured = |value: f64| value.is_finite() && value >= 0.0;
    let map = if measured(width) {
        (width * 0.75).clamp(MIN_EMBED_MAP_HEIGHT, MAX_EMBED_MAP_HEIGHT)
    } else {
        MIN_EMBED_MAP_HEIGHT
    };
    let header = if measured(header_height) { header_height } else { 0.0 };
    // `as` saturates: an absurd header gives u32::MAX rather than wrapping.
    (header + map).ceil() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn read(value: Value) -> Result<HostCommand, Ignored> {
        read_host_message(&value.to_string())
    }

    fn bad_field(result: Result<HostCommand, Ignored>) -> (&'static str, String) {
        match result {
            Err(Ignored::BadField { field, found, .. }) => (field, found),
            other => panic!("expected a bad field, got {other:?}"),
        }
    }

    #[test]
    fn the_host_page_sets_the_language_by_a_tag() {
        let fi = read(json!({"innomap": 1, "type": "set-language", "language": "fi"}));
        assert_eq!(fi, Ok(HostCommand::SetLanguage(Language::Fi)));
        let page = read(json!({"innomap": 1, "type": "page-language", "language": "sv-FI"}));
        assert_eq!(page, Ok(HostCommand::PageLanguage(Language::Sv)));
        let german = read(json!({"innomap": 1, "type": "page-language", "language": "de-DE"}));
        assert_eq!(bad_field(german), ("language", "\"de-DE\"".to_owned()));
        assert_eq!(bad_field(read(json!({"innomap": 1, "type": "set-language"}))), ("language", "missing".to_owned()));
    }

    #[test]
    fn the_host_page_opens_a_panel_by_id_and_closes_it_with_null() {
        assert_eq!(read(json!({"innomap": 1, "type": "open", "id": "oulu"})), Ok(HostCommand::Open(Some(id("oulu")))));
        assert_eq!(read(json!({"innomap": 1, "type": "open", "id": null})), Ok(HostCommand::Open(None)));
        assert_eq!(bad_field(read(json!({"innomap": 1, "type": "open", "id": "Oulu"}))).0, "id");
        assert_eq!(bad_field(read(json!({"innomap": 1, "type": "open", "id": 7}))).0, "id");
        assert_eq!(bad_field(read(json!({"innomap": 1, "type": "open"}))), ("id", "missing".to_owned()));
    }

    #[test]
    fn the_host_page_replaces_the_filters_with_the_addresss_rules() {
        let message = json!({
            "innomap": 1,
            "type": "set-filters",
            "themes": ["battery-chemistry"],
            "kinds": ["innocity", "organisation"],
            "countries": ["fi", "SE"],
            "years": "2021-2023",
        });
        let filters = Filters {
            themes: [id("battery-chemistry")].into(),
            kinds: [MarkerKind::InnoCity, MarkerKind::Organisation].into(),
            countries: ["FI".to_owned(), "SE".to_owned()].into(),
            years: Some((2021, 2023)),
        };
        assert_eq!(read(message), Ok(HostCommand::SetFilters(filters)));
        let single = read(json!({"innomap": 1, "type": "set-filters", "years": "2022"}));
        assert_eq!(single, Ok(HostCommand::SetFilters(Filters { years: Some((2022, 2022)), ..Filters::default() })));
    }

    #[test]
    fn fields_missing_from_set_filters_are_cleared() {
        let cleared = read(json!({"innomap": 1, "type": "set-filters", "themes": null, "years": null}));
        assert_eq!(cleared, Ok(HostCommand::SetFilters(Filters::default())));
    }

    #[test]
    fn a_filter_value_the_address_would_refuse_ignores_the_message() {
        let filters = |field: &str, value: Value| {
            let mut message = json!({"innomap": 1, "type": "set-filters"});
            message[field] = value;
            bad_field(read(message))
        };
        assert_eq!(filters("kinds", json!(["city"])), ("kinds", "\"city\"".to_owned()));
        assert_eq!(filters("countries", json!(["FIN"])), ("countries", "\"FIN\"".to_owned()));
        assert_eq!(filters("themes", json!(["Bad Id"])), ("themes", "\"Bad Id\"".to_owned()));
        assert_eq!(filters("themes", json!("battery")), ("themes", "\"battery\"".to_owned()));
        assert_eq!(filters("kinds", json!([1])), ("kinds", "1".to_owned()));
        assert_eq!(filters("years", json!("2019-2022")), ("years", "\"2019-2022\"".to_owned()));
        assert_eq!(filters("years", json!(2022)), ("years", "2022".to_owned()));
    }

    #[test]
    fn lists_over_a_hundred_items_and_strings_over_two_hundred_characters_are_refused() {
        let many: Vec<String> = (0..101).map(|n| format!("theme-{n}")).collect();
        let message = json!({"innomap": 1, "type": "set-filters", "themes": many});
        assert_eq!(bad_field(read(message)), ("themes", "a list of 101 items".to_owned()));
        let hundred: Vec<String> = (0..100).map(|n| format!("theme-{n}")).collect();
        assert!(read(json!({"innomap": 1, "type": "set-filters", "themes": hundred})).is_ok());
        let long = "a".repeat(201);
        let (field, found) = bad_field(read(json!({"innomap": 1, "type": "open", "id": long})));
        assert_eq!(field, "id");
        assert!(found.ends_with('…'), "shortened: {found}");
    }

    #[test]
    fn the_host_page_fits_the_view_to_a_box() {
        let fit = read(json!({"innomap": 1, "type": "fit", "bbox": [20, 59.5, 31.5, 70]}));
        let bounds = LatLngBounds { south_west: LatLng::lat_lon(59.5, 20.0), north_east: LatLng::lat_lon(70.0, 31.5) };
        assert_eq!(fit, Ok(HostCommand::Fit(bounds)));
    }

    #[test]
    fn a_box_outside_the_map_or_turned_around_is_refused() {
        for bbox in [
            json!([20, 59.5, 31.5]),
            json!([20, 59.5, 31.5, 70, 1]),
            json!([20, 59.5, 31.5, "70"]),
            json!([20, 59.5, 31.5, 86]),
            json!([-181, 59.5, 31.5, 70]),
            json!([31.5, 59.5, 20, 70]),
            json!([20, 70, 31.5, 59.5]),
            json!([20, 60, 20, 70]),
            json!("20,59.5,31.5,70"),
        ] {
            let message = json!({"innomap": 1, "type": "fit", "bbox": bbox});
            assert_eq!(bad_field(read(message)).0, "bbox", "{bbox}");
        }
        assert_eq!(bad_field(read(json!({"innomap": 1, "type": "fit"}))), ("bbox", "missing".to_owned()));
    }

    #[test]
    fn messages_that_are_not_ours_are_ignored_silently() {
        for text in
            ["", "not json", "[1, 2]", "\"innomap\"", "42", "{\"type\": \"open\", \"id\": \"oulu\"}", "{\"innomap\""]
        {
            assert_eq!(read_host_message(text), Err(Ignored::NotOurs), "{text}");
        }
    }

    #[test]
    fn a_message_over_the_size_limit_is_ignored_before_it_is_parsed() {
        let padding = "x".repeat(MAX_MESSAGE_BYTES);
        let ours = format!("{{\"innomap\": 1, \"type\": \"open\", \"id\": \"oulu\", \"pad\": \"{padding}\"}}");
        assert_eq!(read_host_message(&ours), Err(Ignored::TooLarge { bytes: ours.len() }));
        // Another script's long message is not ours, even if it is not JSON.
        assert_eq!(read_host_message(&format!("{{\"{padding}")), Err(Ignored::NotOurs));
        let just_fits = format!("{{\"innomap\":1,\"type\":\"open\",\"id\":\"oulu\",\"p\":\"{}\"}}", "x".repeat(4050));
        assert!(just_fits.len() <= MAX_MESSAGE_BYTES);
        assert_eq!(read_host_message(&just_fits), Ok(HostCommand::Open(Some(id("oulu")))));
    }

    #[test]
    fn another_protocol_version_or_an_unknown_type_is_ignored_with_a_reason() {
        assert_eq!(read(json!({"innomap": 2, "type": "open", "id": null})), Err(Ignored::OtherVersion("2".to_owned())));
        assert_eq!(read(json!({"innomap": "1", "type": "open"})), Err(Ignored::OtherVersion("\"1\"".to_owned())));
        assert_eq!(read(json!({"innomap": 1, "type": "zoom"})), Err(Ignored::UnknownType("zoom".to_owned())));
        assert_eq!(read(json!({"innomap": 1, "type": "ready"})), Err(Ignored::UnknownType("ready".to_owned())));
        assert_eq!(bad_field(read(json!({"innomap": 1}))), ("type", "missing".to_owned()));
        assert_eq!(bad_field(read(json!({"innomap": 1, "type": 3}))), ("type", "3".to_owned()));
    }

    #[test]
    fn reasons_read_as_plain_english_for_the_console() {
        assert_eq!(
            Ignored::OtherVersion("2".to_owned()).to_string(),
            "an InnoMap message for protocol version 2 was ignored; this map speaks version 1"
        );
        let bad = bad_field(read(json!({"innomap": 1, "type": "set-filters", "kinds": ["city"]})));
        let text = Ignored::BadField { field: bad.0, found: bad.1, expected: "a list of kinds" }.to_string();
        assert_eq!(text, "an InnoMap message was ignored: its `kinds` is \"city\"; expected a list of kinds");
        assert!(Ignored::TooLarge { bytes: 5000 }.to_string().contains("5000 bytes"));
    }

    #[test]
    fn an_embed_without_origins_hears_any_origin_and_one_with_them_only_those() {
        assert!(origin_allowed(&[], "https://anyone.example"));
        let allowed = ["https://city.example".to_owned(), "http://localhost:8080".to_owned()];
        assert!(origin_allowed(&allowed, "https://city.example"));
        assert!(origin_allowed(&allowed, "http://localhost:8080"));
        assert!(!origin_allowed(&allowed, "http://city.example"));
        assert!(!origin_allowed(&allowed, "https://city.example.evil.example"));
        assert!(!origin_allowed(&allowed, "null"));
    }

    #[test]
    fn the_maps_messages_carry_the_protocols_fields() {
        let url = "https://innomap.example/?lang=fi&open=oulu".to_owned();
        let cases = [
            (MapMessage::Height(612), json!({"innomap": 1, "type": "height", "height": 612})),
            (
                MapMessage::Ready { language: Language::Fi, url: url.clone() },
                json!({"innomap": 1, "type": "ready", "language": "fi", "url": url}),
            ),
            (
                MapMessage::Selection {
                    id: Some(id("oulu")),
                    record: Some(RecordType::Place),
                    name: Some("Oulu".to_owned()),
                    url: url.clone(),
                },
                json!({"innomap": 1, "type": "selection", "id": "oulu", "record": "place", "name": "Oulu", "url": url}),
            ),
            (
                MapMessage::Selection { id: None, record: None, name: None, url: url.clone() },
                json!({"innomap": 1, "type": "selection", "id": null, "record": null, "name": null, "url": url}),
            ),
            (
                MapMessage::View { map: "6/64.5/26".to_owned(), url: url.clone() },
                json!({"innomap": 1, "type": "view", "map": "6/64.5/26", "url": url}),
            ),
            (
                MapMessage::Language { language: Language::Sv, url: url.clone() },
                json!({"innomap": 1, "type": "language", "language": "sv", "url": url}),
            ),
        ];
        for (message, expected) in cases {
            let written: Value = serde_json::from_str(&message.to_json()).unwrap();
            assert_eq!(written, expected);
        }
    }

    #[test]
    fn only_the_height_goes_to_any_origin() {
        assert_eq!(MapMessage::Height(500).target(), MessageTarget::AnyOrigin);
        let url = String::new();
        assert_eq!(
            MapMessage::Ready { language: Language::En, url: url.clone() }.target(),
            MessageTarget::ListedOrigins
        );
        let view = MapMessage::View { map: String::new(), url };
        assert_eq!(view.target(), MessageTarget::ListedOrigins);
    }

    #[test]
    fn an_auto_height_embed_asks_for_a_four_by_three_map_below_its_header() {
        assert_eq!(embed_height(800.0, 56.0), 656);
        assert_eq!(embed_height(700.5, 56.2), 582, "rounded up");
    }

    #[test]
    fn the_embeds_map_area_is_never_under_400_or_over_720_pixels() {
        assert_eq!(embed_height(320.0, 48.0), 448, "a phone still has room for the sheet");
        assert_eq!(embed_height(2400.0, 64.0), 784, "a wide column gets at most a screenful");
        assert_eq!(embed_height(0.0, 0.0), 400);
    }

    #[test]
    fn an_unmeasured_width_or_header_gives_the_least_height() {
        assert_eq!(embed_height(f64::NAN, 56.0), 456);
        assert_eq!(embed_height(-10.0, 56.0), 456);
        assert_eq!(embed_height(f64::INFINITY, 56.0), 456);
        assert_eq!(embed_height(800.0, f64::NAN), 600);
        assert_eq!(embed_height(800.0, -1.0), 600);
    }
}
