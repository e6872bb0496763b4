//! Open quotations and brackets in the current sentence.
//!
//! Tracked incrementally: each byte of a sentence is read once, however
//! many candidates it has, so a 50 MB line without a boundary stays linear.

use super::text::{char_at, floor_char_boundary};

/// What is open at the scanner's position.
pub struct Context {
    pos: usize,
    brackets: u32,
    quote: Option<char>,
    /// The open quote is glued to the word after it (`"How`), as in edited
    /// prose; tokenised text spaces quotes off (`'' How`) and its quote
    /// marks are too ambiguous to suppress boundaries.
    attached: bool,
}

impl Context {
    /// A fresh context for a sentence starting at `start`.
    pub fn new(start: usize) -> Self {
        Context {
            pos: start,
            brackets: 0,
            quote: None,
            attached: false,
        }
    }

    /// Reads the text up to `to`.
    pub fn advance(&mut self, text: &str, to: usize) {
        if to <= self.pos {
            return;
        }
        let mut prev = text[..self.pos].chars().next_back();
        let mut chars = text[self.pos..to].chars();
        while let Some(mut c) = chars.next() {
            let mut rest = chars.clone();
            match c {
                '(' | '[' | '{' | '（' => self.brackets += 1,
                ')' | ']' | '}' | '）' => self.brackets = self.brackets.saturating_sub(1),
                // Tokenised text writes `` and '' for double quotes.
                '`' | '\'' if rest.clone().next() == Some(c) => {
                    chars.next();
                    rest.next();
                    c = if c == '`' { '“' } else { '"' };
                }
                _ => {}
            }
            if matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '`') {
                self.read_quote(prev, c, rest.as_str());
            }
            prev = Some(c);
        }
        self.pos = to;
    }

    fn read_quote(&mut self, prev: Option<char>, c: char, rest: &str) {
        let after_word = prev.is_some_and(char::is_alphanumeric);
        let before_word = rest.starts_with(char::is_alphanumeric);
        if matches!(c, '\'' | '’') && (after_word && before_word || is_clitic(rest)) {
            return; // an apostrophe: `they'll`, `Walter 's`, `did n't`
        }
        // Only a quote after a space or bracket opens (`is,'` closes one
        // that opened before the text we see).
        // A quote before a comma closes one (`shower. ' , Tim`).
        let before_comma = rest.trim_start().starts_with([',', ';', '،', '؛']);
        let may_open = !before_comma
            && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '-'));
        let opens = match (self.quote, c) {
            (None, '“' | '«' | '‘' | '`') => true,
            (None, '"' | '\'') => may_open,
            _ => false,
        };
        if opens {
            self.quote = Some(c);
            // A lone `'` is typographic even when spaced (`' No, they'll`);
            // tokenised text doubles it (`''`), which arrives here as `"`.
            self.attached = c == '\'' || rest.starts_with(|n: char| !n.is_whitespace());
            return;
        }
        match (self.quote, c) {
            (Some('"' | '“'), '"' | '”') => self.quote = None,
            (Some('«'), '»') => self.quote = None,
            (Some('‘' | '`' | '\''), '\'' | '’') => self.quote = None,
            _ => {}
        }
    }

    /// Whether `closers` (the marks right after a terminator) close the open
    /// quotation, if any. Tokenised text closes `` with '' and " with ''.
    pub fn closes_quote(&self, closers: &str) -> bool {
        match self.quote {
            None => true,
            Some('"' | '“') => closers.contains(['"', '”', '`']) || closers.contains("''"),
            Some('«') => closers.contains('»'),
            Some(_) => closers.contains(['\'', '’']),
        }
    }

    /// Whether a bracket is open.
    pub fn bracket_open(&self) -> bool {
        self.brackets > 0
    }

    /// Whether a quotation is open.
    pub fn quote_open(&self) -> bool {
        self.quote.is_some()
    }

    /// Whether the open quotation closes within the next 1000 bytes of
    /// `text[from..hi]` (a quote never closed is a stray mark, not a
    /// quotation).
    pub fn quote_closes_after(&self, text: &str, from: usize, hi: usize) -> bool {
        let Some(open) = self.quote.filter(|_| self.attached) else {
            return false;
        };
        let window = &text[from..floor_char_boundary(text, (from + 1000).min(hi))];
        let mut prev = None;
        for (i, c) in window.char_indices() {
            let closes = match open {
                '"' => c == '"' || (c == '\'' && window[i + 1..].starts_with('\'')),
                '“' => matches!(c, '”' | '"'),
                '«' => c == '»',
                _ => {
                    matches!(c, '\'' | '’')
                        && !char_at(window, i + c.len_utf8(), window.len())
                            .is_some_and(char::is_alphanumeric)
                        && prev.is_some_and(|p: char| !p.is_whitespace())
                }
            };
            if closes {
                return true;
            }
            prev = Some(c);
        }
        false
    }
}

/// `'s`, `'t`, `'ll`, `'ve`, `'re`, `'d`, `'m` followed by a non-letter:
/// a clitic of tokenised text (`Walter 's`), not an opening quote; likewise
/// the common elisions (`'round`).
fn is_clitic(rest: &str) -> bool {
    // Also the elisions of dialogue: `'round`, `'em`, `'tis`, `'cause`.
    let clitics = [
        "s", "t", "d", "m", "ll", "ve", "re", "round", "em", "tis", "twas", "cause", "til", "n",
    ];
    clitics.iter().any(|clitic| {
        rest.strip_prefix(clitic)
            .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
    })
}
