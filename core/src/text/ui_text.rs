//! The user-interface wording in every language: one function per message, so a missing
//! translation is a compile error. The words for the data's own kinds (marker kinds, partner
//! roles, organisation kinds) are here too, so a translator finds every message in one file.
//!
//! Why a function per message rather than an i18n crate: most wording is produced in the pure
//! core (the accessible names of groups, the panels' facts, the SVG picture) and tested on the
//! host, while leptos_i18n (0.6 for Leptos 0.8) and leptos-fluent keep translations in a
//! Leptos context that only components can reach (and leptos_i18n's default feature sets a
//! cookie). rust-i18n finds a missing key only at run time and keeps the current locale in a
//! process-wide global, where two embedded maps on one page may speak different languages.
//! fluent-bundle would fit the core, but brings a message parser and plural-rule data for three
//! languages and about a hundred messages.

use crate::data::model::{ActivityKind, MapMarker, MarkerKind, OrganisationKind, PartnerRole};
use crate::language::Language;

/// What pressing the phone sheet's handle does (see `explore::sheet`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetAction {
    /// From the peek to half the screen.
    More,
    /// From half the screen to all of it.
    Whole,
    /// From all of the screen back to the peek.
    Less,
}

/// User-interface wording, one function per message so a missing translation is a compile error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UiText(pub Language);

impl UiText {
    /// The accessible name of a group of markers: its visible label first (so speech input can
    /// use what is seen), then how many and who (the first few by name), then what activating
    /// it does.
    pub fn cluster_name(self, label: &str, names: &[&str], stacked: bool) -> String {
        const LISTED: usize = 6;
        let listed = names.iter().take(LISTED).copied().collect::<Vec<_>>().join(", ");
        let more = names.len().saturating_sub(LISTED);
        let n = names.len();
        let (head, tail, action) = match self.0 {
            Language::En => (
                format!("group of {n} places"),
                format!(" and {more} more"),
                if stacked { "shows them side by side" } else { "zooms in" },
            ),
            Language::Fi => (
                format!("{n} kohteen ryhmä"),
                format!(" ja {more} muuta"),
                if stacked { "näyttää ne vierekkäin" } else { "lähentää" },
            ),
            Language::Sv => (
                format!("grupp med {n} platser"),
                format!(" och {more} till"),
                if stacked { "visar dem bredvid varandra" } else { "zoomar in" },
            ),
        };
        let tail = if more > 0 { tail } else { String::new() };
        format!("{label}, {head}: {listed}{tail}. {}", capitalise(action))
    }

    /// The visible label of a group: its main place and how many others ("Oulu +3", the same in
    /// every language).
    pub fn cluster_label(self, main: &str, count: usize) -> String {
        let _ = self;
        format!("{main} +{}", count.saturating_sub(1))
    }

    /// The button that fits every marker in view.
    pub fn show_everything(self) -> &'static str {
        match self.0 {
            Language::En => "Show everything",
            Language::Fi => "Näytä kaikki",
            Language::Sv => "Visa allt",
        }
    }

    /// The legend's heading.
    pub fn legend(self) -> &'static str {
        match self.0 {
            Language::En => "Legend",
            Language::Fi => "Selite",
            Language::Sv => "Teckenförklaring",
        }
    }

    /// Legend: what a group marker means.
    pub fn legend_group(self) -> &'static str {
        match self.0 {
            Language::En => "Group of nearby places (number inside)",
            Language::Fi => "Lähekkäisten kohteiden ryhmä (luku sisällä)",
            Language::Sv => "Grupp av närliggande platser (antal inuti)",
        }
    }

    /// Legend: what an arc means.
    pub fn legend_arc(self) -> &'static str {
        match self.0 {
            Language::En => "Project link, from the lead city to a partner",
            Language::Fi => "Hankeyhteys vetäjäkaupungista kumppaniin",
            Language::Sv => "Projektlänk från ledande stad till partner",
        }
    }

    /// The toggle that draws a project's links on the map.
    pub fn show_project_links(self) -> &'static str {
        match self.0 {
            Language::En => "Show links on map",
            Language::Fi => "Näytä yhteydet kartalla",
            Language::Sv => "Visa länkar på kartan",
        }
    }

    /// Shown while the data loads.
    pub fn loading(self) -> &'static str {
        match self.0 {
            Language::En => "Loading map data…",
            Language::Fi => "Ladataan kartta-aineistoa…",
            Language::Sv => "Kartdata läses in…",
        }
    }

    /// Heading of the load-failure message.
    pub fn load_failed(self) -> &'static str {
        match self.0 {
            Language::En => "The map data could not be loaded.",
            Language::Fi => "Kartta-aineistoa ei voitu ladata.",
            Language::Sv => "Kartdata kunde inte läsas in.",
        }
    }

    /// The retry button.
    pub fn retry(self) -> &'static str {
        match self.0 {
            Language::En => "Try again",
            Language::Fi => "Yritä uudelleen",
            Language::Sv => "Försök igen",
        }
    }

    /// The close button of a panel.
    pub fn close(self) -> &'static str {
        match self.0 {
            Language::En => "Close",
            Language::Fi => "Sulje",
            Language::Sv => "Stäng",
        }
    }

    /// The phone sheet's handle, named for what a press does.
    pub fn sheet_handle(self, action: SheetAction) -> &'static str {
        match (self.0, action) {
            (Language::En, SheetAction::More) => "Show more of the panel",
            (Language::En, SheetAction::Whole) => "Show the whole panel",
            (Language::En, SheetAction::Less) => "Show less of the panel",
            (Language::Fi, SheetAction::More) => "Näytä paneelista enemmän",
            (Language::Fi, SheetAction::Whole) => "Näytä koko paneeli",
            (Language::Fi, SheetAction::Less) => "Näytä paneelista vähemmän",
            (Language::Sv, SheetAction::More) => "Visa mer av panelen",
            (Language::Sv, SheetAction::Whole) => "Visa hela panelen",
            (Language::Sv, SheetAction::Less) => "Visa mindre av panelen",
        }
    }

    /// The line under the app's title.
    pub fn tagline(self) -> &'static str {
        match self.0 {
            Language::En => "InnoCities of Finland and their partners",
            Language::Fi => "Suomen innokaupungit ja niiden kumppanit",
            Language::Sv => "Finlands InnoCities och deras partner",
        }
    }

    /// The search field's label.
    pub fn search_label(self) -> &'static str {
        match self.0 {
            Language::En => "Search places, organisations, projects and themes",
            Language::Fi => "Hae paikkoja, organisaatioita, hankkeita ja teemoja",
            Language::Sv => "Sök orter, organisationer, projekt och teman",
        }
    }

    /// The search field's placeholder.
    pub fn search_placeholder(self) -> &'static str {
        match self.0 {
            Language::En => "Search…",
            Language::Fi => "Hae…",
            Language::Sv => "Sök…",
        }
    }

    /// What a search found, announced to screen readers.
    pub fn search_results(self, count: usize) -> String {
        match (self.0, count) {
            (Language::En, 0) => "No matches".to_owned(),
            (Language::En, 1) => "1 match".to_owned(),
            (Language::En, n) => format!("{n} matches"),
            (Language::Fi, 0) => "Ei osumia".to_owned(),
            (Language::Fi, 1) => "1 osuma".to_owned(),
            (Language::Fi, n) => format!("{n} osumaa"),
            (Language::Sv, 0) => "Inga träffar".to_owned(),
            (Language::Sv, 1) => "1 träff".to_owned(),
            (Language::Sv, n) => format!("{n} träffar"),
        }
    }

    /// The kind "project", as a search result shows it.
    pub fn project_kind(self) -> &'static str {
        match self.0 {
            Language::En => "Project",
            Language::Fi => "Hanke",
            Language::Sv => "Projekt",
        }
    }

    /// The kind "theme", as a search result shows it.
    pub fn theme_kind(self) -> &'static str {
        match self.0 {
            Language::En => "Theme",
            Language::Fi => "Teema",
            Language::Sv => "Tema",
        }
    }

    /// The filter panel's button, with how many filters are set.
    pub fn filters(self, set: usize) -> String {
        let word = match self.0 {
            Language::En => "Filters",
            Language::Fi => "Suodattimet",
            Language::Sv => "Filter",
        };
        if set == 0 {
            word.to_owned()
        } else {
            format!("{word} ({set})")
        }
    }

    /// The heading of the theme filter.
    pub fn filter_themes(self) -> &'static str {
        match self.0 {
            Language::En => "Theme",
            Language::Fi => "Teema",
            Language::Sv => "Tema",
        }
    }

    /// The heading of the kind filter.
    pub fn filter_kinds(self) -> &'static str {
        match self.0 {
            Language::En => "Kind of place",
            Language::Fi => "Kohteen laji",
            Language::Sv => "Typ av plats",
        }
    }

    /// The heading of the country filter.
    pub fn filter_countries(self) -> &'static str {
        match self.0 {
            Language::En => "Country",
            Language::Fi => "Maa",
            Language::Sv => "Land",
        }
    }

    /// The heading of the timeline filter.
    pub fn filter_years(self) -> &'static str {
        match self.0 {
            Language::En => "Active in",
            Language::Fi => "Toiminnassa",
            Language::Sv => "Aktiv under",
        }
    }

    /// Labels of the first and the last year of the timeline filter.
    pub fn year_bounds(self) -> (&'static str, &'static str) {
        match self.0 {
            Language::En => ("From", "To"),
            Language::Fi => ("Alkaen", "Asti"),
            Language::Sv => ("Från", "Till"),
        }
    }

    /// The timeline filter's "no limit" choice.
    pub fn any_year(self) -> &'static str {
        match self.0 {
            Language::En => "Any year",
            Language::Fi => "Mikä tahansa vuosi",
            Language::Sv => "Alla år",
        }
    }

    /// The button that clears every filter.
    pub fn clear_filters(self) -> &'static str {
        match self.0 {
            Language::En => "Clear filters",
            Language::Fi => "Tyhjennä suodattimet",
            Language::Sv => "Rensa filter",
        }
    }

    /// What the filters let through, as the live region announces it: "12 places, 3
    /// organisations, 4 projects".
    pub fn shown_counts(self, places: usize, organisations: usize, projects: usize) -> String {
        let counted = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        match self.0 {
            Language::En => format!(
                "{}, {}, {}",
                counted(places, "place", "places"),
                counted(organisations, "organisation", "organisations"),
                counted(projects, "project", "projects")
            ),
            Language::Fi => format!(
                "{}, {}, {}",
                counted(places, "paikka", "paikkaa"),
                counted(organisations, "organisaatio", "organisaatiota"),
                counted(projects, "hanke", "hanketta")
            ),
            Language::Sv => format!(
                "{}, {}, {}",
                counted(places, "ort", "orter"),
                counted(organisations, "organisation", "organisationer"),
                counted(projects, "projekt", "projekt")
            ),
        }
    }

    /// Accessible name of the map / list switch.
    pub fn show_as(self) -> &'static str {
        match self.0 {
            Language::En => "Show as",
            Language::Fi => "Näytä",
            Language::Sv => "Visa som",
        }
    }

    /// The names of the two views: the map and the list.
    pub fn view_names(self) -> (&'static str, &'static str) {
        match self.0 {
            Language::En => ("Map", "List"),
            Language::Fi => ("Kartta", "Luettelo"),
            Language::Sv => ("Karta", "Lista"),
        }
    }

    /// Accessible name of the list view.
    pub fn list_label(self) -> &'static str {
        match self.0 {
            Language::En => "Places, organisations and projects on the map",
            Language::Fi => "Kartan paikat, organisaatiot ja hankkeet",
            Language::Sv => "Orter, organisationer och projekt på kartan",
        }
    }

    /// The kind of a place or organisation in words, for names and panels.
    pub fn marker_kind(self, kind: MarkerKind) -> &'static str {
        match (kind, self.0) {
            (MarkerKind::InnoCity, Language::En) => "InnoCity",
            (MarkerKind::InnoCity, Language::Fi) => "Innokaupunki",
            (MarkerKind::InnoCity, Language::Sv) => "Innostad",
            (MarkerKind::Partner, Language::En) => "Partner place",
            (MarkerKind::Partner, Language::Fi) => "Kumppanipaikka",
            (MarkerKind::Partner, Language::Sv) => "Partnerort",
            (MarkerKind::Organisation, Language::En) => "Organisation",
            (MarkerKind::Organisation, Language::Fi) => "Organisaatio",
            (MarkerKind::Organisation, Language::Sv) => "Organisation",
        }
    }

    /// The accessible name of a marker, e.g. "Kokkola, InnoCity".
    pub fn marker_name(self, marker: &MapMarker) -> String {
        format!("{}, {}", marker.name.get(self.0), self.marker_kind(marker.kind))
    }

    /// The hint when a map embedded in a page is scrolled with the plain wheel, which scrolls the
    /// page instead.
    pub fn hint_wheel(self) -> &'static str {
        match self.0 {
            Language::En => "Hold Ctrl (⌘ on a Mac) and scroll to zoom the map",
            Language::Fi => "Lähennä karttaa vierittämällä Ctrl-näppäin (Macissa ⌘) pohjassa",
            Language::Sv => "Håll ned Ctrl (⌘ på Mac) och skrolla för att zooma kartan",
        }
    }

    /// The hint when a map embedded in a page is dragged with one finger, which scrolls the page.
    pub fn hint_two_fingers(self) -> &'static str {
        match self.0 {
            Language::En => "Use two fingers to move the map",
            Language::Fi => "Siirrä karttaa kahdella sormella",
            Language::Sv => "Använd två fingrar för att flytta kartan",
        }
    }

    /// A heading of the list view: the places or organisations of one kind.
    pub fn kind_plural(self, kind: MarkerKind) -> &'static str {
        match (kind, self.0) {
            (MarkerKind::InnoCity, Language::En) => "InnoCities",
            (MarkerKind::InnoCity, Language::Fi) => "Innokaupungit",
            (MarkerKind::InnoCity, Language::Sv) => "Innostäder",
            (MarkerKind::Partner, Language::En) => "Partner places",
            (MarkerKind::Partner, Language::Fi) => "Kumppanipaikat",
            (MarkerKind::Partner, Language::Sv) => "Partnerorter",
            (MarkerKind::Organisation, Language::En) => "Organisations",
            (MarkerKind::Organisation, Language::Fi) => "Organisaatiot",
            (MarkerKind::Organisation, Language::Sv) => "Organisationer",
        }
    }

    /// The share button.
    pub fn share(self) -> &'static str {
        match self.0 {
            Language::En => "Copy link",
            Language::Fi => "Kopioi linkki",
            Language::Sv => "Kopiera länk",
        }
    }

    /// Said once the link to this view is on the clipboard.
    pub fn link_copied(self) -> &'static str {
        match self.0 {
            Language::En => "Link copied: it opens this view.",
            Language::Fi => "Linkki kopioitu: se avaa tämän näkymän.",
            Language::Sv => "Länken kopierad: den öppnar den här vyn.",
        }
    }

    /// Said when the browser would not copy: the link is shown to copy by hand.
    pub fn copy_by_hand(self) -> &'static str {
        match self.0 {
            Language::En => "Copy this link to share this view",
            Language::Fi => "Kopioi tämä linkki jakaaksesi näkymän",
            Language::Sv => "Kopiera länken för att dela vyn",
        }
    }

    /// The export buttons: what is shown as GeoJSON, and as CSV.
    pub fn export_buttons(self) -> (&'static str, &'static str) {
        match self.0 {
            Language::En => ("Download shown places as GeoJSON", "Download shown places as CSV"),
            Language::Fi => ("Lataa näytetyt paikat GeoJSON-tiedostona", "Lataa näytetyt paikat CSV-tiedostona"),
            Language::Sv => ("Ladda ner visade platser som GeoJSON", "Ladda ner visade platser som CSV"),
        }
    }

    /// The button that downloads the map as an image.
    pub fn export_image(self) -> &'static str {
        match self.0 {
            Language::En => "Download the map as an image (SVG)",
            Language::Fi => "Lataa kartta kuvana (SVG)",
            Language::Sv => "Ladda ner kartan som bild (SVG)",
        }
    }

    /// The dark-mode switch.
    pub fn dark_mode(self) -> &'static str {
        match self.0 {
            Language::En => "Dark mode",
            Language::Fi => "Tumma tila",
            Language::Sv => "Mörkt läge",
        }
    }

    /// Accessible name of the group of language buttons.
    pub fn language_choice(self) -> &'static str {
        match self.0 {
            Language::En => "Language",
            Language::Fi => "Kieli",
            Language::Sv => "Språk",
        }
    }

    /// Accessible name of the map region.
    pub fn map_label(self) -> &'static str {
        match self.0 {
            Language::En => "Map of the InnoCities and their partner regions",
            Language::Fi => "Kartta innokaupungeista ja niiden kumppanialueista",
            Language::Sv => "Karta över InnoCities och deras partnerregioner",
        }
    }

    /// Zoom-in button.
    pub fn zoom_in(self) -> &'static str {
        match self.0 {
            Language::En => "Zoom in",
            Language::Fi => "Lähennä",
            Language::Sv => "Zooma in",
        }
    }

    /// Zoom-out button.
    pub fn zoom_out(self) -> &'static str {
        match self.0 {
            Language::En => "Zoom out",
            Language::Fi => "Loitonna",
            Language::Sv => "Zooma ut",
        }
    }

    /// Notice when the data has errors: records or fields left out, or texts shown in another
    /// language.
    pub fn data_problems(self, count: usize) -> String {
        match (self.0, count) {
            (Language::En, 1) => "The data has 1 error; something is left out or shown in another language:".to_owned(),
            (Language::En, n) => {
                format!("The data has {n} errors; some things are left out or shown in another language:")
            }
            (Language::Fi, 1) => "Aineistossa on 1 virhe; jotain puuttuu tai näkyy toisella kielellä:".to_owned(),
            (Language::Fi, n) => {
                format!("Aineistossa on {n} virhettä; osa tiedoista puuttuu tai näkyy toisella kielellä:")
            }
            (Language::Sv, 1) => "Datan har 1 fel; något saknas eller visas på ett annat språk:".to_owned(),
            (Language::Sv, n) => format!("Datan har {n} fel; en del saknas eller visas på ett annat språk:"),
        }
    }

    /// Heading of the agreement section of a place.
    pub fn agreement(self) -> &'static str {
        match self.0 {
            Language::En => "Innovation ecosystem agreement 2021–2027",
            Language::Fi => "Innovaatioekosysteemisopimus 2021–2027",
            Language::Sv => "Avtal om innovationsekosystem 2021–2027",
        }
    }

    /// Heading of the projects section.
    pub fn projects(self) -> &'static str {
        match self.0 {
            Language::En => "Projects",
            Language::Fi => "Hankkeet",
            Language::Sv => "Projekt",
        }
    }

    /// How a place or organisation takes part in a project; `None` means it leads it.
    pub fn role(self, role: Option<PartnerRole>) -> &'static str {
        match (role, self.0) {
            (None, Language::En) => "lead",
            (None, Language::Fi) => "vetäjä",
            (None, Language::Sv) => "ledare",
            (Some(PartnerRole::CoImplementer), Language::En) => "co-implementer",
            (Some(PartnerRole::CoImplementer), Language::Fi) => "osatoteuttaja",
            (Some(PartnerRole::CoImplementer), Language::Sv) => "delgenomförare",
            (Some(PartnerRole::Partner), Language::En) => "partner",
            (Some(PartnerRole::Partner), Language::Fi) => "kumppani",
            (Some(PartnerRole::Partner), Language::Sv) => "partner",
            (Some(PartnerRole::Network), Language::En) => "network member",
            (Some(PartnerRole::Network), Language::Fi) => "verkoston jäsen",
            (Some(PartnerRole::Network), Language::Sv) => "nätverksmedlem",
        }
    }

    /// Heading of the sources list, with the date the record was checked, already written as
    /// dates are in this language.
    pub fn sources(self, checked: Option<String>) -> String {
        match (self.0, checked) {
            (Language::En, Some(d)) => format!("Sources (checked {d})"),
            (Language::Fi, Some(d)) => format!("Lähteet (tarkistettu {d})"),
            (Language::Sv, Some(d)) => format!("Källor (kontrollerade {d})"),
            (Language::En, None) => "Sources".to_owned(),
            (Language::Fi, None) => "Lähteet".to_owned(),
            (Language::Sv, None) => "Källor".to_owned(),
        }
    }

    /// Read after an external link, for screen readers.
    pub fn external_link(self) -> &'static str {
        match self.0 {
            Language::En => "(external site, opens in a new tab)",
            Language::Fi => "(ulkoinen sivusto, avautuu uuteen välilehteen)",
            Language::Sv => "(extern webbplats, öppnas i en ny flik)",
        }
    }

    /// Label of the other members of a place's agreement.
    pub fn agreement_partners(self) -> &'static str {
        match self.0 {
            Language::En => "Together with",
            Language::Fi => "Yhdessä",
            Language::Sv => "Tillsammans med",
        }
    }

    /// Label of an agreement's own priorities.
    pub fn focus(self) -> &'static str {
        match self.0 {
            Language::En => "Focus",
            Language::Fi => "Painopisteet",
            Language::Sv => "Fokus",
        }
    }

    /// Label of a place's themes.
    pub fn themes(self) -> &'static str {
        match self.0 {
            Language::En => "Themes",
            Language::Fi => "Teemat",
            Language::Sv => "Teman",
        }
    }

    /// The theme of a project that spans every theme (such as national coordination).
    pub fn all_themes(self) -> &'static str {
        match self.0 {
            Language::En => "All themes",
            Language::Fi => "Kaikki teemat",
            Language::Sv => "Alla teman",
        }
    }

    /// What kind of body an organisation is.
    pub fn organisation_kind(self, kind: OrganisationKind) -> &'static str {
        use OrganisationKind as K;
        match (kind, self.0) {
            (K::University, Language::En) => "university",
            (K::University, Language::Fi) => "yliopisto",
            (K::University, Language::Sv) => "universitet",
            (K::UniversityOfAppliedSciences, Language::En) => "university of applied sciences",
            (K::UniversityOfAppliedSciences, Language::Fi) => "ammattikorkeakoulu",
            (K::UniversityOfAppliedSciences, Language::Sv) => "yrkeshögskola",
            (K::Research, Language::En) => "research organisation",
            (K::Research, Language::Fi) => "tutkimuslaitos",
            (K::Research, Language::Sv) => "forskningsinstitut",
            (K::Education, Language::En) => "education provider",
            (K::Education, Language::Fi) => "oppilaitos",
            (K::Education, Language::Sv) => "läroanstalt",
            (K::Company, Language::En) => "company",
            (K::Company, Language::Fi) => "yritys",
            (K::Company, Language::Sv) => "företag",
            (K::IndustrialPark, Language::En) => "industrial park",
            (K::IndustrialPark, Language::Fi) => "teollisuuspuisto",
            (K::IndustrialPark, Language::Sv) => "industripark",
            (K::Port, Language::En) => "port",
            (K::Port, Language::Fi) => "satama",
            (K::Port, Language::Sv) => "hamn",
            (K::DevelopmentCompany, Language::En) => "development company",
            (K::DevelopmentCompany, Language::Fi) => "kehitysyhtiö",
            (K::DevelopmentCompany, Language::Sv) => "utvecklingsbolag",
            (K::PublicAuthority, Language::En) => "public authority",
            (K::PublicAuthority, Language::Fi) => "viranomainen",
            (K::PublicAuthority, Language::Sv) => "myndighet",
            (K::Network, Language::En) => "network",
            (K::Network, Language::Fi) => "verkosto",
            (K::Network, Language::Sv) => "nätverk",
        }
    }

    /// Heading of the organisations at a place.
    pub fn organisations_here(self) -> &'static str {
        match self.0 {
            Language::En => "Organisations here",
            Language::Fi => "Organisaatiot täällä",
            Language::Sv => "Organisationer här",
        }
    }

    /// Heading of visits, events and partnerships.
    pub fn activities(self) -> &'static str {
        match self.0 {
            Language::En => "Visits and events",
            Language::Fi => "Vierailut ja tapahtumat",
            Language::Sv => "Besök och evenemang",
        }
    }

    /// Heading of a project's partners.
    pub fn partners(self) -> &'static str {
        match self.0 {
            Language::En => "Partners",
            Language::Fi => "Kumppanit",
            Language::Sv => "Partner",
        }
    }

    /// Label of a project's lead place and organisations.
    pub fn lead(self) -> &'static str {
        match self.0 {
            Language::En => "Lead",
            Language::Fi => "Vetäjä",
            Language::Sv => "Ledare",
        }
    }

    /// Label of when a project runs.
    pub fn period(self) -> &'static str {
        match self.0 {
            Language::En => "Period",
            Language::Fi => "Kausi",
            Language::Sv => "Period",
        }
    }

    /// Label of a project's total budget.
    pub fn budget(self) -> &'static str {
        match self.0 {
            Language::En => "Budget",
            Language::Fi => "Budjetti",
            Language::Sv => "Budget",
        }
    }

    /// Label of a project's public funding.
    pub fn public_funding(self) -> &'static str {
        match self.0 {
            Language::En => "Public funding",
            Language::Fi => "Julkinen rahoitus",
            Language::Sv => "Offentlig finansiering",
        }
    }

    /// Label of who funds a project.
    pub fn funder(self) -> &'static str {
        match self.0 {
            Language::En => "Funder",
            Language::Fi => "Rahoittaja",
            Language::Sv => "Finansiär",
        }
    }

    /// Label of who coordinates a project.
    pub fn coordinator(self) -> &'static str {
        match self.0 {
            Language::En => "Coordinator",
            Language::Fi => "Koordinaattori",
            Language::Sv => "Koordinator",
        }
    }

    /// What a panel says of a fact no source gives.
    pub fn not_known(self) -> &'static str {
        match self.0 {
            Language::En => "not known",
            Language::Fi => "ei tiedossa",
            Language::Sv => "inte känt",
        }
    }

    /// Lead-in for a record's names in the other languages.
    pub fn also_called(self) -> &'static str {
        match self.0 {
            Language::En => "Also",
            Language::Fi => "Myös",
            Language::Sv => "Även",
        }
    }

    /// Heading of further-reading links.
    pub fn further_reading(self) -> &'static str {
        match self.0 {
            Language::En => "Read more",
            Language::Fi => "Lue lisää",
            Language::Sv => "Läs mer",
        }
    }

    /// Heading of the official website.
    pub fn website(self) -> &'static str {
        match self.0 {
            Language::En => "Website",
            Language::Fi => "Verkkosivut",
            Language::Sv => "Webbplats",
        }
    }

    /// What a visit, event or partnership is, as the kind line of its panel.
    pub fn activity_kind(self, kind: ActivityKind) -> &'static str {
        match (kind, self.0) {
            (ActivityKind::Visit, Language::En) => "Visit",
            (ActivityKind::Visit, Language::Fi) => "Vierailu",
            (ActivityKind::Visit, Language::Sv) => "Besök",
            (ActivityKind::StudyVisit, Language::En) => "Study visit",
            (ActivityKind::StudyVisit, Language::Fi) => "Opintomatka",
            (ActivityKind::StudyVisit, Language::Sv) => "Studieresa",
            (ActivityKind::Event, Language::En) => "Event",
            (ActivityKind::Event, Language::Fi) => "Tapahtuma",
            (ActivityKind::Event, Language::Sv) => "Evenemang",
            (ActivityKind::Partnership, Language::En) => "Partnership",
            (ActivityKind::Partnership, Language::Fi) => "Kumppanuus",
            (ActivityKind::Partnership, Language::Sv) => "Partnerskap",
            (ActivityKind::Seminar, Language::En) => "Seminar",
            (ActivityKind::Seminar, Language::Fi) => "Seminaari",
            (ActivityKind::Seminar, Language::Sv) => "Seminarium",
        }
    }

    /// Added to the kind of an activity that took place online.
    pub fn online(self) -> &'static str {
        match self.0 {
            Language::En => "online",
            Language::Fi => "verkossa",
            Language::Sv => "på nätet",
        }
    }

    /// Label of the places a visit or event was at.
    pub fn took_place_in(self) -> &'static str {
        match self.0 {
            Language::En => "Where",
            Language::Fi => "Missä",
            Language::Sv => "Var",
        }
    }

    /// Label of the organisations that took part in a visit or event.
    pub fn taking_part(self) -> &'static str {
        match self.0 {
            Language::En => "Taking part",
            Language::Fi => "Mukana",
            Language::Sv => "Med",
        }
    }

    /// The panel's own way back to the record it was reached from.
    pub fn back_to(self, name: &str) -> String {
        match self.0 {
            Language::En => format!("Back to {name}"),
            Language::Fi => format!("Takaisin: {name}"),
            Language::Sv => format!("Tillbaka till {name}"),
        }
    }

    /// The filter card's action that closes it and fits the map to what the filters let through.
    pub fn show_results(self, count: usize) -> String {
        match (self.0, count) {
            (Language::En, 1) => "Show 1 result".to_owned(),
            (Language::En, n) => format!("Show {n} results"),
            (Language::Fi, 1) => "Näytä 1 tulos".to_owned(),
            (Language::Fi, n) => format!("Näytä {n} tulosta"),
            (Language::Sv, n) => format!("Visa {n} resultat"),
        }
    }

    /// The menu of downloads (the shown places as data, the map as a picture).
    pub fn downloads(self) -> &'static str {
        match self.0 {
            Language::En => "Download",
            Language::Fi => "Lataa",
            Language::Sv => "Ladda ner",
        }
    }

    /// Said on the map and in the list when the filters leave nothing.
    pub fn no_matches(self) -> &'static str {
        match self.0 {
            Language::En => "No matches",
            Language::Fi => "Ei osumia",
            Language::Sv => "Inga träffar",
        }
    }

    /// What "No matches" means, and what to do.
    pub fn no_matches_detail(self) -> &'static str {
        match self.0 {
            Language::En => "No place, organisation or project fits these filters.",
            Language::Fi => "Mikään paikka, organisaatio tai hanke ei vastaa näitä suodattimia.",
            Language::Sv => "Ingen plats, organisation eller inget projekt passar de här filtren.",
        }
    }

    /// Lead-in for the place an organisation is in.
    pub fn located_in(self) -> &'static str {
        match self.0 {
            Language::En => "Located in",
            Language::Fi => "Sijainti",
            Language::Sv => "Ligger i",
        }
    }

    /// Attribution of the basemap.
    pub fn basemap_credit(self) -> &'static str {
        match self.0 {
            Language::En => "Basemap: Natural Earth (public domain)",
            Language::Fi => "Taustakartta: Natural Earth (vapaa käyttö)",
            Language::Sv => "Bakgrundskarta: Natural Earth (fri användning)",
        }
    }

    /// The toggle that turns raster map images on; it names the host the images come from,
    /// because turning it on sends requests there.
    pub fn tiles_toggle(self, provider: &str) -> String {
        match self.0 {
            Language::En => format!("Load map images from {provider}"),
            Language::Fi => format!("Lataa karttakuvat palvelusta {provider}"),
            Language::Sv => format!("Hämta kartbilder från {provider}"),
        }
    }

    /// Said when the page's security policy does not allow the map images' server.
    pub fn tiles_not_allowed(self, provider: &str) -> String {
        match self.0 {
            Language::En => {
                format!("Map images from {provider} are not allowed on this page (its security policy). The drawn map is shown.")
            }
            Language::Fi => {
                format!("Tämä sivu ei salli karttakuvia palvelusta {provider} (sivun tietoturvakäytäntö). Näytetään piirretty kartta.")
            }
            Language::Sv => {
                format!("Kartbilder från {provider} tillåts inte på den här sidan (dess säkerhetspolicy). Den ritade kartan visas.")
            }
        }
    }

    /// Said when the map images' server sent no image.
    pub fn tiles_no_answer(self, provider: &str) -> String {
        match self.0 {
            Language::En => {
                format!("Map images from {provider} could not be loaded: the server did not answer. The drawn map is shown.")
            }
            Language::Fi => format!(
                "Karttakuvia ei saatu palvelusta {provider}: palvelin ei vastannut. Näytetään piirretty kartta."
            ),
            Language::Sv => {
                format!("Kartbilder från {provider} kunde inte hämtas: servern svarade inte. Den ritade kartan visas.")
            }
        }
    }

    /// Accessible name of the scale bar ("Scale: 200 km").
    pub fn scale(self, distance: &str) -> String {
        match self.0 {
            Language::En => format!("Scale: {distance}"),
            Language::Fi => format!("Mittakaava: {distance}"),
            Language::Sv => format!("Skala: {distance}"),
        }
    }
}

/// `text` with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_in_the_language_asked_for() {
        assert_eq!(UiText(Language::Fi).retry(), "Yritä uudelleen");
    }

    #[test]
    fn the_way_back_and_the_kinds_of_activity_read_naturally_in_each_language() {
        assert_eq!(UiText(Language::En).back_to("Kokkola"), "Back to Kokkola");
        assert_eq!(UiText(Language::Fi).back_to("Kokkola"), "Takaisin: Kokkola");
        assert_eq!(UiText(Language::Sv).back_to("Karleby"), "Tillbaka till Karleby");
        for language in Language::ALL {
            let kinds = [
                ActivityKind::Visit,
                ActivityKind::StudyVisit,
                ActivityKind::Event,
                ActivityKind::Partnership,
                ActivityKind::Seminar,
            ]
            .map(|kind| UiText(language).activity_kind(kind));
            let mut distinct = kinds.to_vec();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), kinds.len(), "{language:?}: {kinds:?}");
        }
    }

    #[test]
    fn the_filter_cards_action_counts_its_results_in_each_language() {
        assert_eq!(UiText(Language::En).show_results(1), "Show 1 result");
        assert_eq!(UiText(Language::En).show_results(12), "Show 12 results");
        assert_eq!(UiText(Language::Fi).show_results(1), "Näytä 1 tulos");
        assert_eq!(UiText(Language::Fi).show_results(12), "Näytä 12 tulosta");
        assert_eq!(UiText(Language::Sv).show_results(12), "Visa 12 resultat");
    }
}
