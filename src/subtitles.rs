//! Subtitles (SubRip `.srt`, WebVTT `.vtt`) as running text.
//!
//! A subtitle file is cues: a number or an identifier, a timing line
//! (`00:00:03,600 --> 00:00:06,000`), one or two lines of text, a blank
//! line. Read as text, every number and timing line would be a sentence
//! (and a perfect pair, the two files sharing them), and a sentence that
//! runs over two cues or two lines would be cut where the screen was full.
//! What a parallel corpus wants is the words: [`cue_text`] keeps each
//! cue's text without its markup (`<i>`, `<font …>`, `{\an8}`, `<v Anna>`),
//! one line of the result per line of a cue, so the line breaks are read as
//! layout, as a hard-wrapped text's are. Written by hand: the subtitle
//! crates parse timings into structures and drop malformed cues, where
//! this keeps every line of text and needs no timing.

/// Whether `text` is subtitles: a WebVTT file starts with `WEBVTT`; a
/// SubRip file's first block is a cue whose timing line is its first or
/// second line. Reads no further than that.
pub fn is_subtitles(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.starts_with("WEBVTT")
        || text
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .take(2)
            .any(is_timing)
}

/// The text of a subtitle file's cues, a line per line of a cue, or `None`
/// when `text` is not subtitles ([`is_subtitles`]).
pub fn cue_text(text: &str) -> Option<String> {
    if !is_subtitles(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len() / 2);
    let mut in_cue = false;
    let mut skipping = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            in_cue = false;
            skipping = false;
            continue;
        }
        if is_timing(line) {
            in_cue = true;
            continue;
        }
        // A WebVTT header, NOTE, STYLE or REGION block holds no cue text.
        if !in_cue
            && (line.starts_with("WEBVTT")
                || line.starts_with("NOTE")
                || line == "STYLE"
                || line == "REGION")
        {
            skipping = true;
        }
        if !in_cue || skipping {
            continue; // a cue number or identifier, or a block's body
        }
        let words = without_markup(line);
        if !words.trim().is_empty() {
            out.push_str(words.trim());
            out.push('\n');
        }
    }
    Some(out)
}

/// `00:00:03,600 --> 00:00:06,000` (SubRip) or `00:03.600 --> 00:06.000
/// align:start` (WebVTT, the hours optional, settings after).
fn is_timing(line: &str) -> bool {
    let Some((start, end)) = line.split_once("-->") else {
        return false;
    };
    let end = end.split_whitespace().next().unwrap_or("");
    is_time(start.trim()) && is_time(end)
}

/// `hh:mm:ss,mmm`, `mm:ss.mmm` or `h:mm:ss.mmm`.
fn is_time(s: &str) -> bool {
    let Some((clock, millis)) = s.rsplit_once([',', '.']) else {
        return false;
    };
    let parts: Vec<&str> = clock.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && millis.len() == 3
        && millis.bytes().all(|b| b.is_ascii_digit())
}

/// A cue line without its tags (`<i>`, `</font>`, `<c.yellow>`, `<v
/// Anna>`, `<00:01.500>`) and SubStation overrides (`{\an8}`); `&amp;`,
/// `&lt;`, `&gt;`, `&nbsp;` as their characters (WebVTT escapes them).
fn without_markup(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let close = match c {
            '<' => Some('>'),
            '{' if rest[1..].starts_with('\\') => Some('}'),
            _ => None,
        };
        if let Some(end) = close.and_then(|close| rest.find(close)) {
            rest = &rest[end + 1..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subrip_cues_are_their_text() {
        let srt =
            "\u{feff}1\r\n00:00:01,000 --> 00:00:03,500\r\n<i>Where are you going?</i>\r\n\r\n\
                   2\r\n00:00:03,600 --> 00:00:06,000\r\n{\\an8}I'm going to the market\r\n\
                   to buy <font color=\"#fff\">bread</font> & milk.\r\n\r\n\
                   3\r\n00:00:06,500 --> 00:00:08,000\r\n- Wait!\r\n- 2 minutes.\r\n";
        assert_eq!(
            cue_text(srt).unwrap(),
            "Where are you going?\nI'm going to the market\nto buy bread & milk.\n- Wait!\n- 2 minutes.\n"
        );
    }

    #[test]
    fn webvtt_cues_are_their_text_without_notes_or_styles() {
        let vtt = "WEBVTT - a film\n\nNOTE made by hand\nover two lines\n\nSTYLE\n::cue { color: red }\n\n\
                   intro\n00:01.000 --> 00:04.000 align:start\n<v Anna>Hello &amp; welcome.\n\n\
                   00:00:04.500 --> 00:00:06.000\nHow <00:05.000>are <c.yellow>you</c>?\n";
        assert_eq!(cue_text(vtt).unwrap(), "Hello & welcome.\nHow are you?\n");
    }

    #[test]
    fn other_text_is_not_subtitles() {
        for text in [
            "1\nThe first point.\n\n2\nThe second.",
            "Meeting at 10:00 --> 11:00 in room 4.",
            "",
        ] {
            assert_eq!(cue_text(text), None, "{text}");
        }
    }
}
