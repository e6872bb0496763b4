//! Open quotations and brackets in the current sentence.
//!
//! Tracked incrementally: each byte of a sentence is read once, however
//! many candidates it has, so a 50 MB line without a boundary stays linear.

use super::text::char_at;

/// What is open at the scanner's position.
pub struct Context {
    pos: usize,
    brackets: u32,
    quote: Option<char>,
}

impl Context {
    /// A fresh context for a sentence starting at `start`.
    pub fn new(start: usize) -> Self {
        Context {
            pos: start,
            brackets: 0,
            quote: None,
        }
    }

    /// Reads the text up to `to`.
    pub fn advance(&mut self, text: &str, to: usize) {
        if to <= self.pos {
            return;
        }
        let mut prev = text[..self.pos].chars().next_back();
        let mut chars = text[self.pos..to].chars().peekable();
        while let Some(mut c) = chars.next() {
            match c {
                '(' | '[' | '{' | '（' => self.brackets += 1,
                ')' | ']' | '}' | '）' => self.brackets = self.brackets.saturating_sub(1),
                // Tokenised text writes `` and '' for double quotes.
                '`' | '\'' if chars.peek() == Some(&c) => {
                    chars.next();
                    c = if c == '`' { '“' } else { '"' };
                }
                _ => {}
            }
            self.read_quote(prev, c, chars.peek().copied());
            prev = Some(c);
        }
        self.pos = to;
    }

    fn read_quote(&mut self, prev: Option<char>, c: char, next: Option<char>) {
        let after_word = prev.is_some_and(char::is_alphanumeric);
        // Only a quote after a space or bracket opens (`is,'` closes one
        // that opened before the text we see).
        let may_open = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '-'));
        let before_word = next.is_some_and(char::is_alphanumeric);
        if matches!(c, '\'' | '’') && (after_word && before_word || self.clitic_follows(next)) {
            return; // an apostrophe: `they'll`, `Walter 's`
        }
        match (self.quote, c) {
            (None, '“' | '«' | '‘' | '`') => self.quote = Some(c),
            (None, '"' | '\'') if may_open => self.quote = Some(c),
            (Some('"' | '“'), '"' | '”') => self.quote = None,
            (Some('«'), '»') => self.quote = None,
            (Some('‘' | '`' | '\''), '\'' | '’') => self.quote = None,
            _ => {}
        }
    }

    /// `'s`, `'t`, `'ll` after a space (tokenised text) are clitics, not
    /// quotes. Only the first letter is seen here, so this errs towards
    /// "quote" for words starting with those letters (`'Sam`).
    fn clitic_follows(&self, next: Option<char>) -> bool {
        self.quote.is_none() && matches!(next, Some('s' | 't' | 'd' | 'm' | 'l' | 'v' | 'r'))
    }

    /// Whether `closers` (the marks right after a terminator) close the open
    /// quotation, if any.
    pub fn closes_quote(&self, closers: &str) -> bool {
        match self.quote {
            None => true,
            Some('"') => closers.contains('"') || closers.contains("''"),
            Some('“') => closers.contains(['”', '"']),
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
        let Some(open) = self.quote else {
            return false;
        };
        let window = &text[from..floor(text, (from + 1000).min(hi))];
        let mut prev = None;
        for (i, c) in window.char_indices() {
            let closes = match open {
                '"' => c == '"',
                '“' => matches!(c, '”' | '"'),
                '«' => c == '»',
                _ => {
                    matches!(c, '\'' | '’')
                        && !char_at(window, i + c.len_utf8(), window.len()).is_some_and(char::is_alphanumeric)
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

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
