//! Reading one feature as a record: the feature's own members (type, id, geometry, properties),
//! the record type, the properties each type defines (others are warned about and ignored), and
//! one reader per record type (theme, place, organisation, agreement, project with its partners
//! and budget, activity) built from the field readers in `fields`.
//!
//! A record reader reads every field even after a mistake, so all of a record's problems are
//! reported at once; the record is returned only when nothing that costs it was found. Its
//! references are checked later, in `references`, once every id in the file is known.

use serde_json_borrow::Value as Json;

use crate::data::envelope::describe_json;
use crate::data::error::{shorten, ProblemKind};
use crate::data::model::*;
use crate::data::reader::fields::{
    members, Path, Props, RecordReader, EXPECTED_ID, EXPECTED_RECORD, MAX_NAME_CHARS, MAX_TEXT_CHARS,
};
use crate::geo::latlng::LatLng;
use crate::geo::projection::project;

/// A record as read, before its references are resolved. Boxed: the records differ in size (a
/// project is four times a theme), and a list of thousands of unboxed records would reserve the
/// largest size for each, doubled by the list's growth.
pub(super) enum Record {
    Theme(Box<Theme>),
    Place(Box<Place>),
    Organisation(Box<Organisation>),
    Agreement(Box<Agreement>),
    Project(Box<Project>),
    Activity(Box<Activity>),
}

impl Record {
    pub(super) fn id(&self) -> &RecordId {
        match self {
            Self::Theme(x) => &x.id,
            Self::Place(x) => &x.id,
            Self::Organisation(x) => &x.id,
            Self::Agreement(x) => &x.id,
            Self::Project(x) => &x.id,
            Self::Activity(x) => &x.id,
        }
    }
}

impl RecordReader {
    /// The record a feature holds, or none when an error costs it; every problem found on the way
    /// is collected.
    pub(super) fn record(&mut self, feature: &Json<'_>) -> Option<Record> {
        let Some(feature) = members(feature) else {
            self.wrong(Path::Root(""), feature, "a GeoJSON Feature object");
            return None;
        };
        match feature.get("type") {
            Some(Json::Str(t)) if t == "Feature" => {}
            Some(other) => self.wrong(Path::Root("type"), other, "\"Feature\""),
            None => self.missing(Path::Root("type"), "\"Feature\""),
        }
        for (key, _) in feature.iter().filter(|(k, _)| !["type", "id", "geometry", "properties", "bbox"].contains(k)) {
            self.warn(Path::Root(key), ProblemKind::UnknownProperty { name: shorten(key) });
        }
        let id = match feature.get("id") {
            Some(Json::Str(s)) => match RecordId::parse(s) {
                Some(id) => {
                    self.id = Some(id.clone());
                    Some(id)
                }
                None => {
                    self.wrong(Path::Root("id"), &Json::Str(s.clone()), EXPECTED_ID);
                    None
                }
            },
            Some(other) => {
                self.wrong(Path::Root("id"), other, EXPECTED_ID);
                None
            }
            None => {
                self.missing(Path::Root("id"), EXPECTED_ID);
                None
            }
        };
        let properties = match feature.get("properties") {
            Some(Json::Object(p)) => p,
            Some(Json::Null) | None => {
                self.missing(Path::Root("properties"), "an object of record properties");
                return None;
            }
            Some(other) => {
                self.wrong(Path::Root("properties"), other, "an object");
                return None;
            }
        };
        let record_field = Path::Prop("record");
        let record_type = match properties.get("record") {
            Some(Json::Str(code)) => match RecordType::from_code(code) {
                Some(t) => t,
                None => {
                    self.wrong(record_field, &Json::Str(code.clone()), EXPECTED_RECORD);
                    return None;
                }
            },
            Some(other) => {
                self.wrong(record_field, other, EXPECTED_RECORD);
                return None;
            }
            None => {
                self.missing(record_field, EXPECTED_RECORD);
                return None;
            }
        };
        self.record_type = Some(record_type);
        let geometry = feature.get("geometry").filter(|g| !g.is_null());
        let spatial = matches!(record_type, RecordType::Place | RecordType::Organisation);
        let location = if spatial {
            self.point(geometry)
        } else {
            if let Some(geometry) = geometry {
                let kind = ProblemKind::WrongValue {
                    found: describe_json(geometry),
                    expected: "null: this record is not on the map (it was ignored)",
                };
                self.warn(Path::Root("geometry"), kind);
            }
            None
        };
        let p = Props(properties);
        self.unknown_properties(&p, record_type);
        let id = id?;
        let record = match record_type {
            RecordType::Theme => self.theme(id, &p).map(|r| Record::Theme(Box::new(r))),
            RecordType::Place => self.place(id, &p, location?).map(|r| Record::Place(Box::new(r))),
            RecordType::Organisation => self.organisation(id, &p, location?).map(|r| Record::Organisation(Box::new(r))),
            RecordType::Agreement => self.agreement(id, &p).map(|r| Record::Agreement(Box::new(r))),
            RecordType::Project => self.project(id, &p).map(|r| Record::Project(Box::new(r))),
            RecordType::Activity => self.activity(id, &p).map(|r| Record::Activity(Box::new(r))),
        };
        record.filter(|_| !self.failed)
    }

    fn unknown_properties(&mut self, p: &Props<'_, '_>, record_type: RecordType) {
        for (key, _) in p.0.iter().filter(|(k, _)| !is_property_of(record_type, k)) {
            let short = shorten(key);
            self.warn(Path::Prop(&short), ProblemKind::UnknownProperty { name: short.clone() });
        }
    }
    fn theme(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Theme> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        let field = Path::Prop("colour");
        let colour = match p.get("colour") {
            Some(Json::Str(s)) => {
                let colour = Colour::parse(s);
                if colour.is_none() {
                    self.wrong(field, &Json::Str(s.clone()), "a colour as #rrggbb");
                }
                colour
            }
            Some(other) => {
                self.wrong(field, other, "a colour as #rrggbb");
                None
            }
            None => {
                self.missing(field, "a colour as #rrggbb");
                None
            }
        };
        // Themes are our own vocabulary; sources are welcome but not required.
        let _ = self.provenance(p, false);
        Some(Theme { id, name: name?, description: description?, colour: colour? })
    }

    fn place(&mut self, id: RecordId, p: &Props<'_, '_>, location: LatLng) -> Option<Place> {
        const EXPECTED_COUNTRY: &str = "an ISO 3166-1 alpha-2 country code such as \"FI\"";
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let kinds = [(PlaceKind::InnoCity, "innocity"), (PlaceKind::Partner, "partner")];
        let kind = self.one_of(p.get("kind"), Path::Prop("kind"), &kinds, "\"innocity\" or \"partner\"");
        let country = self.string(p, "country", true, EXPECTED_COUNTRY).filter(|c| {
            let ok = c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
            if !ok {
                self.wrong(Path::Prop("country"), &Json::Str(c.clone().into()), EXPECTED_COUNTRY);
            }
            ok
        });
        let region = self.text(p, "region", false, MAX_NAME_CHARS);
        let description = self.text(p, "description", false, MAX_TEXT_CHARS);
        let agreement = self.id_at(p.get("agreement"), Path::Prop("agreement"), kind == Some(PlaceKind::InnoCity));
        let themes = self.ids(p, "themes");
        let website = self.url_at(p.get("website"), Path::Prop("website"), false);
        let provenance = self.provenance(p, true);
        Some(Place {
            id,
            kind: kind?,
            name: name?,
            country: country?,
            region,
            description,
            location,
            world: project(location),
            agreement,
            themes,
            website,
            provenance,
        })
    }

    fn organisation(&mut self, id: RecordId, p: &Props<'_, '_>, location: LatLng) -> Option<Organisation> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let expected = "a kind such as \"university\", \"company\" or \"port\"";
        let kind = self.one_of(p.get("kind"), Path::Prop("kind"), &OrganisationKind::CODES, expected);
        let place = self.id_at(p.get("place"), Path::Prop("place"), false);
        let description = self.text(p, "description", false, MAX_TEXT_CHARS);
        let website = self.url_at(p.get("website"), Path::Prop("website"), false);
        let provenance = self.provenance(p, true);
        Some(Organisation {
            id,
            kind: kind?,
            name: name?,
            description,
            place,
            location,
            world: project(location),
            website,
            provenance,
        })
    }

    fn agreement(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Agreement> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let members = self.ids(p, "members");
        if members.is_empty() && !self.failed {
            self.missing(Path::Prop("members"), "a non-empty array of place ids");
        }
        let themes = self.ids(p, "themes");
        let focus = self.text(p, "focus", false, MAX_TEXT_CHARS);
        let signed = self.date_at(p.get("signed"), Path::Prop("signed"));
        let period = self.period(p, "period").unwrap_or_default();
        let intermediate_body = self.text(p, "intermediate_body", false, MAX_NAME_CHARS);
        let provenance = self.provenance(p, true);
        Some(Agreement { id, name: name?, members, themes, focus, signed, period, intermediate_body, provenance })
    }

    fn project(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Project> {
        const EXPECTED_LEAD: &str = "an object {\"place\": id, \"organisations\": [ids]}";
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        // null: the project spans all themes. Absent is a mistake, so it must be written out.
        let theme = match p.get("theme") {
            Some(Json::Null) => None,
            other => Some(self.id_at(other, Path::Prop("theme"), true)),
        };
        let lead_field = Path::Prop("lead");
        let (lead_place, lead_organisations) = match p.get("lead") {
            Some(Json::Object(lead)) => {
                let place = self.id_at(lead.get("place"), Path::Sub(&lead_field, "place"), true);
                let organisations = self.ids_at(
                    lead.get("organisations"),
                    Path::Sub(&lead_field, "organisations"),
                    "an array of organisation ids",
                );
                (place, organisations)
            }
            Some(other) => {
                self.wrong(lead_field, other, EXPECTED_LEAD);
                (None, Vec::new())
            }
            None => {
                self.missing(lead_field, EXPECTED_LEAD);
                (None, Vec::new())
            }
        };
        let partners = self.partners(p);
        let period = self.period(p, "period").unwrap_or_default();
        let budget = self.budget(p);
        let funder = self.id_at(p.get("funder"), Path::Prop("funder"), false);
        let coordinator = self.id_at(p.get("coordinator"), Path::Prop("coordinator"), false);
        let provenance = self.provenance(p, true);
        Some(Project {
            id,
            name: name?,
            description: description?,
            theme: theme.flatten(),
            lead_place: lead_place?,
            lead_organisations,
            partners,
            period,
            budget,
            funder,
            coordinator,
            provenance,
        })
    }

    fn partners(&mut self, p: &Props<'_, '_>) -> Vec<Partner> {
        const EXPECTED: &str = "an object {\"place\" or \"organisation\": id, \"role\": …}";
        const EXPECTED_ROLE: &str = "\"co-implementer\", \"partner\" or \"network\"";
        let field = Path::Prop("partners");
        let items = match p.get("partners") {
            None | Some(Json::Null) => return Vec::new(),
            Some(Json::Array(items)) => items,
            Some(other) => {
                self.wrong(field, other, "an array of partners");
                return Vec::new();
            }
        };
        let mut partners = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_field = Path::Item(&field, i);
            let Some(partner) = members(item) else {
                self.wrong(item_field, item, EXPECTED);
                continue;
            };
            let party = if partner.contains_key("place") {
                self.id_at(partner.get("place"), Path::Sub(&item_field, "place"), true).map(Party::Place)
            } else if partner.contains_key("organisation") {
                self.id_at(partner.get("organisation"), Path::Sub(&item_field, "organisation"), true)
                    .map(Party::Organisation)
            } else {
                self.missing(item_field, "\"place\" or \"organisation\"");
                None
            };
            let role = match partner.get("role") {
                None | Some(Json::Null) => Some(PartnerRole::Partner),
                other => self.one_of(other, Path::Sub(&item_field, "role"), &PartnerRole::CODES, EXPECTED_ROLE),
            };
            if let (Some(party), Some(role)) = (party, role) {
                partners.push(Partner { party, role });
            }
        }
        partners
    }

    fn budget(&mut self, p: &Props<'_, '_>) -> Option<Budget> {
        let field = Path::Prop("budget");
        let fields = match p.get("budget") {
            None | Some(Json::Null) => return None,
            Some(Json::Object(fields)) => fields,
            Some(other) => {
                self.wrong(field, other, "an object with \"total_eur\" and \"public_funding_eur\", or null");
                return None;
            }
        };
        let total_eur = self.amount(fields.get("total_eur"), Path::Sub(&field, "total_eur"));
        let public_field = Path::Sub(&field, "public_funding_eur");
        let public_funding_eur = self.amount(fields.get("public_funding_eur"), public_field);
        if let (Some(total), Some(public)) = (total_eur, public_funding_eur) {
            if public > total {
                let found = format!("public funding {public} above the total {total}");
                self.error(
                    public_field,
                    ProblemKind::WrongValue { found, expected: "public funding at most the total" },
                );
            }
        }
        let public_funding =
            self.text_at(fields.get("public_funding"), Path::Sub(&field, "public_funding"), false, MAX_NAME_CHARS);
        Some(Budget { total_eur, public_funding_eur, public_funding })
    }

    fn activity(&mut self, id: RecordId, p: &Props<'_, '_>) -> Option<Activity> {
        let name = self.text(p, "name", true, MAX_NAME_CHARS);
        let description = self.text(p, "description", true, MAX_TEXT_CHARS);
        let expected = "\"visit\", \"study-visit\", \"event\", \"partnership\" or \"seminar\"";
        let kind = self.one_of(p.get("kind"), Path::Prop("kind"), &ActivityKind::CODES, expected);
        let places = self.ids(p, "places");
        if places.is_empty() && !self.failed {
            self.missing(Path::Prop("places"), "a non-empty array of place ids");
        }
        let organisations = self.ids(p, "organisations");
        let project = self.id_at(p.get("project"), Path::Prop("project"), false);
        let period = self.period(p, "period");
        let is_virtual = match p.get("virtual") {
            None | Some(Json::Null) => false,
            Some(Json::Bool(b)) => *b,
            Some(other) => {
                self.wrong(Path::Prop("virtual"), other, "true or false");
                false
            }
        };
        let provenance = self.provenance(p, true);
        Some(Activity {
            id,
            kind: kind?,
            name: name?,
            description: description?,
            places,
            organisations,
            project,
            period,
            is_virtual,
            provenance,
        })
    }
}

/// Whether `key` is a property of records of `record_type` (written as a `match`, which is
/// several times faster than searching lists: it runs for every property of every record).
fn is_property_of(record_type: RecordType, key: &str) -> bool {
    use RecordType::*;
    match key {
        "record" | "name" | "sources" | "checked" | "unverified" | "notes" | "links" => true,
        "description" => record_type != Agreement,
        "kind" => matches!(record_type, Place | Organisation | Activity),
        "website" => matches!(record_type, Place | Organisation),
        "themes" => matches!(record_type, Place | Agreement),
        "period" => matches!(record_type, Agreement | Project | Activity),
        "country" | "region" | "agreement" => record_type == Place,
        "colour" => record_type == Theme,
        "place" => record_type == Organisation,
        "members" | "focus" | "signed" | "intermediate_body" => record_type == Agreement,
        "theme" | "lead" | "partners" | "budget" | "funder" | "coordinator" => record_type == Project,
        "places" | "organisations" | "project" | "virtual" => record_type == Activity,
        _ => false,
    }
}
