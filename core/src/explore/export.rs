//! Exports of what the filters let through: the places and organisations as GeoJSON (points
//! with their names in three languages) and as CSV (one row each), for a spreadsheet or another
//! map. Both are built from the data as read, never from the screen.
//!
//! CSV cells are quoted as RFC 4180 asks, and a cell that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe: the
//! data is untrusted, and an export must not become a way to run formulas on a visitor's machine.

use serde_json::{json, Value};

use crate::data::model::{Dataset, MapMarker, MarkerKind};
use crate::explore::filter::Filtered;
use crate::language::Language;

/// One exported record: a shown place or organisation.
struct Row<'a> {
    marker: &'a MapMarker,
    country: String,
}

fn rows<'a>(dataset: &Dataset, markers: &'a [MapMarker], filtered: &Filtered) -> Vec<Row<'a>> {
    markers
        .iter()
        .zip(&filtered.markers)
        .filter(|(_, &on)| on)
        .map(|(marker, _)| {
            let place = match marker.kind {
                MarkerKind::Organisation => {
                    dataset.organisation(&marker.id).and_then(|o| o.place.as_ref()).and_then(|p| dataset.place(p))
                }
                MarkerKind::InnoCity | MarkerKind::Partner => dataset.place(&marker.id),
            };
            Row { marker, country: place.map(|p| p.country.clone()).unwrap_or_default() }
        })
        .collect()
}

/// The shown places and organisations as a GeoJSON FeatureCollection.
pub fn to_geojson(dataset: &Dataset, markers: &[MapMarker], filtered: &Filtered) -> String {
    let features: Vec<Value> = rows(dataset, markers, filtered)
        .into_iter()
        .map(|row| {
            let name = |language: Language| row.marker.name.get(language);
            json!({
                "type": "Feature",
                "id": row.marker.id.as_str(),
                "geometry": { "type": "Point", "coordinates": [row.marker.location.lon, row.marker.location.lat] },
                "properties": {
                    "kind": row.marker.kind.code(),
                    "name": { "en": name(Language::En), "fi": name(Language::Fi), "sv": name(Language::Sv) },
                    "country": row.country,
                },
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

/// The shown places and organisations as CSV with a header row.
pub fn to_csv(dataset: &Dataset, markers: &[MapMarker], filtered: &Filtered) -> String {
    let mut csv = String::from("id,kind,name_en,name_fi,name_sv,country,latitude,longitude\r\n");
    for row in rows(dataset, markers, filtered) {
        let m = row.marker;
        let cells = [
            m.id.as_str().to_owned(),
            m.kind.code().to_owned(),
            m.name.get(Language::En).to_owned(),
            m.name.get(Language::Fi).to_owned(),
            m.name.get(Language::Sv).to_owned(),
            row.country,
            m.location.lat.to_string(),
            m.location.lon.to_string(),
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

    #[test]
    fn the_geojson_holds_exactly_the_shown_markers_and_reads_back() {
        let data = bundled();
        let filtered = data.facts.apply(&Filters { countries: ["SE".to_owned()].into(), ..Filters::default() });
        let text = to_geojson(&data.dataset, &data.all.markers, &filtered);
        let parsed: Value = serde_json::from_str(&text).unwrap();
        let features = parsed["features"].as_array().unwrap();
        assert_eq!(features.len(), filtered.place_count + filtered.organisation_count);
        assert!(features.iter().all(|f| f["properties"]["country"] == "SE"));
        let geojson: geojson::FeatureCollection = text.parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
        assert_eq!(geojson.features.len(), features.len());
    }

    #[test]
    fn the_csv_has_a_row_per_shown_marker_and_defuses_formulas() {
        let data = bundled();
        let filtered = data.facts.apply(&Filters::default());
        let csv = to_csv(&data.dataset, &data.all.markers, &filtered);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 1 + data.all.markers.len());
        assert!(lines.iter().any(|l| l.starts_with("kokkola,innocity,Kokkola,Kokkola,Karleby,FI,")));
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+358 40"), "'+358 40");
        assert_eq!(csv_cell("-21.5"), "-21.5", "a negative number stays a number");
        assert_eq!(csv_cell("Turku, Åbo"), "\"Turku, Åbo\"");
        assert_eq!(csv_cell("plain"), "plain");
    }
}
