//! Amounts of money, dates and periods written as a reader of each language expects them:
//! "259 188 €" and "1.8.2023" in Finnish, "259 188 €" and "1 augusti 2023" in Swedish,
//! "EUR 259,188" and "1 August 2023" in English.
//!
//! Written by hand rather than with an ICU crate: three languages, one currency and dates to a
//! day are a few dozen lines, while ICU's data would more than double the app's download.

use crate::data::model::{PartialDate, Period};
use crate::language::Language;

/// The no-break space that groups digits in Finnish and Swedish and keeps "€" on the amount's line.
const NBSP: char = '\u{a0}';

/// An amount in euros: "259 188 €" (Finnish, Swedish) or "EUR 259,188" (English). Cents are
/// shown only when there are any; an amount that is not a finite number is left out (`None`).
pub fn euros(amount: f64, language: Language) -> Option<String> {
    if !amount.is_finite() {
        return None;
    }
    let cents_total = (amount.abs() * 100.0).round();
    // Beyond 2^53 cents the digits are no longer exact; no budget comes near.
    if cents_total > 9.0e15 {
        return None;
    }
    let cents_total = cents_total as u64;
    let (whole, cents) = (cents_total / 100, cents_total % 100);
    let (group, decimal) = match language {
        Language::En => (',', '.'),
        Language::Fi | Language::Sv => (NBSP, ','),
    };
    let mut number = grouped(whole, group);
    if cents != 0 {
        number.push(decimal);
        number.push_str(&format!("{cents:02}"));
    }
    let sign = if amount < 0.0 && cents_total != 0 { "-" } else { "" };
    Some(match language {
        Language::En => format!("{sign}EUR {number}"),
        Language::Fi | Language::Sv => format!("{sign}{number}{NBSP}€"),
    })
}

fn grouped(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

fn month_name(month: u8, language: Language) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const FI: [&str; 12] = [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ];
    const SV: [&str; 12] = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let names = match language {
        Language::En => &EN,
        Language::Fi => &FI,
        Language::Sv => &SV,
    };
    names.get(usize::from(month).saturating_sub(1)).copied().unwrap_or_default()
}

/// A date as precise as it is known: "1 August 2023", "August 2023" or "2023" in English;
/// "1.8.2023", "elokuu 2023" or "2023" in Finnish; "1.8.2023", "augusti 2023" in Swedish, as
/// Swedish is written in Finland.
pub fn date(date: PartialDate, language: Language) -> String {
    let year = date.year;
    match (date.month, date.day, language) {
        (Some(month), Some(day), Language::Fi | Language::Sv) => format!("{day}.{month}.{year}"),
        (Some(month), Some(day), Language::En) => format!("{day} {} {year}", month_name(month, language)),
        (Some(month), None, _) => format!("{} {year}", month_name(month, language)),
        (None, _, _) => year.to_string(),
    }
}

/// A period: "1 August 2023 – 31 July 2025", "from 2023", "until 2025"; `None` when neither
/// end is known (the panel then says it is not known rather than guessing).
pub fn period(period: &Period, language: Language) -> Option<String> {
    match (period.start, period.end, language) {
        (Some(start), Some(end), _) => Some(format!("{} – {}", date(start, language), date(end, language))),
        (Some(start), None, Language::En) => Some(format!("from {}", date(start, language))),
        (Some(start), None, Language::Fi) => Some(format!("{} alkaen", date(start, language))),
        (Some(start), None, Language::Sv) => Some(format!("från {}", date(start, language))),
        (None, Some(end), Language::En) => Some(format!("until {}", date(end, language))),
        (None, Some(end), Language::Fi) => Some(format!("{} asti", date(end, language))),
        (None, Some(end), Language::Sv) => Some(format!("till {}", date(end, language))),
        (None, None, _) => None,
    }
}

/// A round distance for the scale bar: "500 m", "2 km", "1,000 km" (en) or "1 000 km" (fi, sv:
/// a no-break space groups thousands).
pub fn distance(metres: f64, language: Language) -> String {
    let (value, unit) = if metres >= 1000.0 { (metres / 1000.0, "km") } else { (metres, "m") };
    // Round distances below 1 m never happen on this map (zoom ≤ 24 is about 1 cm a pixel, but
    // the map stops at 12); show whole numbers and keep the rare fraction readable anyway.
    let digits = if value >= 1.0 { format!("{}", value.round() as u64) } else { format!("{value}") };
    let separator = match language {
        Language::En => ",",
        Language::Fi | Language::Sv => "\u{a0}",
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && value >= 1.0 && (digits.len() - i) % 3 == 0 {
            grouped.push_str(separator);
        }
        grouped.push(c);
    }
    format!("{grouped}\u{a0}{unit}")
}

/// `text` safe as HTML text and inside a double-quoted HTML attribute.
pub fn html_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn euros_follow_each_languages_convention() {
        assert_eq!(euros(259_188.0, Language::Fi).unwrap(), "259\u{a0}188\u{a0}€");
        assert_eq!(euros(259_188.0, Language::Sv).unwrap(), "259\u{a0}188\u{a0}€");
        assert_eq!(euros(259_188.0, Language::En).unwrap(), "EUR 259,188");
        assert_eq!(euros(1_234_567.5, Language::En).unwrap(), "EUR 1,234,567.50");
        assert_eq!(euros(1_234_567.5, Language::Fi).unwrap(), "1\u{a0}234\u{a0}567,50\u{a0}€");
        assert_eq!(euros(999.0, Language::En).unwrap(), "EUR 999");
        assert_eq!(euros(0.0, Language::Fi).unwrap(), "0\u{a0}€");
        assert_eq!(euros(1000.0, Language::Fi).unwrap(), "1\u{a0}000\u{a0}€");
        assert_eq!(euros(-2500.0, Language::En).unwrap(), "-EUR 2,500");
        assert_eq!(euros(0.004, Language::En).unwrap(), "EUR 0");
        assert_eq!(euros(f64::NAN, Language::En), None);
        assert_eq!(euros(f64::INFINITY, Language::Fi), None);
        assert_eq!(euros(1e300, Language::Fi), None);
    }

    #[test]
    fn dates_are_as_precise_as_they_are_known() {
        assert_eq!(date(day("2023-08-01"), Language::Fi), "1.8.2023");
        assert_eq!(date(day("2023-08-01"), Language::En), "1 August 2023");
        assert_eq!(date(day("2023-08-01"), Language::Sv), "1.8.2023");
        assert_eq!(date(day("2023-04"), Language::Fi), "huhtikuu 2023");
        assert_eq!(date(day("2023-12"), Language::En), "December 2023");
        assert_eq!(date(day("2021"), Language::Sv), "2021");
    }

    #[test]
    fn periods_say_which_ends_are_known() {
        let both = Period { start: Some(day("2023-08-01")), end: Some(day("2025-07-31")) };
        assert_eq!(period(&both, Language::En).unwrap(), "1 August 2023 – 31 July 2025");
        assert_eq!(period(&both, Language::Fi).unwrap(), "1.8.2023 – 31.7.2025");
        let start = Period { start: Some(day("2023")), end: None };
        assert_eq!(period(&start, Language::En).unwrap(), "from 2023");
        assert_eq!(period(&start, Language::Fi).unwrap(), "2023 alkaen");
        let end = Period { start: None, end: Some(day("2024-12")) };
        assert_eq!(period(&end, Language::Sv).unwrap(), "till december 2024");
        assert_eq!(period(&Period::default(), Language::En), None);
    }

    #[test]
    fn thousands_are_grouped_per_language() {
        assert_eq!(distance(1_000_000.0, Language::En), "1,000\u{a0}km");
        assert_eq!(distance(1_000_000.0, Language::Fi), "1\u{a0}000\u{a0}km");
        assert_eq!(distance(10_000_000.0, Language::Sv), "10\u{a0}000\u{a0}km");
        assert_eq!(distance(500.0, Language::Sv), "500\u{a0}m");
    }
}
