//! Exports of what the filters let through: the places and organisations as GeoJSON (points
//! with ids and texts in three languages) and as CSV (one row each, for a spreadsheet), with
//! what a visitor would filter on and cite: region, themes, agreement, projects led and joined,
//! links and sources. Both are built from the data as read, never from the screen.
//!
//! CSV cells are quoted as RFC 4180 asks, and a cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe: the
//! data is untrusted, and an export must not become a way to run formulas on a visitor's machine.

use serde_json::{json, Value};

use crate::data::model::{Involvement, MapMarker, MarkerKind, Organisation, Place, Provenance, SafeUrl};
use crate::explore::detail::{self, DetailSources, SourceLine};
use crate::explore::filter::Filtered;
use crate::language::{Language, LocalizedText};
use crate::text::format;
use crate::text::ui_text::UiText;

/// One exported record: a shown place or organisation, with the place it is in.
struct Row<'a> {
    marker: &'a MapMarker,
    /// Its position in the marker list (for what the filters match it on).
    index: usize,
    /// The place itself, or the organisation's place.
    place: Option<&'a Place>,
    organisation: Option<&'a Organisation>,
}

impl Row<'_> {
    fn provenance(&self) -> Option<&Provenance> {
        match self.organisation {
            Some(organisation) => Some(&organisation.provenance),
            None => self.place.map(|p| &p.provenance),
        }
    }

    fn website(&self) -> Option<&SafeUrl> {
        match self.organisation {
            Some(organisation) => organisation.website.as_ref(),
            None => self.place.and_then(|p| p.website.as_ref()),
        }
    }
}

fn rows<'a>(sources: DetailSources<'a>, filtered: &Filtered) -> Vec<Row<'a>> {
    let dataset = sources.dataset;
    sources
        .markers
        .iter()
        .enumerate()
        .zip(&filtered.markers)
        .filter(|(_, &on)| on)
        .map(|((index, marker), _)| match marker.kind {
            MarkerKind::Organisation => {
                let organisation = dataset.organisation(&marker.id);
                let place = organisation.and_then(|o| o.place.as_ref()).and_then(|p| dataset.place(p));
                Row { marker, index, place, organisation }
            }
            MarkerKind::InnoCity | MarkerKind::Partner => {
                Row { marker, index, place: dataset.place(&marker.id), organisation: None }
            }
        })
        .collect()
}

/// The projects a row's place or organisation leads, and those it joins.
fn involvements<'a>(sources: DetailSources<'a>, row: &Row<'_>) -> (Vec<Involvement<'a>>, Vec<Involvement<'a>>) {
    let all = match row.organisation {
        Some(organisation) => sources.dataset.projects_of_organisation(&organisation.id),
        None => sources.dataset.projects_of_place(&row.marker.id),
    };
    all.into_iter().partition(|i| i.role.is_none())
}

fn all_languages(text: &LocalizedText) -> Value {
    json!({ "en": text.get(Language::En), "fi": text.get(Language::Fi), "sv": text.get(Language::Sv) })
}

/// The shown places and organisations as a GeoJSON FeatureCollection: for each, what it is,
/// its names, where, what the filters match it on (themes), its agreement and projects (by id),
/// its links and its sources with the date they were checked.
pub fn to_geojson(sources: DetailSources<'_>, filtered: &Filtered) -> String {
    let dataset = sources.dataset;
    let features: Vec<Value> = rows(sources, filtered)
        .iter()
        .map(|row| {
            let (led, joined) = involvements(sources, row);
            let provenance = row.provenance();
            let agreement = row.place.and_then(|p| p.agreement.as_ref()).filter(|a| dataset.agreement(a).is_some());
            let agreement = agreement.map(|a| a.as_str());
            let themes: Vec<&str> = sources.facts.themes_of_marker(row.index).iter().map(|t| t.as_str()).collect();
            let cited = provenance.map(cited_in_geojson).unwrap_or_default();
            let links: Vec<Value> = provenance
                .map(|p| p.links.iter().map(|l| json!({ "title": all_languages(&l.title), "url": l.url.as_str() })).collect())
                .unwrap_or_default();
            json!({
                "type": "Feature",
                "id": row.marker.id.as_str(),
                "geometry": { "type": "Point", "coordinates": [row.marker.location.lon, row.marker.location.lat] },
                "properties": {
                    "kind": row.marker.kind.code(),
                    "organisation_kind": row.organisation.map(|o| o.kind.code()),
                    "name": all_languages(&row.marker.name),
                    "region": row.place.and_then(|p| p.region.as_ref()).map(all_languages),
                    "country": row.place.map(|p| p.country.as_str()).unwrap_or_default(),
                    "themes": themes,
                    "agreement": agreement,
                    "projects_led": led.iter().map(|i| i.project.id.as_str()).collect::<Vec<_>>(),
                    "projects_joined": joined.iter().map(|i| json!({ "project": i.project.id.as_str(), "role": i.role.map(|r| r.code()) })).collect::<Vec<_>>(),
                    "website": row.website().map(SafeUrl::as_str),
                    "links": links,
                    "sources": cited,
                    "checked": provenance.and_then(|p| p.checked).map(|d| d.to_string()),
                },
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

/// A record's sources for the GeoJSON: each as one line of text ("Title. Publisher, 2024-04-09.
/// URL") and in its parts. The file is in no one language, so dates are YYYY-MM-DD.
fn cited_in_geojson(provenance: &Provenance) -> Vec<Value> {
    let lines = detail::sources(provenance, |d| d.to_string());
    provenance
        .sources
        .iter()
        .zip(lines)
        .map(|(source, line)| {
            json!({
                "citation": line.citation(),
                "title": source.title,
                "publisher": source.publisher,
                "published": source.published.map(|d| d.to_string()),
                "document": source.document,
                "url": source.url.as_ref().map(SafeUrl::as_str),
            })
        })
        .collect()
}

/// The CSV's columns. Names come in all three languages; the other texts in the visitor's.
const CSV_HEADER: &str = "id,kind,name_en,name_fi,name_sv,country,latitude,longitude,organisation_kind,region,\
themes,agreement,projects_led,projects_joined,website,links,sources,checked";

/// The shown places and organisations as CSV with a header row, texts in `language`. It starts
/// with a byte-order mark, so that a spreadsheet (Excel above all) reads it as UTF-8 and Åbo
/// and Jyväskylä arrive intact.
pub fn to_csv(sources: DetailSources<'_>, filtered: &Filtered, language: Language) -> String {
    let text = UiText(language);
    let dataset = sources.dataset;
    let mut csv = format!("\u{feff}{CSV_HEADER}\r\n");
    for row in rows(sources, filtered) {
        let m = row.marker;
        let (led, joined) = involvements(sources, &row);
        let names =
            |list: &[Involvement<'_>]| list.iter().map(|i| i.project.name.get(language)).collect::<Vec<_>>().join("; ");
        let themes = sources.facts.themes_of_marker(row.index).iter().filter_map(|t| dataset.theme(t));
        let agreement = row.place.and_then(|p| p.agreement.as_ref()).and_then(|a| dataset.agreement(a));
        let provenance = row.provenance();
        let cited = provenance.map(|p| detail::sources(p, |d| format::date(d, language))).unwrap_or_default();
        let cells = [
            m.id.as_str().to_owned(),
            m.kind.code().to_owned(),
            m.name.get(Language::En).to_owned(),
            m.name.get(Language::Fi).to_owned(),
            m.name.get(Language::Sv).to_owned(),
            row.place.map(|p| p.country.clone()).unwrap_or_default(),
            m.location.lat.to_string(),
            m.location.lon.to_string(),
            row.organisation.map(|o| text.organisation_kind(o.kind).to_owned()).unwrap_or_default(),
            row.place.and_then(|p| p.region.as_ref()).map(|r| r.get(language).to_owned()).unwrap_or_default(),
            themes.map(|t| t.name.get(language)).collect::<Vec<_>>().join("; "),
            agreement.map(|a| a.name.get(language).to_owned()).unwrap_or_default(),
            names(&led),
            names(&joined),
            row.website().map(|w| w.as_str().to_owned()).unwrap_or_default(),
            provenance
                .map(|p| p.links.iter().map(|l| l.url.as_str()).collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
            cited.iter().map(SourceLine::citation).collect::<Vec<_>>().join("; "),
            provenance.and_then(|p| p.checked).map(|d| d.to_string()).unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        csv.push_str(&line.join(","));
        csv.push_str("\r\n");
    }
    csv
}

/// One CSV cell: quoted when it holds a comma, a quote or a line break; defused when a
/// spreadsheet would read it as a formula.
fn csv_cell(text: &str) -> String {
    let numeric = text.parse::<f64>().is_ok();
    let text = if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::filter::Filters;

    use crate::map_data::bundled_for_tests as bundled;

    /// A CSV line split into cells (quotes as RFC 4180 writes them).
    fn cells(line: &str) -> Vec<String> {
        let (mut cells, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => cells.push(std::mem::take(&mut cell)),
                _ => cell.push(c),
            }
        }
        cells.push(cell);
        cells
    }

    #[test]
    fn the_geojson_holds_exactly_the_shown_markers_and_reads_back() {
        let data = bundled();
        let filtered = data.facts.apply(&Filters { countries: ["SE".to_owned()].into(), ..Filters::default() });
        let text = to_geojson(data.sources(), &filtered);
        let parsed: Value = serde_json::from_str(&text).unwrap();
        let features = parsed["features"].as_array().unwrap();
        assert_eq!(features.len(), filtered.place_count + filtered.organisation_count);
        assert!(features.iter().all(|f| f["properties"]["country"] == "SE"));
        let geojson: geojson::FeatureCollection = text.parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
        assert_eq!(geojson.features.len(), features.len());
    }

    /// What a visitor filters on and cites travels with each record: kind, region, themes,
    /// agreement, projects led and joined, links, sources and the date they were checked.
    #[test]
    fn the_geojson_carries_what_a_visitor_filters_on_and_cites() {
        let data = bundled();
        let text = to_geojson(data.sources(), &data.facts.apply(&Filters::default()));
        let parsed: Value = serde_json::from_str(&text).unwrap();
        let feature = |id: &str| parsed["features"].as_array().unwrap().iter().find(|f| f["id"] == id).unwrap().clone();
        let kokkola = &feature("kokkola")["properties"];
        assert_eq!(kokkola["region"]["fi"], "Keski-Pohjanmaa");
        assert!(kokkola["themes"].as_array().unwrap().iter().any(|t| t == "theme-battery-chemistry"));
        assert!(kokkola["agreement"].is_string());
        assert!(kokkola["projects_led"].as_array().unwrap().iter().any(|p| p == "battery-chemistry-lead-project"));
        let cited = kokkola["sources"].as_array().unwrap();
        let tem = cited.iter().find(|s| s["url"] == "https://tem.fi/en/ecosystem-agreements").unwrap();
        assert_eq!(
            tem["citation"],
            "Ecosystem agreements. Ministry of Economic Affairs and Employment. https://tem.fi/en/ecosystem-agreements"
        );
        assert_eq!(
            (&tem["title"], &tem["publisher"]),
            (&json!("Ecosystem agreements"), &json!("Ministry of Economic Affairs and Employment"))
        );
        assert!(kokkola["checked"].as_str().unwrap().starts_with("20"));
        // The file is in no one language: a publication date is written YYYY-MM-DD.
        let lappeenranta = &feature("lappeenranta")["properties"]["sources"];
        let article =
            lappeenranta.as_array().unwrap().iter().find(|s| s["publisher"] == "Business South Karelia").unwrap();
        assert_eq!(article["published"], "2024-04-09");
        assert_eq!(
            article["citation"],
            "Lappeenranta-Imatra region leading national innovation work on green electrification. Business South \
             Karelia, 2024-04-09, original publication 17.10.2022"
        );
        assert!(article["url"].is_null());
        let centria = &feature("centria-university-of-applied-sciences")["properties"];
        assert_eq!(centria["organisation_kind"], "university-of-applied-sciences");
        let joined = centria["projects_joined"].as_array().unwrap();
        assert!(joined
            .iter()
            .any(|j| j["project"] == "battery-chemistry-lead-project" && j["role"] == "co-implementer"));
    }

    #[test]
    fn the_csv_has_a_row_per_shown_marker_and_defuses_formulas() {
        let data = bundled();
        let filtered = data.facts.apply(&Filters::default());
        let csv = to_csv(data.sources(), &filtered, Language::En);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 1 + data.all.markers.len());
        assert!(lines.iter().any(|l| l.starts_with("kokkola,innocity,Kokkola,Kokkola,Karleby,FI,")));
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+358 40"), "'+358 40");
        assert_eq!(csv_cell("-21.5"), "-21.5", "a negative number stays a number");
        assert_eq!(csv_cell("Turku, Åbo"), "\"Turku, Åbo\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    /// Excel reads the file as UTF-8 (a byte-order mark first); every row has every column; the
    /// texts are in the visitor's language.
    #[test]
    fn the_csv_opens_in_a_spreadsheet_with_every_column_in_the_visitors_language() {
        let data = bundled();
        let csv = to_csv(data.sources(), &data.facts.apply(&Filters::default()), Language::Fi);
        assert!(csv.starts_with("\u{feff}id,kind,name_en,"), "a byte-order mark, then the header");
        let lines: Vec<Vec<String>> =
            csv.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).map(cells).collect();
        let header = &lines[0];
        assert_eq!(header.len(), 18);
        assert!(lines.iter().all(|row| row.len() == header.len()), "every row has every column");
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let kokkola = lines.iter().find(|row| row[0] == "kokkola").unwrap();
        assert_eq!(kokkola[column("region")], "Keski-Pohjanmaa");
        assert!(kokkola[column("themes")].contains("Akkukemia"), "{}", kokkola[column("themes")]);
        assert!(kokkola[column("projects_led")].contains("Akkukemian vetovastuuhanke"));
        assert!(kokkola[column("checked")].starts_with("20"));
        // Each source as "Title. Publisher, date. URL", dates in the visitor's language; never a file path.
        let sources = &kokkola[column("sources")];
        assert!(
            sources.contains(
                "Akkukemiasta kärkiala kaupunkien yhteistyöllä. Regional Council of Pirkanmaa (Pirkanmaan liitto)"
            ),
            "{sources}"
        );
        assert!(sources.contains(
            "Ecosystem agreements. Ministry of Economic Affairs and Employment. https://tem.fi/en/ecosystem-agreements"
        ));
        let lappeenranta = lines.iter().find(|row| row[0] == "lappeenranta").unwrap();
        assert!(lappeenranta[column("sources")]
            .contains("Business South Karelia, 9.4.2024, original publication 17.10.2022"));
        assert!(lines.iter().all(|row| !row[column("sources")].contains("seeds/")));
        let centria = lines.iter().find(|row| row[0] == "centria-university-of-applied-sciences").unwrap();
        assert_eq!(centria[column("organisation_kind")], "ammattikorkeakoulu");
        assert!(centria[column("projects_joined")].contains("Akkukemian vetovastuuhanke"));
        assert!(lines.iter().any(|row| row[column("name_sv")] == "Åbo"), "Åbo intact");
    }
}
