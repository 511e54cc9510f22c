//! The wording of embedding and of checking a data file: the embed's own controls, the "Embed
//! this map" dialog and the web editor's file check. Kept beside `ui_text` (same one function
//! per message) because these speak to a city's web editor rather than to a visitor.

use crate::language::Language;
use crate::text::ui_text::UiText;

/// The three wordings of a message, chosen by language.
const fn pick(language: Language, en: &'static str, fi: &'static str, sv: &'static str) -> &'static str {
    match language {
        Language::En => en,
        Language::Fi => fi,
        Language::Sv => sv,
    }
}

impl UiText {
    /// The embed's button that shows the map on the whole screen (a toggle: pressed while it does).
    pub fn full_screen(self) -> &'static str {
        pick(self.0, "Full screen", "Koko näyttö", "Helskärm")
    }

    /// The embed's link to the standalone map with the same state.
    pub fn open_full_map(self) -> &'static str {
        pick(self.0, "Open the full map", "Avaa koko kartta", "Öppna hela kartan")
    }

    /// Said to screen readers after a link that opens a new tab.
    pub fn opens_in_new_tab(self) -> &'static str {
        pick(self.0, " (opens in a new tab)", " (avautuu uuteen välilehteen)", " (öppnas i en ny flik)")
    }

    /// The header menu of tools for a city's web editor.
    pub fn web_editor_tools(self) -> &'static str {
        pick(self.0, "For web editors", "Verkkotoimittajille", "För webbredaktörer")
    }

    /// The file picker that opens a local data file to check it.
    pub fn check_own_file(self) -> &'static str {
        pick(self.0, "Check your own data file…", "Tarkista oma aineistotiedosto…", "Kontrollera din egen datafil…")
    }

    /// Said while a file is dragged over the page.
    pub fn drop_file_here(self) -> &'static str {
        pick(
            self.0,
            "Drop a GeoJSON file to check it on the map. It stays on your device.",
            "Pudota GeoJSON-tiedosto tarkistaaksesi sen kartalla. Tiedosto ei lähde laitteeltasi.",
            "Släpp en GeoJSON-fil för att kontrollera den på kartan. Filen stannar på din enhet.",
        )
    }

    /// Says that the map shows the local file `name`, read in the browser only.
    pub fn local_file_shown(self, name: &str) -> String {
        match self.0 {
            Language::En => format!("The map shows your file {name}. It was read in this browser and not uploaded."),
            Language::Fi => format!(
                "Kartalla näkyy tiedostosi {name}. Se luettiin tässä selaimessa, eikä sitä lähetetty minnekään."
            ),
            Language::Sv => {
                format!("Kartan visar din fil {name}. Den lästes i den här webbläsaren och skickades inte någonstans.")
            }
        }
    }

    /// The way back from a local file to the map's own data.
    pub fn back_to_page_data(self) -> &'static str {
        pick(
            self.0,
            "Back to the map's own data",
            "Takaisin kartan omaan aineistoon",
            "Tillbaka till kartans egna data",
        )
    }

    /// The button (and the dialog's heading) that offers the embed code.
    pub fn embed_this_map(self) -> &'static str {
        pick(self.0, "Embed this map", "Upota tämä kartta", "Bädda in kartan")
    }

    /// The dialog's first words.
    pub fn embed_intro(self) -> &'static str {
        pick(
            self.0,
            "The embed starts from what the map shows now: the view, the open panel, the filters and the language. Choose the options, check the preview, then copy the code into your page.",
            "Upotus alkaa siitä, mitä kartta näyttää nyt: näkymä, avoin paneeli, suodattimet ja kieli. Valitse asetukset, katso esikatselu ja kopioi koodi sivullesi.",
            "Inbäddningen utgår från det kartan visar nu: vyn, den öppna panelen, filtren och språket. Välj inställningar, titta på förhandsvisningen och kopiera koden till din sida.",
        )
    }

    /// The group of options for which controls the embed shows, and its three choices.
    pub fn embed_controls(self) -> [&'static str; 4] {
        match self.0 {
            Language::En => {
                ["Controls", "All (search, filters, panels)", "Few (zoom, legend, panels)", "None (the map only)"]
            }
            Language::Fi => [
                "Painikkeet",
                "Kaikki (haku, suodattimet, paneelit)",
                "Vähän (zoomaus, selite, paneelit)",
                "Ei mitään (pelkkä kartta)",
            ],
            Language::Sv => {
                ["Knappar", "Alla (sök, filter, paneler)", "Få (zoom, förklaring, paneler)", "Inga (bara kartan)"]
            }
        }
    }

    /// The group of options for the colour scheme, and its three choices.
    pub fn embed_scheme(self) -> [&'static str; 4] {
        match self.0 {
            Language::En => ["Colours", "As the visitor's device", "Light", "Dark"],
            Language::Fi => ["Värit", "Kävijän laitteen mukaan", "Vaalea", "Tumma"],
            Language::Sv => ["Färger", "Som besökarens enhet", "Ljus", "Mörk"],
        }
    }

    /// The group of options for gestures, and its two choices.
    pub fn embed_gestures(self) -> [&'static str; 3] {
        match self.0 {
            Language::En => [
                "Scrolling over the map",
                "The page scrolls; Ctrl + wheel or two fingers move the map",
                "The map takes every scroll and drag (for a page that is only the map)",
            ],
            Language::Fi => [
                "Vieritys kartan päällä",
                "Sivu vierii; Ctrl + rulla tai kaksi sormea liikuttaa karttaa",
                "Kartta ottaa jokaisen vierityksen ja vedon (sivulle, jolla on vain kartta)",
            ],
            Language::Sv => [
                "Skrollning över kartan",
                "Sidan skrollar; Ctrl + hjulet eller två fingrar flyttar kartan",
                "Kartan tar varje skrollning och dragning (för en sida med bara kartan)",
            ],
        }
    }

    /// The group of options for the height, its two choices, and the label of the height field.
    pub fn embed_height(self) -> [&'static str; 4] {
        match self.0 {
            Language::En => ["Height", "Fixed", "Fits the page's column (with the host script)", "Height in pixels"],
            Language::Fi => {
                ["Korkeus", "Kiinteä", "Sovittuu sivun palstaan (isäntäskriptin kanssa)", "Korkeus pikseleinä"]
            }
            Language::Sv => ["Höjd", "Fast", "Anpassas till sidans spalt (med värdskriptet)", "Höjd i pixlar"],
        }
    }

    /// The field for the pages allowed to talk with the map, and its help.
    pub fn embed_origins(self) -> [&'static str; 2] {
        match self.0 {
            Language::En => [
                "Your site's address (optional)",
                "Such as https://www.example.fi. Only pages of these sites may steer the map and hear what visitors open. Separate several with commas.",
            ],
            Language::Fi => [
                "Sivustosi osoite (valinnainen)",
                "Esimerkiksi https://www.esimerkki.fi. Vain näiden sivustojen sivut voivat ohjata karttaa ja kuulla, mitä kävijät avaavat. Erota useampi pilkuilla.",
            ],
            Language::Sv => [
                "Din webbplats adress (valfri)",
                "Till exempel https://www.exempel.fi. Bara sidor på dessa webbplatser kan styra kartan och höra vad besökare öppnar. Skilj flera åt med kommatecken.",
            ],
        }
    }

    /// Says which entries of the origins field are not site addresses.
    pub fn embed_origins_not_used(self, entries: &str) -> String {
        match self.0 {
            Language::En => format!("Not a site address, left out: {entries}"),
            Language::Fi => format!("Ei sivuston osoite, jätetty pois: {entries}"),
            Language::Sv => format!("Inte en webbplatsadress, utelämnad: {entries}"),
        }
    }

    /// The heading of the preview.
    pub fn embed_preview(self) -> &'static str {
        pick(self.0, "Preview", "Esikatselu", "Förhandsvisning")
    }

    /// The labels of the two snippets.
    pub fn embed_snippets(self) -> [&'static str; 2] {
        match self.0 {
            Language::En => ["Code: a plain iframe", "Code: an iframe that fits its height (with the host script)"],
            Language::Fi => {
                ["Koodi: tavallinen iframe", "Koodi: korkeuteensa sopeutuva iframe (isäntäskriptin kanssa)"]
            }
            Language::Sv => ["Kod: en vanlig iframe", "Kod: en iframe som anpassar sin höjd (med värdskriptet)"],
        }
    }

    /// The button that copies a snippet, and what it says once it has.
    pub fn copy_code(self) -> [&'static str; 2] {
        match self.0 {
            Language::En => ["Copy code", "Code copied"],
            Language::Fi => ["Kopioi koodi", "Koodi kopioitu"],
            Language::Sv => ["Kopiera koden", "Koden kopierad"],
        }
    }

    /// The button that closes a dialog.
    pub fn close_dialog(self) -> &'static str {
        pick(self.0, "Close", "Sulje", "Stäng")
    }

    /// The accessible name of an embedded map's iframe (and of the preview).
    pub fn embed_frame_title(self) -> &'static str {
        pick(
            self.0,
            "InnoMap: the InnoCities of Finland and their partners",
            "InnoMap: Suomen InnoCities-kaupungit ja niiden kumppanit",
            "InnoMap: Finlands InnoCities och deras partner",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_words_in_every_language() {
        for language in Language::ALL {
            let text = UiText(language);
            let lists: Vec<&str> = [
                text.embed_controls().to_vec(),
                text.embed_scheme().to_vec(),
                text.embed_gestures().to_vec(),
                text.embed_height().to_vec(),
                text.embed_origins().to_vec(),
                text.embed_snippets().to_vec(),
                text.copy_code().to_vec(),
            ]
            .concat();
            for words in lists.into_iter().chain([
                text.full_screen(),
                text.open_full_map(),
                text.web_editor_tools(),
                text.check_own_file(),
                text.drop_file_here(),
                text.back_to_page_data(),
                text.embed_this_map(),
                text.embed_intro(),
                text.embed_preview(),
                text.close_dialog(),
                text.embed_frame_title(),
            ]) {
                assert!(!words.trim().is_empty(), "{language:?}");
            }
            assert!(text.local_file_shown("oulu.geojson").contains("oulu.geojson"));
        }
    }
}
