//! Subtitles (SubRip `.srt`, WebVTT `.vtt`, Advanced SubStation Alpha
//! `.ass` and SubStation Alpha `.ssa`) as running text.
//!
//! A subtitle file is cues: a number or an identifier, a timing line
//! (`00:00:03,600 --> 00:00:06,000`), one or two lines of text, a blank
//! line. Read as text, every number and timing line would be a sentence
//! (and a perfect pair, the two files sharing them), and a sentence that
//! runs over two cues or two lines would be cut where the screen was full.
//! What a parallel corpus wants is the words: [`cue_text`] keeps each
//! cue's text without its markup (`<i>`, `<font …>`, `{\an8}`, `<v Anna>`),
//! one line of the result per line of a cue, so the line breaks are read as
//! layout, as a hard-wrapped text's are. A SubStation file's cues are the
//! text fields of its `Dialogue:` lines (`\N` a line break, `{\i1}`
//! overrides left out). Written by hand: the subtitle
//! crates parse timings into structures and drop malformed cues, where
//! this keeps every line of text and needs no timing.

/// Whether `text` is subtitles: a WebVTT file starts with `WEBVTT`, a
/// SubStation file with its `[Script Info]` section; a SubRip file's first
/// block is a cue whose timing line is its first or second line. Reads no
/// further than that.
pub fn is_subtitles(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.starts_with("WEBVTT")
        || is_substation(text)
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
    if is_substation(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        return Some(substation_text(text));
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

fn is_substation(text: &str) -> bool {
    text.trim_start().starts_with("[Script Info]")
}

/// The cues of a SubStation file: the text field of each `Dialogue:` line
/// of its `[Events]` section (the last of the fields its `Format:` line
/// names, so commas in the text stay), `\N` and `\n` line breaks, `\h` a
/// no-break space, override blocks (`{\an8}`, `{\i1}`) left out; a
/// `Comment:` line is not shown, so not read.
fn substation_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let mut in_events = false;
    // Fields before the text (ASS names ten, SSA ten, both with Text last).
    let mut fields = 10;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') && line.ends_with(']') {
            in_events = line.eq_ignore_ascii_case("[Events]");
            continue;
        }
        if !in_events {
            continue;
        }
        if let Some(format) = line.strip_prefix("Format:") {
            fields = format.split(',').count().max(1);
            continue;
        }
        let Some(dialogue) = line.strip_prefix("Dialogue:") else {
            continue;
        };
        let Some(cue) = dialogue.splitn(fields, ',').nth(fields - 1) else {
            continue;
        };
        // Overrides (`{\an8}`) go first: only the text's breaks remain.
        let cue = without_markup(cue)
            .replace("\\N", "\n")
            .replace("\\n", "\n")
            .replace("\\h", "\u{a0}");
        for words in cue.split('\n') {
            if !words.trim().is_empty() {
                out.push_str(words.trim());
                out.push('\n');
            }
        }
    }
    out
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
    fn substation_dialogue_is_its_text() {
        let ass = "\u{feff}[Script Info]\r\nTitle: A film\r\nScriptType: v4.00+\r\n\r\n\
                   [V4+ Styles]\r\nFormat: Name, Fontname, Fontsize\r\nStyle: Default,Arial,20\r\n\r\n\
                   [Events]\r\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\n\
                   Dialogue: 0,0:00:01.00,0:00:03.50,Default,Anna,0,0,0,,{\\an8}Where are you going,\\Nmy friend?\r\n\
                   Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,a note for the typesetter\r\n\
                   Dialogue: 0,0:00:03.60,0:00:06.00,Default,,0,0,0,,To the {\\i1}market{\\i0},\\hfor bread.\r\n";
        assert_eq!(
            cue_text(ass).unwrap(),
            "Where are you going,\nmy friend?\nTo the market,\u{a0}for bread.\n"
        );
        // SubStation Alpha v4 (`.ssa`) names its own fields; Text is last.
        let ssa = "[Script Info]\nScriptType: v4.00\n\n[Events]\n\
                   Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n\
                   Dialogue: Marked=0,0:00:01.00,0:00:02.00,*Default,NTP,0000,0000,0000,!Effect,Hello, world.\n";
        assert_eq!(cue_text(ssa).unwrap(), "Hello, world.\n");
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
