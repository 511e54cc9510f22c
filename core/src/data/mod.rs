//! The data: the records InnoMap shows (themes, places, organisations, agreements, projects,
//! activities), the one reader that parses and validates a data file, the GeoJSON envelope it
//! shares with the basemap reader, and the errors both report.

pub mod envelope;
pub mod error;
pub mod model;
pub mod reader;
