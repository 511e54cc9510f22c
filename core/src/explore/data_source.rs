//! Whether a data file named by the address (`data=`) may be fetched, and the limits of fetching
//! it.
//!
//! The address is untrusted: a link can point the map at any file, and the map then shows
//! what that file says under the site's name. The rule keeps to addresses whose content the
//! network cannot change on the way: https, the page's own origin (whatever it serves the map
//! itself with), and plain http only on a loopback host (`localhost`, `127.0.0.1`, `[::1]`, and
//! names under `.localhost`), which the W3C's Secure Contexts treats as trustworthy, so that a
//! data editor can check a file on their own machine. Everything else, plain http elsewhere and
//! addresses that are not on the web at all (`data:`, `javascript:`, `file:`, `blob:`), is
//! refused with a [`DataUrlRefusal`].
//!
//! The address is judged once the browser has resolved it ([`ResolvedUrl`]), not as written:
//! the browser's URL parser is the one that fetches, so a second parser here could be fooled by
//! an address the two read differently.

pub use crate::data::error::DataUrlRefusal;

/// The largest data file fetched, in bytes: the reader's own limit
/// ([`MAX_FILE_BYTES`](crate::data::envelope::MAX_FILE_BYTES)), so a file the app may download
/// is never one the reader would then refuse, and the download stops as soon as it is passed.
pub const MAX_DATA_BYTES: usize = crate::data::envelope::MAX_FILE_BYTES;

/// How long the app waits for a data file, in milliseconds, before giving up with
/// `LoadError::TimedOut`: long enough for 16 MiB on a slow mobile connection to start arriving,
/// short enough that a visitor is not left looking at a spinner.
pub const DATA_TIMEOUT_MS: u32 = 20_000;

/// An address as the browser's URL parser resolved it against the page (the fields of a
/// JavaScript `URL` of the same names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolvedUrl<'a> {
    /// The whole address.
    pub href: &'a str,
    /// The scheme with its colon, such as `https:`.
    pub protocol: &'a str,
    /// The host without the port; an IPv6 address in brackets, such as `[::1]`.
    pub hostname: &'a str,
    /// The serialised origin, such as `https://city.example:8443`, or `null` for an address
    /// that has none.
    pub origin: &'a str,
}

/// Whether the data file at `url` may be fetched by a page whose origin is `page_origin`
/// (the browser's `location.origin`): see the module's documentation for the rule.
pub fn check_data_url(url: &ResolvedUrl<'_>, page_origin: &str) -> Result<(), DataUrlRefusal> {
    let scheme = url.protocol.strip_suffix(':').unwrap_or(url.protocol).to_ascii_lowercase();
    if is_same_origin(url, &scheme, page_origin) {
        return Ok(());
    }
    match scheme.as_str() {
        "https" => Ok(()),
        "http" if is_loopback(url.hostname) => Ok(()),
        "http" => Err(DataUrlRefusal::NotHttps),
        _ => Err(DataUrlRefusal::NotWeb { scheme }),
    }
}

/// Whether `url` is on the page's own origin. The scheme must be the origin's too: a `blob:`
/// address reports the origin of the page that made it, yet holds whatever a script put in it.
/// An opaque origin (`null`, a `file:` page's) is never the same as another.
fn is_same_origin(url: &ResolvedUrl<'_>, scheme: &str, page_origin: &str) -> bool {
    page_origin != "null"
        && url.origin.eq_ignore_ascii_case(page_origin)
        && page_origin.split_once("://").is_some_and(|(page_scheme, _)| page_scheme.eq_ignore_ascii_case(scheme))
}

/// Whether `hostname` names this computer: `localhost` and names under it, `127.0.0.1` and
/// `[::1]` (as the browser writes them).
fn is_loopback(hostname: &str) -> bool {
    let host = hostname.to_ascii_lowercase();
    let host = host.strip_suffix('.').unwrap_or(&host);
    host == "localhost" || host.ends_with(".localhost") || host == "127.0.0.1" || host == "[::1]"
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://innomap.example";

    /// The parts the browser gives for `href` (enough of a URL parser for these tests).
    fn resolved(href: &str) -> ResolvedUrl<'_> {
        let (protocol, rest) =
            href.split_once(':').map_or((href, ""), |(scheme, rest)| (&href[..scheme.len() + 1], rest));
        let authority = rest.strip_prefix("//").map(|r| r.split('/').next().unwrap_or(r));
        let hostname = authority.map_or("", |a| {
            if a.starts_with('[') {
                a.split_inclusive(']').next().unwrap_or(a)
            } else {
                a.split(':').next().unwrap_or(a)
            }
        });
        let origin = match authority {
            Some(a) if protocol == "http:" || protocol == "https:" => &href[..protocol.len() + 2 + a.len()],
            _ => "null",
        };
        ResolvedUrl { href, protocol, hostname, origin }
    }

    #[test]
    fn https_addresses_are_fetched_from_any_host() {
        assert_eq!(check_data_url(&resolved("https://city.example/d.geojson"), PAGE), Ok(()));
        assert_eq!(check_data_url(&resolved("https://[2001:db8::1]:8443/d.geojson"), PAGE), Ok(()));
    }

    #[test]
    fn the_pages_own_origin_is_fetched_whatever_its_scheme() {
        let page = "http://intranet.example:8080";
        assert_eq!(check_data_url(&resolved("http://intranet.example:8080/data/d.geojson"), page), Ok(()));
        assert_eq!(
            check_data_url(&resolved("http://intranet.example/data/d.geojson"), page),
            Err(DataUrlRefusal::NotHttps),
            "another port is another origin"
        );
    }

    #[test]
    fn plain_http_is_fetched_only_from_this_computer() {
        for href in [
            "http://localhost:8000/d.geojson",
            "http://LOCALHOST/d.geojson",
            "http://127.0.0.1:3000/d.geojson",
            "http://[::1]:8080/d.geojson",
            "http://innomap.localhost/d.geojson",
        ] {
            assert_eq!(check_data_url(&resolved(href), PAGE), Ok(()), "{href}");
        }
        for href in [
            "http://city.example/d.geojson",
            "http://192.168.1.10/d.geojson",
            "http://localhost.city.example/d.geojson",
            "http://[::2]/d.geojson",
        ] {
            assert_eq!(check_data_url(&resolved(href), PAGE), Err(DataUrlRefusal::NotHttps), "{href}");
        }
    }

    #[test]
    fn addresses_that_are_not_on_the_web_are_refused_with_their_scheme() {
        for (href, scheme) in [
            ("data:application/json,{}", "data"),
            ("javascript:alert(1)", "javascript"),
            ("file:///home/me/d.geojson", "file"),
            ("ftp://city.example/d.geojson", "ftp"),
        ] {
            let refusal = check_data_url(&resolved(href), PAGE);
            assert_eq!(refusal, Err(DataUrlRefusal::NotWeb { scheme: scheme.to_owned() }), "{href}");
        }
    }

    #[test]
    fn a_blob_address_is_refused_though_it_reports_the_pages_origin() {
        let blob = ResolvedUrl {
            href: "blob:https://innomap.example/1b2c",
            protocol: "blob:",
            hostname: "",
            origin: "https://innomap.example",
        };
        assert_eq!(check_data_url(&blob, PAGE), Err(DataUrlRefusal::NotWeb { scheme: "blob".to_owned() }));
    }

    #[test]
    fn a_page_without_an_origin_shares_it_with_nothing() {
        let file = resolved("file:///home/me/d.geojson");
        assert_eq!(file.origin, "null");
        assert_eq!(check_data_url(&file, "null"), Err(DataUrlRefusal::NotWeb { scheme: "file".to_owned() }));
    }

    #[test]
    fn the_download_limit_is_the_readers() {
        assert_eq!(MAX_DATA_BYTES, crate::data::reader::MAX_FILE_BYTES);
    }
}
