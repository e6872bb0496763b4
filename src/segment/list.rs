//! List markers: `1.`, `2.)`, `a)`, `(iv)`, `• 9.`.
//!
//! A list written on one line (`1. The first item 2. The second item`) has
//! no terminator between its items. When a sentence starts with a marker,
//! the scanner looks for the next marker in the sequence and breaks before
//! it; a lone `2.` elsewhere never breaks anything.

/// One list marker: its kind and value, and how long it is in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    /// What the marker counts with.
    pub label: Label,
    /// Byte length of the marker, bullet and punctuation included.
    pub len: usize,
}

/// The counter of a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// `1.` `12)`.
    Number(u32),
    /// `a.` `b)` `(C)`; a letter may also be a roman numeral (`i`, `v`).
    Letter(char),
    /// `ii.` `(iv)`.
    Roman(u32),
    /// A bare bullet: `•`, `*`, `-`, `⁃`.
    Bullet,
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '*' | '-' | '·' | '◦' | '▪' | '‣')
}

/// Parses the marker at the start of `s`, if there is one followed by
/// whitespace.
pub fn parse(s: &str) -> Option<Marker> {
    let bullet_len = s
        .chars()
        .next()
        .filter(|&c| is_bullet(c))
        .map_or(0, char::len_utf8);
    let bullet = bullet_len > 0;
    let i = s.len() - s[bullet_len..].trim_start_matches(' ').len();
    match parse_counter(&s[i..]) {
        Some((label, len)) => Some(Marker {
            label,
            len: i + len,
        }),
        // A bare bullet must be set off by a space: `- foo`, not `-5`.
        None if bullet && s[..i].ends_with(' ') && i < s.len() => Some(Marker {
            label: Label::Bullet,
            len: i,
        }),
        None => None,
    }
}

/// `(iv)`, `12.`, `a)`, `1.)` followed by whitespace or the end.
fn parse_counter(s: &str) -> Option<(Label, usize)> {
    let open = s.starts_with('(');
    let body_start = usize::from(open);
    let body_len = s[body_start..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(s.len() - body_start);
    if body_len == 0 || body_len > 4 {
        return None;
    }
    let body = &s[body_start..body_start + body_len];
    let mut end = body_start + body_len;
    let punct = &s[end..];
    let close = if open {
        punct.starts_with(')').then_some(1)?
    } else if punct.starts_with(".)") {
        2
    } else if punct.starts_with('.') || punct.starts_with(')') {
        1
    } else {
        return None;
    };
    end += close;
    if !s[end..].chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    let paren = open || punct.starts_with(')');
    let label = label_of(body, paren)?;
    Some((label, end))
}

fn label_of(body: &str, paren: bool) -> Option<Label> {
    if body.bytes().all(|b| b.is_ascii_digit()) {
        return body.parse().ok().filter(|&n| n < 1000).map(Label::Number);
    }
    let mut chars = body.chars();
    let first = chars.next()?;
    if chars.next().is_none() {
        // Capital letters with a full stop are initials (`A. Smith`), so
        // they count as list markers only in the bracket forms `A)`, `(A)`.
        return (first.is_ascii_lowercase() || paren).then_some(Label::Letter(first));
    }
    roman_value(body).map(Label::Roman)
}

fn roman_value(s: &str) -> Option<u32> {
    const ROMANS: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx",
    ];
    let lower = s.to_ascii_lowercase();
    ROMANS
        .iter()
        .position(|&r| r == lower)
        .map(|i| i as u32 + 1)
}

impl Label {
    /// Whether this label starts a list: `1`, `a`, `A`, `i`.
    pub fn is_first(self) -> bool {
        matches!(
            self,
            Label::Number(1) | Label::Letter('a' | 'A' | 'i' | 'I') | Label::Roman(1)
        )
    }

    /// Whether `next` is the label that follows `self` in a list.
    pub fn is_followed_by(self, next: Label) -> bool {
        match (self, next) {
            (Label::Number(a), Label::Number(b)) => b == a + 1,
            (Label::Letter(a), Label::Letter(b)) => b as u32 == a as u32 + 1,
            (Label::Letter(a), Label::Roman(b)) => roman_value(&a.to_string()) == Some(b - 1),
            (Label::Roman(a), Label::Roman(b)) => b == a + 1,
            (Label::Roman(a), Label::Letter(b)) => roman_value(&b.to_string()) == Some(a + 1),
            (Label::Bullet, Label::Bullet) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_markers() {
        let cases = [
            ("1. The first", Some((Label::Number(1), 2))),
            ("1.) The first", Some((Label::Number(1), 3))),
            ("(iv) Hello", Some((Label::Roman(4), 4))),
            ("a) foo", Some((Label::Letter('a'), 2))),
            ("(A) Hello", Some((Label::Letter('A'), 3))),
            ("• 9. The first", Some((Label::Number(9), 6))),
            ("⁃10. The second", Some((Label::Number(10), 6))),
            ("* apples", Some((Label::Bullet, 2))),
            ("A. Smith", None),
            ("1990 was", None),
            ("3.14 is pi", None),
        ];
        for (text, want) in cases {
            let got = parse(text).map(|m| (m.label, m.len));
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn knows_what_follows() {
        assert!(Label::Number(1).is_followed_by(Label::Number(2)));
        assert!(Label::Letter('a').is_followed_by(Label::Letter('b')));
        assert!(Label::Letter('i').is_followed_by(Label::Roman(2)));
        assert!(Label::Roman(3).is_followed_by(Label::Roman(4)));
        assert!(!Label::Number(1).is_followed_by(Label::Number(3)));
    }
}
