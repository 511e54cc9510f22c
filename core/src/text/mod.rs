//! Everything a translator touches: the user-interface wording ([`ui_text`]), why a data file
//! could not be loaded ([`load_errors`]), country and sea names ([`place_names`]), and numbers,
//! money and dates written per language ([`format`]).
//! Adding a language is a new variant of [`Language`](crate::language::Language) and a new arm
//! in each of these files, which the compiler lists; the data's own texts come in every
//! language from the data file.

pub mod embed_text;
pub mod format;
pub mod load_errors;
pub mod place_names;
pub mod ui_text;
