//! Why a data file could not be loaded, in plain words in every language: the detail under the
//! load-failure heading ([`UiText::load_failed`]).
//!
//! [`LoadError`]'s own text is English for logs and the validator; a visitor, or the editor of
//! a city's site who put `data=` in an embed, reads this instead. Each message names the file's
//! address (the first thing to check) and says what to do, and who can do it, when the fix is
//! not the visitor's: a site's Content-Security-Policy, a server's CORS header. The reader's
//! technical details ([`DataError`]) stay in English inside the message: they are for whoever
//! edits the file, and quote the format's English keys anyway.

use crate::data::error::{DataError, DataUrlRefusal, LoadError};
use crate::language::Language;
use crate::text::ui_text::UiText;

/// The longest address a message shows, in characters: a `data:` address can be the whole
/// file, and the start of an address is what tells one file from another.
const SHOWN_URL_CHARS: usize = 200;

impl UiText {
    /// Why the file could not be loaded and what to do, naming the file's address.
    pub fn load_error(self, error: &LoadError) -> String {
        let url = shown(error.url());
        match error {
            LoadError::Network { reason, .. } => self.no_answer(&url, reason),
            LoadError::HttpStatus { status, status_text, .. } => self.http_status(&url, *status, status_text),
            LoadError::Data { error: DataError::TooLarge { limit, .. }, .. } => self.too_large(&url, *limit),
            LoadError::Data { error: DataError::Empty, .. } => match self.0 {
                Language::En => format!("The file {url} is empty."),
                Language::Fi => format!("Tiedosto {url} on tyhjä."),
                Language::Sv => format!("Filen {url} är tom."),
            },
            LoadError::Data { error, .. } => match self.0 {
                Language::En => format!("The file {url} is not InnoMap data: {error}."),
                Language::Fi => format!("Tiedosto {url} ei ole InnoMap-aineistoa: {error}."),
                Language::Sv => format!("Filen {url} innehåller inte InnoMap-data: {error}."),
            },
            LoadError::NotAllowed { refusal: DataUrlRefusal::NotHttps, .. } => match self.0 {
                Language::En => format!(
                    "The file {url} was not loaded because its address begins with http instead of https. \
                     Use an https address."
                ),
                Language::Fi => format!(
                    "Tiedostoa {url} ei ladattu, koska sen osoitteen alussa on http eikä https. \
                     Käytä https-osoitetta."
                ),
                Language::Sv => format!(
                    "Filen {url} lästes inte in eftersom adressen börjar med http i stället för https. \
                     Använd en https-adress."
                ),
            },
            LoadError::NotAllowed { refusal: DataUrlRefusal::NotWeb { scheme }, .. } => match self.0 {
                Language::En => format!(
                    "The file {url} was not loaded because a {scheme}: address is not a web address. \
                     Use an https address."
                ),
                Language::Fi => format!(
                    "Tiedostoa {url} ei ladattu, koska {scheme}:-alkuinen osoite ei ole verkko-osoite. \
                     Käytä https-osoitetta."
                ),
                Language::Sv => format!(
                    "Filen {url} lästes inte in eftersom en adress som börjar med {scheme}: inte är en \
                     webbadress. Använd en https-adress."
                ),
            },
            LoadError::NotAllowed { refusal: DataUrlRefusal::NotAnAddress, .. } => match self.0 {
                Language::En => {
                    format!("The data file was not loaded because {url} is not a web address. Use an https address.")
                }
                Language::Fi => {
                    format!("Aineistotiedostoa ei ladattu, koska {url} ei ole verkko-osoite. Käytä https-osoitetta.")
                }
                Language::Sv => {
                    format!("Datafilen lästes inte in eftersom {url} inte är en webbadress. Använd en https-adress.")
                }
            },
            LoadError::TooLarge { limit_bytes, .. } => self.too_large(&url, *limit_bytes),
            LoadError::TimedOut { seconds, .. } => match self.0 {
                Language::En => format!(
                    "The file {url} did not load within {seconds} seconds. Check your network connection and \
                     try again."
                ),
                Language::Fi => format!(
                    "Tiedosto {url} ei latautunut {seconds} sekunnissa. Tarkista verkkoyhteys ja yritä \
                     uudelleen."
                ),
                Language::Sv => format!(
                    "Filen {url} lästes inte in inom {seconds} sekunder. Kontrollera nätverksanslutningen och \
                     försök igen."
                ),
            },
            LoadError::BlockedByPolicy { .. } => match self.0 {
                Language::En => format!(
                    "This site's security settings do not allow loading the file {url}. The site's \
                     administrator must add the file's server to connect-src in the site's \
                     Content-Security-Policy."
                ),
                Language::Fi => format!(
                    "Sivuston tietoturva-asetukset eivät salli tiedoston {url} lataamista. Sivuston ylläpitäjän \
                     on lisättävä tiedoston palvelin sivuston Content-Security-Policy-määrityksen \
                     connect-src-kohtaan."
                ),
                Language::Sv => format!(
                    "Webbplatsens säkerhetsinställningar tillåter inte att filen {url} läses in. Webbplatsens \
                     administratör behöver lägga till filens server under connect-src i webbplatsens \
                     Content-Security-Policy."
                ),
            },
            LoadError::NotShared { .. } => match self.0 {
                Language::En => format!(
                    "The server of the file {url} does not let other sites read it. The server must send the \
                     Access-Control-Allow-Origin header (CORS) with the file."
                ),
                Language::Fi => format!(
                    "Tiedoston {url} palvelin ei salli muiden sivustojen lukea tiedostoa. Palvelimen on \
                     lähetettävä tiedoston mukana Access-Control-Allow-Origin-otsake (CORS)."
                ),
                Language::Sv => format!(
                    "Servern för filen {url} låter inte andra webbplatser läsa den. Servern behöver skicka \
                     rubriken Access-Control-Allow-Origin (CORS) med filen."
                ),
            },
        }
    }

    /// No answer at all; the browser's own words (in English, whatever the language) follow in
    /// brackets for whoever investigates.
    fn no_answer(self, url: &str, reason: &str) -> String {
        let reason = if reason.trim().is_empty() { String::new() } else { format!(" ({})", reason.trim()) };
        match self.0 {
            Language::En => {
                format!(
                    "No answer came when loading the file {url}. Check your network connection and try again.{reason}"
                )
            }
            Language::Fi => {
                format!(
                    "Tiedostoa {url} ladattaessa palvelimelta ei saatu vastausta. Tarkista verkkoyhteys ja yritä \
                     uudelleen.{reason}"
                )
            }
            Language::Sv => {
                format!(
                    "Inget svar kom när filen {url} skulle läsas in. Kontrollera nätverksanslutningen och försök \
                     igen.{reason}"
                )
            }
        }
    }

    /// An error status, with what to do for the common ones: the address for a missing file,
    /// patience for a server in trouble.
    fn http_status(self, url: &str, status: u16, status_text: &str) -> String {
        // HTTP/2 has no reason phrase, so the browser's is often empty.
        let answer = match status_text.trim() {
            "" => status.to_string(),
            text => format!("{status} {text}"),
        };
        match (self.0, status) {
            (Language::En, 404 | 410) => {
                format!("The file {url} was not found (the server answered {answer}). Check the address.")
            }
            (Language::Fi, 404 | 410) => {
                format!("Tiedostoa {url} ei löytynyt (palvelin vastasi {answer}). Tarkista osoite.")
            }
            (Language::Sv, 404 | 410) => {
                format!("Filen {url} hittades inte (servern svarade {answer}). Kontrollera adressen.")
            }
            (Language::En, 500..=599) => {
                format!("The server had a problem with the file {url} (it answered {answer}). Try again later.")
            }
            (Language::Fi, 500..=599) => {
                format!(
                    "Palvelimella oli häiriö tiedostoa {url} haettaessa (palvelin vastasi {answer}). \
                     Yritä myöhemmin uudelleen."
                )
            }
            (Language::Sv, 500..=599) => {
                format!("Servern hade problem med filen {url} (den svarade {answer}). Försök igen senare.")
            }
            (Language::En, _) => format!("The server answered {answer} when the file {url} was requested."),
            (Language::Fi, _) => format!("Palvelin vastasi {answer}, kun tiedostoa {url} pyydettiin."),
            (Language::Sv, _) => format!("Servern svarade {answer} när filen {url} begärdes."),
        }
    }

    /// Larger than the map reads, with the limit in megabytes.
    fn too_large(self, url: &str, limit_bytes: usize) -> String {
        let megabytes = megabytes(limit_bytes, self.0);
        match self.0 {
            Language::En => format!("The file {url} is too large: the map reads files of at most {megabytes} MB."),
            Language::Fi => {
                format!("Tiedosto {url} on liian suuri: kartta lukee enintään {megabytes} Mt:n tiedostoja.")
            }
            Language::Sv => format!("Filen {url} är för stor: kartan läser filer på högst {megabytes} MB."),
        }
    }
}

/// `url` as a message shows it: whole, unless it is longer than [`SHOWN_URL_CHARS`].
fn shown(url: &str) -> String {
    if url.chars().count() <= SHOWN_URL_CHARS {
        url.to_owned()
    } else {
        let start: String = url.chars().take(SHOWN_URL_CHARS).collect();
        format!("{start}…")
    }
}

/// `bytes` in megabytes of 1,048,576 bytes (as file managers count them), with a decimal only
/// when it is not whole, written with the language's decimal separator.
fn megabytes(bytes: usize, language: Language) -> String {
    let tenths = (bytes as f64 / 1_048_576.0 * 10.0).round() as u64;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    match (tenth, language) {
        (0, _) => whole.to_string(),
        (_, Language::En) => format!("{whole}.{tenth}"),
        (_, Language::Fi | Language::Sv) => format!("{whole},{tenth}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://city.example/data/innomap.geojson";

    fn every_error() -> Vec<LoadError> {
        let url = || URL.to_owned();
        vec![
            LoadError::Network { url: url(), reason: "TypeError: Failed to fetch".into() },
            LoadError::HttpStatus { url: url(), status: 404, status_text: "Not Found".into() },
            LoadError::HttpStatus { url: url(), status: 503, status_text: String::new() },
            LoadError::HttpStatus { url: url(), status: 403, status_text: "Forbidden".into() },
            LoadError::Data { url: url(), error: DataError::Empty },
            LoadError::Data { url: url(), error: DataError::TooLarge { bytes: 20_000_000, limit: 16 * 1_048_576 } },
            LoadError::Data { url: url(), error: DataError::TooDeep { limit: 64, at: 100 } },
            LoadError::Data { url: url(), error: DataError::NotJson { line: 1, column: 2, reason: "x".into() } },
            LoadError::Data { url: url(), error: DataError::NotFeatureCollection { found: "an array".into() } },
            LoadError::Data { url: url(), error: DataError::FeaturesNotArray { found: "null".into() } },
            LoadError::Data { url: url(), error: DataError::UnsupportedFormat { found: "2".into() } },
            LoadError::NotAllowed { url: url(), refusal: DataUrlRefusal::NotHttps },
            LoadError::NotAllowed { url: url(), refusal: DataUrlRefusal::NotWeb { scheme: "javascript".into() } },
            LoadError::TooLarge { url: url(), limit_bytes: 16 * 1_048_576 },
            LoadError::TimedOut { url: url(), seconds: 20 },
            LoadError::BlockedByPolicy { url: url() },
            LoadError::NotShared { url: url() },
        ]
    }

    #[test]
    fn every_load_error_names_the_file_in_every_language() {
        for language in Language::ALL {
            for error in every_error() {
                let message = UiText(language).load_error(&error);
                assert!(message.contains(URL), "{language}: {message}");
                assert!(message.ends_with(['.', ')']), "{language}: {message}");
            }
        }
    }

    #[test]
    fn the_languages_say_each_error_in_their_own_words() {
        for error in every_error() {
            let [en, fi, sv] = Language::ALL.map(|language| UiText(language).load_error(&error));
            assert!(en != fi && fi != sv && en != sv, "{en}");
        }
    }

    #[test]
    fn a_missing_file_asks_to_check_the_address() {
        let error = LoadError::HttpStatus { url: URL.into(), status: 404, status_text: "Not Found".into() };
        assert_eq!(
            UiText(Language::En).load_error(&error),
            "The file https://city.example/data/innomap.geojson was not found (the server answered 404 Not Found). \
             Check the address."
        );
        assert_eq!(
            UiText(Language::Fi).load_error(&error),
            "Tiedostoa https://city.example/data/innomap.geojson ei löytynyt (palvelin vastasi 404 Not Found). \
             Tarkista osoite."
        );
    }

    #[test]
    fn a_file_that_is_not_innomap_data_gives_the_readers_detail() {
        let error = LoadError::Data { url: URL.into(), error: DataError::FeaturesNotArray { found: "null".into() } };
        assert_eq!(
            UiText(Language::En).load_error(&error),
            "The file https://city.example/data/innomap.geojson is not InnoMap data: expected \"features\" to be an \
             array of GeoJSON features, but found null."
        );
    }

    #[test]
    fn a_file_too_large_gives_the_limit_in_megabytes() {
        let error = LoadError::TooLarge { url: URL.into(), limit_bytes: 16 * 1_048_576 };
        assert_eq!(
            UiText(Language::En).load_error(&error),
            "The file https://city.example/data/innomap.geojson is too large: the map reads files of at most 16 MB."
        );
        let half = LoadError::TooLarge { url: URL.into(), limit_bytes: 1_572_864 };
        assert!(UiText(Language::Sv).load_error(&half).contains("högst 1,5 MB"));
    }

    #[test]
    fn a_server_that_does_not_share_the_file_is_told_which_header_to_send() {
        let error = LoadError::NotShared { url: URL.into() };
        assert_eq!(
            UiText(Language::En).load_error(&error),
            "The server of the file https://city.example/data/innomap.geojson does not let other sites read it. The \
             server must send the Access-Control-Allow-Origin header (CORS) with the file."
        );
        assert!(UiText(Language::Fi).load_error(&error).contains("Access-Control-Allow-Origin"));
    }

    #[test]
    fn a_blocked_file_names_the_policy_to_change() {
        for language in Language::ALL {
            let message = UiText(language).load_error(&LoadError::BlockedByPolicy { url: URL.into() });
            assert!(message.contains("connect-src") && message.contains("Content-Security-Policy"), "{message}");
        }
    }

    #[test]
    fn a_very_long_address_is_shown_by_its_start() {
        let long = format!("data:application/json,{}", "x".repeat(2000));
        let error =
            LoadError::NotAllowed { url: long.clone(), refusal: DataUrlRefusal::NotWeb { scheme: "data".into() } };
        let message = UiText(Language::En).load_error(&error);
        assert!(message.contains(&format!("{}…", &long[..SHOWN_URL_CHARS])));
        assert!(message.len() < 600, "{message}");
    }

    #[test]
    fn the_browsers_reason_follows_in_brackets_when_there_is_one() {
        let error = LoadError::Network { url: URL.into(), reason: "TypeError: Failed to fetch".into() };
        assert!(UiText(Language::Sv).load_error(&error).ends_with("försök igen. (TypeError: Failed to fetch)"));
        let silent = LoadError::Network { url: URL.into(), reason: " ".into() };
        assert!(UiText(Language::En).load_error(&silent).ends_with("try again."));
    }
}
