//! The generated benchmark dataset, shared by two programs that cannot share a crate: the
//! `bench_data` example (`cargo xtask bench-data`, which times reading it) and `cargo xtask
//! bench-map` (which serves it to InnoMap and the Leaflet baseline). Plain `std` only, so the xtask
//! can write the file without building the app. Both include this file with `#[path]`.

/// A deterministic dataset in format 1 shaped like the real one: themes, agreements of two
/// places, places spread over Europe, projects with a lead and three partners.
pub fn generated_dataset(places: usize, projects: usize, themes: usize) -> String {
    let mut features = Vec::with_capacity(places + projects + themes + places / 2);
    let text = |s: &str| format!(r#"{{"en":"{s}","fi":"{s} fi","sv":"{s} sv"}}"#);
    let provenance = r#""sources":[{"url":"https://example.org/source","title":"Source"}],"checked":"2026-11-22""#;
    for t in 0..themes {
        features.push(format!(
            r##"{{"type":"Feature","id":"theme-{t}","geometry":null,"properties":{{"record":"theme","name":{},"description":{},"colour":"#0072b2"}}}}"##,
            text(&format!("Theme {t}")),
            text("What the theme covers, in one short sentence.")
        ));
    }
    for a in 0..places / 2 {
        features.push(format!(
            r#"{{"type":"Feature","id":"agreement-{a}","geometry":null,"properties":{{"record":"agreement","name":{},"members":["place-{}","place-{}"],"themes":["theme-{}"],"signed":"2021-02-09","period":{{"start":"2021","end":"2027"}},{provenance}}}}}"#,
            text(&format!("Agreement {a}")),
            2 * a,
            2 * a + 1,
            a % themes
        ));
    }
    for p in 0..places {
        // A simple low-discrepancy spread over Europe, so positions are distinct and repeatable.
        let lon = -10.0 + (p as f64 * 0.618_033_988_7).fract() * 45.0;
        let lat = 36.0 + (p as f64 * 0.754_877_666_2).fract() * 34.0;
        features.push(format!(
            r#"{{"type":"Feature","id":"place-{p}","geometry":{{"type":"Point","coordinates":[{lon:.4},{lat:.4}]}},"properties":{{"record":"place","kind":"innocity","country":"FI","name":{},"region":{},"agreement":"agreement-{}","themes":["theme-{}"],"website":"https://example.org/place-{p}",{provenance}}}}}"#,
            text(&format!("Place {p}")),
            text("Region"),
            p / 2,
            p % themes
        ));
    }
    for j in 0..projects {
        let partner = |k: usize| format!(r#"{{"place":"place-{}","role":"partner"}}"#, (j * 7 + k * 131) % places);
        features.push(format!(
            r#"{{"type":"Feature","id":"project-{j}","geometry":null,"properties":{{"record":"project","name":{},"description":{},"theme":"theme-{}","lead":{{"place":"place-{}","organisations":[]}},"partners":[{},{},{}],"period":{{"start":"2023-08-01","end":"2025-07-31"}},"budget":{{"total_eur":259188,"public_funding_eur":194390,"public_funding":{}}},{provenance}}}}}"#,
            text(&format!("Project {j}")),
            text("What the project does, in a sentence or two of plain text."),
            j % themes,
            (j * 13) % places,
            partner(1),
            partner(2),
            partner(3),
            text("ERDF and state")
        ));
    }
    format!(r#"{{"type":"FeatureCollection","innomap":{{"format":1}},"features":[{}]}}"#, features.join(",\n"))
}
