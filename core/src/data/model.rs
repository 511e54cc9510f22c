//! The InnoMap data model: the six kinds of record a data file holds (themes, places,
//! organisations, agreements, projects, activities) and the values they are made of.
//!
//! Every value here has already been validated by [`reader`](crate::data::reader): ids are well-formed
//! and every reference resolves, URLs are http(s), texts exist in all three languages, unknown
//! facts are `None`. Views can therefore render without re-checking anything.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::geo::geometry::WorldPoint;
use crate::geo::latlng::LatLng;
use crate::language::LocalizedText;

/// A record id: 1-64 characters of `a-z`, `0-9` and `-`, starting with a letter or digit, so it
/// is safe in URLs, CSS selectors and file names.
///
/// Shared (`Arc`), since ids are copied into every reference, marker and index.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordId(Arc<str>);

impl RecordId {
    /// The id, if `text` is a well-formed one.
    pub fn parse(text: &str) -> Option<Self> {
        let mut chars = text.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        (first_ok && rest_ok && text.len() <= 64).then(|| Self(Arc::from(text)))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The six kinds of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordType {
    /// An entry of the theme vocabulary.
    Theme,
    /// A city or region on the map.
    Place,
    /// An organisation at a site on the map.
    Organisation,
    /// A state innovation ecosystem agreement.
    Agreement,
    /// A project (for example a national lead project).
    Project,
    /// A visit, event or partnership.
    Activity,
}

impl RecordType {
    /// Every record type, in the order a file is usually written.
    pub const ALL: [RecordType; 6] =
        [Self::Theme, Self::Place, Self::Organisation, Self::Agreement, Self::Project, Self::Activity];

    /// The value of `properties.record`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Theme => "theme",
            Self::Place => "place",
            Self::Organisation => "organisation",
            Self::Agreement => "agreement",
            Self::Project => "project",
            Self::Activity => "activity",
        }
    }

    /// The type for a `properties.record` value.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// A link target that is an absolute `http:` or `https:` URL (never `javascript:` or `data:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// Longest accepted URL, in bytes.
    pub const MAX_LEN: usize = 2000;

    /// The URL, if `text` is an absolute http(s) URL with a host and no whitespace or control
    /// characters.
    pub fn parse(text: &str) -> Option<Self> {
        let scheme_len = ["https://", "http://"]
            .iter()
            .find(|scheme| text.get(..scheme.len()).is_some_and(|p| p.eq_ignore_ascii_case(scheme)))?
            .len();
        let rest = &text[scheme_len..];
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let unsafe_byte = |b: &u8| *b <= b' ' || *b == 0x7f || matches!(*b, b'"' | b'<' | b'>');
        // Bytes first (URLs are nearly always ASCII); characters only when there is non-ASCII.
        let clean = !text.as_bytes().iter().any(unsafe_byte)
            && (text.is_ascii() || !text.chars().any(|c| c.is_whitespace() || c.is_control()));
        (clean && !host.is_empty() && text.len() <= Self::MAX_LEN).then(|| Self(text.to_owned()))
    }

    /// The URL as text, ready for an `href`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: u16,
    /// The month, 1-12, when known.
    pub month: Option<u8>,
    /// The day of the month, when known.
    pub day: Option<u8>,
}

impl PartialDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates such as 2023-02-30.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let year =
            parts.next().filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?.parse::<u16>().ok()?;
        let number = |p: Option<&str>| -> Result<Option<u8>, ()> {
            match p {
                None => Ok(None),
                Some(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().map(Some).map_err(|_| ()),
                Some(_) => Err(()),
            }
        };
        let month = number(parts.next()).ok()?;
        let day = number(parts.next()).ok()?;
        if parts.next().is_some() || (month.is_none() && day.is_some()) {
            return None;
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day {
                if d == 0 || d > days_in_month(year, m) {
                    return None;
                }
            }
        }
        Some(Self { year, month, day })
    }
}

impl PartialDate {
    /// The first day this date can mean: 2025 is 2025-01-01.
    pub fn first_day(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean: 2025-02 is 2025-02-28.
    pub fn last_day(self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        (self.year, month, self.day.unwrap_or_else(|| days_in_month(self.year, month)))
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// When something ran; either end may be unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Period {
    /// The first day, month or year, when known.
    pub start: Option<PartialDate>,
    /// The last day, month or year, when known.
    pub end: Option<PartialDate>,
}

/// One source of a record, as a reader cites it: what it is called, who published it and when,
/// and where to find it.
///
/// The reader guarantees at least one of `url`, `title` and `document`, and that no text here is
/// a file path: a visitor sees a citation, never where an editor happened to keep a copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// The public address, when there is one.
    pub url: Option<SafeUrl>,
    /// The title, in the source's own language.
    pub title: Option<String>,
    /// Who published it: an organisation, a newspaper, a ministry.
    pub publisher: Option<String>,
    /// When it was published, as precisely as that is known.
    pub published: Option<PartialDate>,
    /// What the source is when it has no public address ("City board decision 12.4.2023 § 145"),
    /// or, beside a title, which edition or part of it is meant.
    pub document: Option<String>,
}

/// A link for further reading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The target.
    pub url: SafeUrl,
    /// What the link is, in each language.
    pub title: LocalizedText,
}

/// Where a record's facts come from and how far to trust them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// The sources backing the record.
    pub sources: Vec<Source>,
    /// When the record was last checked against its sources.
    pub checked: Option<PartialDate>,
    /// Properties whose values are not confirmed by a source.
    pub unverified: Vec<String>,
    /// Caveats, and facts that changed later.
    pub notes: Option<LocalizedText>,
    /// Further reading.
    pub links: Vec<Link>,
}

/// A colour as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    /// Reads `#rrggbb` (either case).
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Self([byte(0)?, byte(2)?, byte(4)?]))
    }

    /// The CSS form, `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0[0], self.0[1], self.0[2])
    }
}

/// An entry of the theme vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Stable id, e.g. `theme-photonics`.
    pub id: RecordId,
    /// The theme's name.
    pub name: LocalizedText,
    /// What the theme covers.
    pub description: LocalizedText,
    /// Its colour on the map (always paired with a second cue).
    pub colour: Colour,
}

/// Whether a place is an InnoCity or a partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A member municipality of an ecosystem agreement 2021-2027.
    InnoCity,
    /// A partner city or region outside the agreements.
    Partner,
}

/// A city or region.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Unique id.
    pub id: RecordId,
    /// InnoCity or partner.
    pub kind: PlaceKind,
    /// The official name in each language.
    pub name: LocalizedText,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// The region, when given.
    pub region: Option<LocalizedText>,
    /// A short introduction, when given.
    pub description: Option<LocalizedText>,
    /// Where it is.
    pub location: LatLng,
    /// `location` projected once.
    pub world: WorldPoint,
    /// The agreement it belongs to (InnoCities).
    pub agreement: Option<RecordId>,
    /// Focus themes.
    pub themes: Vec<RecordId>,
    /// Official website.
    pub website: Option<SafeUrl>,
    /// Sources and caveats.
    pub provenance: Provenance,
}

/// What kind of body an organisation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrganisationKind {
    /// A university.
    University,
    /// A university of applied sciences (ammattikorkeakoulu, yrkeshögskola): a kind of its own
    /// in the Finnish system, not a university.
    UniversityOfAppliedSciences,
    /// A research organisation.
    Research,
    /// An education provider.
    Education,
    /// A company.
    Company,
    /// An industrial park.
    IndustrialPark,
    /// A port.
    Port,
    /// A city-owned development company.
    DevelopmentCompany,
    /// A ministry, regional council or municipality.
    PublicAuthority,
    /// A network or cluster organisation.
    Network,
}

impl OrganisationKind {
    /// Its data value.
    pub fn code(self) -> &'static str {
        Self::CODES.iter().find(|(kind, _)| *kind == self).map_or("", |&(_, code)| code)
    }

    /// Every kind with its data value.
    pub const CODES: [(Self, &'static str); 10] = [
        (Self::University, "university"),
        (Self::UniversityOfAppliedSciences, "university-of-applied-sciences"),
        (Self::Research, "research"),
        (Self::Education, "education"),
        (Self::Company, "company"),
        (Self::IndustrialPark, "industrial-park"),
        (Self::Port, "port"),
        (Self::DevelopmentCompany, "development-company"),
        (Self::PublicAuthority, "public-authority"),
        (Self::Network, "network"),
    ];
}

/// An organisation at a site.
#[derive(Clone, Debug, PartialEq)]
pub struct Organisation {
    /// Unique id.
    pub id: RecordId,
    /// What kind of body it is.
    pub kind: OrganisationKind,
    /// Its name in each language.
    pub name: LocalizedText,
    /// What it does.
    pub description: Option<LocalizedText>,
    /// The place it is in, when that place is in the data.
    pub place: Option<RecordId>,
    /// Its site.
    pub location: LatLng,
    /// `location` projected once.
    pub world: WorldPoint,
    /// Official website.
    pub website: Option<SafeUrl>,
    /// Sources and caveats.
    pub provenance: Provenance,
}

/// A state innovation ecosystem agreement.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Unique id.
    pub id: RecordId,
    /// The agreement's name.
    pub name: LocalizedText,
    /// Member places.
    pub members: Vec<RecordId>,
    /// Focus themes.
    pub themes: Vec<RecordId>,
    /// The agreement's own named priorities, in words.
    pub focus: Option<LocalizedText>,
    /// When it was signed.
    pub signed: Option<PartialDate>,
    /// Its term.
    pub period: Period,
    /// The regional council that funds it, when known.
    pub intermediate_body: Option<LocalizedText>,
    /// Sources and caveats.
    pub provenance: Provenance,
}

/// How a party takes part in a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartnerRole {
    /// Carries out the project with the lead.
    CoImplementer,
    /// A named partner.
    Partner,
    /// A member of the project's wider network.
    Network,
}

impl PartnerRole {
    /// Its data value.
    pub fn code(self) -> &'static str {
        Self::CODES.iter().find(|(role, _)| *role == self).map_or("", |&(_, code)| code)
    }

    /// Every role with its data value.
    pub const CODES: [(Self, &'static str); 3] =
        [(Self::CoImplementer, "co-implementer"), (Self::Partner, "partner"), (Self::Network, "network")];
}

/// A place or an organisation taking part in something.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Party {
    /// A place.
    Place(RecordId),
    /// An organisation.
    Organisation(RecordId),
}

/// A project partner and its role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partner {
    /// Who.
    pub party: Party,
    /// How.
    pub role: PartnerRole,
}

/// Money, where known. Amounts are in euros.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    /// The total budget.
    pub total_eur: Option<f64>,
    /// The public share (for example ERDF and state).
    pub public_funding_eur: Option<f64>,
    /// What the public share consists of.
    pub public_funding: Option<LocalizedText>,
}

/// A project.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// Unique id.
    pub id: RecordId,
    /// The project's name.
    pub name: LocalizedText,
    /// What it does.
    pub description: LocalizedText,
    /// Its theme; `None` for a project that spans all themes (such as national coordination).
    pub theme: Option<RecordId>,
    /// The lead place.
    pub lead_place: RecordId,
    /// The lead organisations.
    pub lead_organisations: Vec<RecordId>,
    /// Everyone else taking part.
    pub partners: Vec<Partner>,
    /// When it runs.
    pub period: Period,
    /// Its money, when anything is known.
    pub budget: Option<Budget>,
    /// Who funds it.
    pub funder: Option<RecordId>,
    /// Who coordinates it.
    pub coordinator: Option<RecordId>,
    /// Sources and caveats.
    pub provenance: Provenance,
}

impl Project {
    /// Who leads it: the lead place, then the lead organisations.
    pub fn leaders(&self) -> impl Iterator<Item = Party> + '_ {
        std::iter::once(Party::Place(self.lead_place.clone()))
            .chain(self.lead_organisations.iter().cloned().map(Party::Organisation))
    }

    /// Whether `party` leads it.
    pub fn is_led_by(&self, party: &Party) -> bool {
        match party {
            Party::Place(id) => &self.lead_place == id,
            Party::Organisation(id) => self.lead_organisations.contains(id),
        }
    }
}

/// What kind of activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActivityKind {
    /// A visit.
    Visit,
    /// A study visit.
    StudyVisit,
    /// An event.
    Event,
    /// A standing partnership.
    Partnership,
    /// A seminar.
    Seminar,
}

impl ActivityKind {
    /// Every kind with its data value.
    pub const CODES: [(Self, &'static str); 5] = [
        (Self::Visit, "visit"),
        (Self::StudyVisit, "study-visit"),
        (Self::Event, "event"),
        (Self::Partnership, "partnership"),
        (Self::Seminar, "seminar"),
    ];
}

/// A visit, event or partnership.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    /// Unique id.
    pub id: RecordId,
    /// What kind.
    pub kind: ActivityKind,
    /// Its name.
    pub name: LocalizedText,
    /// What happened.
    pub description: LocalizedText,
    /// Where.
    pub places: Vec<RecordId>,
    /// With whom.
    pub organisations: Vec<RecordId>,
    /// The project it belongs to.
    pub project: Option<RecordId>,
    /// When, if known.
    pub period: Option<Period>,
    /// Whether it took place online.
    pub is_virtual: bool,
    /// Sources and caveats.
    pub provenance: Provenance,
}

/// A whole data file, validated and cross-referenced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// The theme vocabulary.
    pub themes: Vec<Theme>,
    /// Cities and regions.
    pub places: Vec<Place>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Ecosystem agreements.
    pub agreements: Vec<Agreement>,
    /// Projects.
    pub projects: Vec<Project>,
    /// Visits, events and partnerships.
    pub activities: Vec<Activity>,
    /// Where each record is, and who takes part in which project: built on the first lookup,
    /// so that looking a record up costs the same with ten places as with ten thousand.
    lookup: LookupCell,
}

/// Where the records of a dataset are in their lists, and the projects each place and
/// organisation leads or partners in. A dataset is complete once read; the lengths it was built
/// for are kept, so that a dataset changed afterwards (a test's) is never answered from a stale
/// table.
#[derive(Clone, Debug, Default)]
struct Lookup {
    lengths: [usize; 6],
    /// Each record's position in its own list (ids are unique across all lists).
    positions: HashMap<RecordId, usize, foldhash::fast::RandomState>,
    /// For each place, then each organisation (in list order): the projects it leads, then
    /// those it partners in, each in project order, as (project position, role; `None` when
    /// it leads). One table for both, indexed by position, rather than a second hash table.
    involvements: Vec<Vec<(usize, Option<PartnerRole>)>>,
}

/// The lookup tables, made once on demand. Derived data: two datasets with the same records are
/// equal whether or not either has made its tables yet.
#[derive(Clone, Debug, Default)]
struct LookupCell(OnceLock<Lookup>);

impl PartialEq for LookupCell {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// What a marker on the map stands for. Ordered as markers are drawn and tabbed through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarkerKind {
    /// An InnoCity.
    InnoCity,
    /// A partner place.
    Partner,
    /// An organisation.
    Organisation,
}

impl From<PlaceKind> for MarkerKind {
    fn from(kind: PlaceKind) -> Self {
        match kind {
            PlaceKind::InnoCity => Self::InnoCity,
            PlaceKind::Partner => Self::Partner,
        }
    }
}

impl MarkerKind {
    /// Every kind, most important first.
    pub const ALL: [MarkerKind; 3] = [MarkerKind::InnoCity, MarkerKind::Partner, MarkerKind::Organisation];

    /// The CSS modifier and data value.
    pub const fn code(self) -> &'static str {
        match self {
            Self::InnoCity => "innocity",
            Self::Partner => "partner",
            Self::Organisation => "organisation",
        }
    }

    /// The kind written as `code` (see [`code`](Self::code)), if there is one.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The type of record a marker of this kind stands for.
    pub const fn record(self) -> RecordType {
        match self {
            Self::InnoCity | Self::Partner => RecordType::Place,
            Self::Organisation => RecordType::Organisation,
        }
    }
}

/// Something drawn on the map: a place or an organisation.
#[derive(Clone, Debug, PartialEq)]
pub struct MapMarker {
    /// The record it stands for.
    pub id: RecordId,
    /// What it is (drives the marker shape).
    pub kind: MarkerKind,
    /// Its name.
    pub name: LocalizedText,
    /// Where.
    pub location: LatLng,
    /// `location` projected once.
    pub world: WorldPoint,
}

#[cfg(test)]
impl MapMarker {
    /// A marker for tests, named by its id in every language.
    pub(crate) fn for_tests(id: &str, kind: MarkerKind, lat: f64, lon: f64) -> Self {
        let location = LatLng::lat_lon(lat, lon);
        let world = crate::geo::projection::project(location);
        Self { id: RecordId(id.into()), kind, name: LocalizedText::new(id, id, id), location, world }
    }
}

/// A project a place takes part in, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Involvement<'a> {
    /// The project.
    pub project: &'a Project,
    /// `None` when the place leads it.
    pub role: Option<PartnerRole>,
}

impl Dataset {
    /// Every marker: places first (InnoCities, then partners), then organisations, each in
    /// list order.
    pub fn markers(&self) -> Vec<MapMarker> {
        let places_of = |kind: PlaceKind| {
            self.places.iter().filter(move |p| p.kind == kind).map(|p| MapMarker {
                id: p.id.clone(),
                kind: p.kind.into(),
                name: p.name.clone(),
                location: p.location,
                world: p.world,
            })
        };
        let organisations = self.organisations.iter().map(|o| MapMarker {
            id: o.id.clone(),
            kind: MarkerKind::Organisation,
            name: o.name.clone(),
            location: o.location,
            world: o.world,
        });
        places_of(PlaceKind::InnoCity).chain(places_of(PlaceKind::Partner)).chain(organisations).collect()
    }

    /// The countries the places are in, as upper-case codes in alphabetical order.
    pub fn countries(&self) -> BTreeSet<String> {
        let mut countries = BTreeSet::new();
        for place in &self.places {
            countries.insert(place.country.to_ascii_uppercase());
        }
        countries
    }

    /// How many records of all types there are.
    pub fn record_count(&self) -> usize {
        self.themes.len()
            + self.places.len()
            + self.organisations.len()
            + self.agreements.len()
            + self.projects.len()
            + self.activities.len()
    }

    /// The place with `id`.
    pub fn place(&self, id: &RecordId) -> Option<&Place> {
        self.places.get(self.position(id)?).filter(|r| r.id == *id)
    }

    /// The organisation with `id`.
    pub fn organisation(&self, id: &RecordId) -> Option<&Organisation> {
        self.organisations.get(self.position(id)?).filter(|r| r.id == *id)
    }

    /// The agreement with `id`.
    pub fn agreement(&self, id: &RecordId) -> Option<&Agreement> {
        self.agreements.get(self.position(id)?).filter(|r| r.id == *id)
    }

    /// The project with `id`.
    pub fn project(&self, id: &RecordId) -> Option<&Project> {
        self.projects.get(self.position(id)?).filter(|r| r.id == *id)
    }

    /// The theme with `id`.
    pub fn theme(&self, id: &RecordId) -> Option<&Theme> {
        self.themes.get(self.position(id)?).filter(|r| r.id == *id)
    }

    /// The visit, event or partnership with `id`.
    pub fn activity(&self, id: &RecordId) -> Option<&Activity> {
        self.activities.get(self.position(id)?).filter(|r| r.id == *id)
    }

    /// The type of the record with `id`, if there is one.
    pub fn record_type(&self, id: &RecordId) -> Option<RecordType> {
        let found = [
            (RecordType::Place, self.place(id).is_some()),
            (RecordType::Organisation, self.organisation(id).is_some()),
            (RecordType::Project, self.project(id).is_some()),
            (RecordType::Theme, self.theme(id).is_some()),
            (RecordType::Activity, self.activity(id).is_some()),
            (RecordType::Agreement, self.agreement(id).is_some()),
        ];
        found.into_iter().find(|&(_, is)| is).map(|(record, _)| record)
    }

    /// The name of the record with `id`, whatever its type.
    pub fn name_of(&self, id: &RecordId) -> Option<&LocalizedText> {
        (self.place(id).map(|r| &r.name))
            .or_else(|| self.organisation(id).map(|r| &r.name))
            .or_else(|| self.project(id).map(|r| &r.name))
            .or_else(|| self.theme(id).map(|r| &r.name))
            .or_else(|| self.activity(id).map(|r| &r.name))
            .or_else(|| self.agreement(id).map(|r| &r.name))
    }

    /// The projects a place leads or partners in, leads first.
    pub fn projects_of_place(&self, id: &RecordId) -> Vec<Involvement<'_>> {
        self.involvements(&Party::Place(id.clone()))
    }

    /// The projects an organisation leads or partners in, leads first.
    pub fn projects_of_organisation(&self, id: &RecordId) -> Vec<Involvement<'_>> {
        self.involvements(&Party::Organisation(id.clone()))
    }

    fn lengths(&self) -> [usize; 6] {
        [
            self.themes.len(),
            self.places.len(),
            self.organisations.len(),
            self.agreements.len(),
            self.projects.len(),
            self.activities.len(),
        ]
    }

    /// The lookup tables, if they describe the lists as they are.
    fn lookup(&self) -> Option<&Lookup> {
        let lookup = self.lookup.0.get_or_init(|| self.build_lookup());
        (lookup.lengths == self.lengths()).then_some(lookup)
    }

    fn build_lookup(&self) -> Lookup {
        let mut positions = HashMap::with_capacity_and_hasher(self.record_count(), Default::default());
        positions.extend(self.themes.iter().enumerate().map(|(i, r)| (r.id.clone(), i)));
        positions.extend(self.places.iter().enumerate().map(|(i, r)| (r.id.clone(), i)));
        positions.extend(self.organisations.iter().enumerate().map(|(i, r)| (r.id.clone(), i)));
        positions.extend(self.agreements.iter().enumerate().map(|(i, r)| (r.id.clone(), i)));
        positions.extend(self.projects.iter().enumerate().map(|(i, r)| (r.id.clone(), i)));
        positions.extend(self.activities.iter().enumerate().map(|(i, r)| (r.id.clone(), i)));
        let mut lookup = Lookup {
            lengths: self.lengths(),
            positions,
            involvements: vec![Vec::new(); self.places.len() + self.organisations.len()],
        };
        // Leads first, then partners: two passes, each in project order.
        for (index, project) in self.projects.iter().enumerate() {
            for leader in project.leaders() {
                lookup.involve(self, &leader, index, None);
            }
        }
        for (index, project) in self.projects.iter().enumerate() {
            for partner in &project.partners {
                // A party that leads the project is involved once, as its lead.
                if !project.is_led_by(&partner.party) {
                    lookup.involve(self, &partner.party, index, Some(partner.role));
                }
            }
        }
        lookup
    }

    /// Where the record with `id` is in its own list. Ids are unique across all lists (the
    /// reader enforces it), so one table serves every type; each caller checks that the record
    /// at that position has the id. Lists changed since the tables were made (only tests do
    /// that) get fresh tables for the question.
    fn position(&self, id: &RecordId) -> Option<usize> {
        match self.lookup() {
            Some(lookup) => lookup.positions.get(id).copied(),
            None => self.build_lookup().positions.get(id).copied(),
        }
    }

    fn involvements(&self, party: &Party) -> Vec<Involvement<'_>> {
        let Some(lookup) = self.lookup() else { return self.involvements_by_search(party) };
        let listed = lookup.slot(self, party).and_then(|slot| lookup.involvements.get(slot));
        listed
            .into_iter()
            .flatten()
            .filter_map(|&(i, role)| Some(Involvement { project: self.projects.get(i)?, role }))
            .collect()
    }

    fn involvements_by_search(&self, party: &Party) -> Vec<Involvement<'_>> {
        let led =
            self.projects.iter().filter(|p| p.is_led_by(party)).map(|project| Involvement { project, role: None });
        let partnered = self.projects.iter().filter(|p| !p.is_led_by(party)).filter_map(|project| {
            let partner = project.partners.iter().find(|partner| &partner.party == party)?;
            Some(Involvement { project, role: Some(partner.role) })
        });
        led.chain(partnered).collect()
    }
}

impl Lookup {
    /// The row of `involvements` that belongs to `party`, if it is a record of its kind.
    fn slot(&self, dataset: &Dataset, party: &Party) -> Option<usize> {
        match party {
            Party::Place(id) => {
                let &position = self.positions.get(id)?;
                (dataset.places.get(position)?.id == *id).then_some(position)
            }
            Party::Organisation(id) => {
                let &position = self.positions.get(id)?;
                (dataset.organisations.get(position)?.id == *id).then_some(dataset.places.len() + position)
            }
        }
    }

    /// Notes that `party` takes part in the project at `project`, once per project.
    fn involve(&mut self, dataset: &Dataset, party: &Party, project: usize, role: Option<PartnerRole>) {
        let Some(slot) = self.slot(dataset, party) else { return };
        if let Some(listed) = self.involvements.get_mut(slot) {
            if listed.last().is_none_or(|&(i, _)| i != project) {
                listed.push((project, role));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map_data::bundled_for_tests;

    /// The tables answer exactly what searching the lists answers, for every record and every
    /// place and organisation of the bundled data, and for ids that are not there.
    #[test]
    fn lookups_by_table_agree_with_searching_the_lists() {
        let dataset = bundled_for_tests().dataset;
        for place in &dataset.places {
            assert_eq!(dataset.place(&place.id).map(|p| &p.id), Some(&place.id));
            assert_eq!(dataset.organisation(&place.id), None, "{} is not an organisation", place.id);
            let by_table = dataset.projects_of_place(&place.id);
            let by_search = dataset.involvements_by_search(&Party::Place(place.id.clone()));
            assert_eq!(by_table, by_search, "{}", place.id);
        }
        for organisation in &dataset.organisations {
            assert_eq!(dataset.organisation(&organisation.id).map(|o| &o.id), Some(&organisation.id));
            let party = Party::Organisation(organisation.id.clone());
            assert_eq!(dataset.projects_of_organisation(&organisation.id), dataset.involvements_by_search(&party));
        }
        for project in &dataset.projects {
            assert_eq!(dataset.project(&project.id).map(|p| &p.id), Some(&project.id));
        }
        for theme in &dataset.themes {
            assert_eq!(dataset.theme(&theme.id).map(|t| &t.id), Some(&theme.id));
        }
        for agreement in &dataset.agreements {
            assert_eq!(dataset.agreement(&agreement.id).map(|a| &a.id), Some(&agreement.id));
            assert_eq!(dataset.name_of(&agreement.id), Some(&agreement.name));
        }
        for activity in &dataset.activities {
            assert_eq!(dataset.activity(&activity.id).map(|a| &a.id), Some(&activity.id));
            assert_eq!(dataset.name_of(&activity.id), Some(&activity.name));
            assert_eq!(dataset.place(&activity.id), None, "{} is not a place", activity.id);
        }
        assert!(!dataset.activities.is_empty(), "the data has activities to check");
        let nowhere = RecordId::parse("no-such-record").unwrap();
        assert!(dataset.place(&nowhere).is_none() && dataset.projects_of_place(&nowhere).is_empty());
        assert!(dataset.name_of(&nowhere).is_none() && dataset.record_type(&nowhere).is_none());
        assert_eq!(dataset.record_type(&dataset.projects[0].id), Some(RecordType::Project));
        assert_eq!(dataset.record_type(&dataset.activities[0].id), Some(RecordType::Activity));
        assert_eq!(dataset.record_type(&dataset.organisations[0].id), Some(RecordType::Organisation));
        let kokkola = dataset.places.iter().find(|p| p.id.as_str() == "kokkola").unwrap();
        assert_eq!(dataset.name_of(&kokkola.id), Some(&kokkola.name));
        assert!(dataset.projects.iter().any(|p| !p.partners.is_empty()), "the data has partners to check");
    }

    /// Markers come InnoCities first, then partner places, then organisations, each kind in
    /// the order of its list, whatever order the places were read in.
    #[test]
    fn markers_come_in_kind_order_and_keep_list_order() {
        let mut dataset = bundled_for_tests().dataset;
        dataset.places.reverse();
        let markers = dataset.markers();
        let kinds: Vec<MarkerKind> = markers.iter().map(|m| m.kind).collect();
        assert!(kinds.is_sorted(), "kinds in order");
        assert!(kinds.contains(&MarkerKind::InnoCity) && kinds.contains(&MarkerKind::Partner));
        assert!(kinds.contains(&MarkerKind::Organisation));
        let cities: Vec<&RecordId> =
            dataset.places.iter().filter(|p| p.kind == PlaceKind::InnoCity).map(|p| &p.id).collect();
        let city_markers: Vec<&RecordId> =
            markers.iter().filter(|m| m.kind == MarkerKind::InnoCity).map(|m| &m.id).collect();
        assert_eq!(city_markers, cities);
        assert_eq!(markers.len(), dataset.places.len() + dataset.organisations.len());
    }

    /// The filter's countries: each once, in capitals, in alphabetical order.
    #[test]
    fn countries_are_listed_once_in_capitals_in_order() {
        let mut dataset = bundled_for_tests().dataset;
        let mut lower_case = dataset.places[0].clone();
        lower_case.country = lower_case.country.to_ascii_lowercase();
        dataset.places.push(lower_case);
        let countries: Vec<String> = dataset.countries().into_iter().collect();
        assert!(countries.is_sorted() && countries.len() >= 3, "{countries:?}");
        assert!(countries.iter().all(|c| c.chars().all(|ch| ch.is_ascii_uppercase())));
        assert!(countries.contains(&"FI".to_owned()) && countries.contains(&"SE".to_owned()));
    }

    /// A dataset changed after its tables were made (only tests do that) is still answered
    /// right.
    #[test]
    fn a_dataset_changed_after_its_first_lookup_is_still_answered_right() {
        let mut dataset = bundled_for_tests().dataset;
        let first = dataset.places[0].clone();
        assert!(dataset.place(&first.id).is_some(), "tables made");
        let mut copy = first.clone();
        copy.id = RecordId::parse("added-later").unwrap();
        dataset.places.push(copy);
        assert!(dataset.place(&RecordId::parse("added-later").unwrap()).is_some());
        assert_eq!(dataset.clone(), dataset, "the tables are not part of equality");
    }
}
