//! The tokens a translation keeps unchanged — numbers, URLs, e-mail
//! addresses — pulled out of a text for comparing the two sides of a pair.

use crate::normalize::digit_value;

/// The numbers in `text`, as ASCII digit strings: any digit script (`۱۲`,
/// `١٢`, `12`), thousands and decimal separators dropped (`1,200` =
/// `۱٬۲۰۰` = `1200`; `2.5` = `۲٫۵` = `25`), leading zeros dropped.
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Most texts have none: a byte scan tells, cheaper than the char loop.
    if !has_digit(text) {
        return out;
    }
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = digit_value(c) {
            current.push(char::from(b'0' + d));
            continue;
        }
        // A separator between two digits belongs to the number.
        let joins = matches!(c, ',' | '.' | '٫' | '٬' | '،')
            && !current.is_empty()
            && chars.peek().is_some_and(|&n| digit_value(n).is_some());
        if !joins && !current.is_empty() {
            out.push(finish(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(finish(&mut current));
    }
    out
}

/// Whether `text` holds an ASCII, Arabic-Indic (U+0660–0669: bytes D9
/// A0–A9) or Persian (U+06F0–06F9: DB B0–B9) digit, the digits
/// [`digit_value`] reads.
fn has_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let next = || bytes.get(i + 1).copied().unwrap_or(0);
        b.is_ascii_digit()
            || (b == 0xD9 && (0xA0..=0xA9).contains(&next()))
            || (b == 0xDB && (0xB0..=0xB9).contains(&next()))
    })
}

fn finish(current: &mut String) -> String {
    let trimmed = current.trim_start_matches('0');
    let number = if trimmed.is_empty() { "0" } else { trimmed }.to_string();
    current.clear();
    number
}

/// Whether number `a` on one side is rendered by `b` on the other: equal,
/// or `b` is `a` without three, six or nine trailing zeros (`10,000` ↔
/// `۱۰ هزار`, "10 thousand").
pub fn numbers_match(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    long.starts_with(short)
        && matches!(long.len() - short.len(), 3 | 6 | 9)
        && long[short.len()..].bytes().all(|b| b == b'0')
}

/// Whether two numbers look like one number changed: the same number of
/// digits, and one digit different or two neighbouring digits swapped
/// (`2019` → `2018`, `450` → `540`). Numbers that differ more are mostly
/// conversions a translator made (miles to kilometres, a Gregorian year to
/// a Persian one), not errors.
pub fn looks_changed(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a == b {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match diff.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
        _ => false,
    }
}

/// Whether `b` is `a` converted between units a translator converts
/// (miles, feet, inches, pounds, ounces, gallons and degrees Fahrenheit
/// to metric, or back), rounded as translators round: within 1% or half a
/// unit. Both at least 10, so that no small number is excused (`2` miles
/// is `3` km, and so is a `2` changed to `3`); no factor is near 1, so a
/// number changed in its last digit is never a conversion of itself.
pub fn converted(a: &str, b: &str) -> bool {
    const FACTORS: [f64; 6] = [1.609_344, 0.3048, 2.54, 0.453_592, 28.349_5, 3.785_41];
    let (Ok(a), Ok(b)) = (a.parse::<f64>(), b.parse::<f64>()) else {
        return false;
    };
    if a < 10.0 || b < 10.0 {
        return false;
    }
    let near = |x: f64, y: f64| (x - y).abs() <= (0.01 * y).max(0.5);
    let celsius = |f: f64| (f - 32.0) * 5.0 / 9.0;
    FACTORS.iter().any(|&f| near(a * f, b) || near(b * f, a))
        || near(celsius(a), b)
        || near(celsius(b), a)
}

/// The items of `ours` that match nothing in `theirs`.
pub fn unmatched<'a>(ours: &'a [String], theirs: &[String]) -> Vec<&'a str> {
    ours.iter()
        .filter(|a| !theirs.iter().any(|b| numbers_match(a, b)))
        .map(String::as_str)
        .collect()
}

/// URLs (`http://…`, `https://…`, `www.…`) and e-mail addresses in `text`,
/// lowercased, without trailing punctuation.
pub fn links(text: &str) -> Vec<String> {
    // Most texts have none: a link needs `@`, `://` or `www.`.
    let maybe = text.contains('@')
        || text.contains("://")
        || text
            .match_indices('.')
            .any(|(i, _)| i >= 3 && text.as_bytes()[i - 3..i].eq_ignore_ascii_case(b"www"));
    if !maybe {
        return Vec::new();
    }
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | '«' | '»' | '"'))
        .map(|token| {
            token.trim_end_matches(|c: char| {
                matches!(
                    c,
                    '.' | ',' | ';' | ':' | '!' | '?' | '،' | '؛' | '؟' | '\'' | ']'
                )
            })
        })
        .filter(|token| is_link(token))
        .map(|token| token.trim_end_matches('/').to_lowercase())
        .collect()
}

fn is_link(token: &str) -> bool {
    let starts = |prefix: &str| {
        token
            .as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    if starts("http://") || starts("https://") || starts("www.") {
        return token.len() > 8;
    }
    // An e-mail address: local@domain.tld, ASCII only.
    match token.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && token.is_ascii()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_any_script_with_separators() {
        assert_eq!(
            numbers("In 2019, 1,200 people; ۱۲۰۰ نفر و ۲٫۵ درصد، ٣٤ and 007."),
            ["2019", "1200", "1200", "25", "34", "7"]
        );
    }

    #[test]
    fn the_byte_scan_finds_every_digit_script_and_nothing_else() {
        for digit in ['0', '9', '٠', '٩', '۰', '۹'] {
            assert!(has_digit(&format!("ab {digit} پ")), "{digit}");
        }
        // Letters whose UTF-8 starts with the digits' lead bytes.
        assert!(!has_digit("پیام ی ٪ ۀ ٱ www.example"));
        assert_eq!(numbers("شهر ۴ و ٥"), ["4", "5"]);
    }

    #[test]
    fn a_comma_after_a_number_ends_it() {
        assert_eq!(numbers("۱۲، ۱۳"), ["12", "13"]);
        assert_eq!(numbers("12, 13"), ["12", "13"]);
    }

    #[test]
    fn thousands_written_as_words_still_match() {
        assert!(numbers_match("10000", "10"));
        assert!(numbers_match("3", "3000000"));
        assert!(!numbers_match("100", "10"));
        assert!(!numbers_match("1990", "1991"));
    }

    #[test]
    fn unit_conversions_are_told() {
        assert!(converted("550", "250")); // pounds, kilograms
        assert!(converted("40", "65")); // miles, kilometres
        assert!(converted("64", "40"));
        assert!(converted("90", "32")); // °F, °C
        assert!(converted("12", "30")); // inches, centimetres
        assert!(!converted("250", "251"));
        assert!(!converted("2", "3"));
        assert!(!converted("1967", "1976"));
        assert!(!converted("x", "10"));
    }

    #[test]
    fn changed_numbers_are_told_from_conversions() {
        assert!(looks_changed("2019", "2018"));
        assert!(looks_changed("450", "540"));
        assert!(!looks_changed("1967", "1796"));
        assert!(!looks_changed("40", "65"));
        assert!(!looks_changed("2019", "1398"));
        assert!(!looks_changed("116", "116123"));
    }

    #[test]
    fn links_and_addresses() {
        assert_eq!(
            links("See https://Example.com/a/, (www.bbc.co.uk) or mail x.y@mail.org."),
            ["https://example.com/a", "www.bbc.co.uk", "x.y@mail.org"]
        );
        assert!(links("at 10@ noon, @user, a@b").is_empty());
    }
}
