//! What a full stop after a Latin-script word means.
//!
//! Abbreviation lists are hand-kept because no maintained Rust crate offers
//! an English abbreviation model (the punkt crate learns one but loses text,
//! see BENCHMARKS.md). Entries come from the Moses non-breaking prefix list
//! (`nonbreaking_prefix.en`, LGPL-2.1) and the Golden Rules of the pragmatic
//! segmenter, grouped by how the word behaves before the next word.

/// How a word followed by `.` behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abbrev {
    /// Not an abbreviation: the full stop ends the sentence.
    None,
    /// Always followed by more of the same sentence (`Mr.`, `e.g.`).
    Title,
    /// Followed by a number in the same sentence (`No. 5`, `p. 55`).
    Numeric,
    /// May end a sentence; ends one only before a typical sentence starter
    /// (`U.S.`, `approx.`).
    General,
    /// Often ends a sentence: ends one before any capitalised word (`etc.`).
    Final,
    /// `a.m.`/`p.m.`: ends a sentence before a capital or a number once the
    /// sentence has a clause before it (`He left at 6 p.m. Travelers …`),
    /// but not in a fronted time phrase (`At 5 a.m. Mr. Smith went …`).
    Time,
    /// `B.C.`, `A.D.`: like [`Abbrev::Time`].
    Era,
    /// A month or a day, abbreviated and capitalised (`Sept.`, `Sun.`):
    /// goes on before its number (`Jan. 5`) or another date word, ends a
    /// sentence before a capital as [`Abbrev::Time`] does (`in Aug. and
    /// Sept. Bring sunscreen.`, not `In Sept. Smith resigned.`).
    Date,
    /// A single capital: an initial (`J. R. R. Tolkien`) unless a sentence
    /// starter follows (`you and I. Did …`).
    Initial,
}

/// Titles, Latin shorthands and old abbreviated first names (`Wm.`,
/// `Chas.`) that never end a sentence.
const TITLES: &[&str] = &[
    "adm", "asst", "brig", "capt", "cf", "chas", "cmdr", "col", "comdr", "cpl", "dr", "drs", "e.g",
    "ens", "fr", "gen", "gov", "hon", "i.e", "insp", "jas", "lt", "maj", "messrs", "mlle", "mme",
    "mr", "mrs", "ms", "msgr", "mt", "pfc", "pres", "prof", "pvt", "rep", "reps", "rev", "rt",
    "sen", "sens", "sfc", "sgt", "sr", "supt", "surg", "thos", "v", "viz", "vs", "wm",
];

/// Words that stand before a number (`Prop. 4`, `Def. 3`, `Alg. 1`, `Ex. 3`
/// of mathematics' numbered statements).
const NUMERIC: &[&str] = &[
    "alg", "app", "art", "ca", "ch", "chap", "conj", "cor", "cpd", "cpds", "def", "defn", "eq",
    "eqn", "eqns", "eqs", "ex", "exp", "expt", "expts", "ext", "fig", "figs", "fn", "lem", "n",
    "no", "nos", "nr", "op", "p", "para", "pg", "pp", "prop", "props", "ref", "refs", "rem", "rs",
    "sec", "sect", "sects", "tab", "tel", "thm", "vol", "vols",
];

/// Abbreviations that may end a sentence (`spp.`, `var.` and `subsp.` of
/// biology's names, `ed.`, `edn.` and `trans.` of references; `St.`, a
/// saint before a name but a street before `The`).
const GENERAL: &[&str] = &[
    "acad", "al", "appl", "approx", "assn", "assoc", "ave", "avg", "biol", "blvd", "cent", "chem",
    "cit", "clin", "commun", "cv", "dept", "div", "ed", "edn", "eds", "environ", "esp", "est",
    "eur", "geophys", "govt", "hr", "hrs", "ibid", "immunol", "incl", "inst", "intl", "jpn",
    "lett", "mater", "max", "med", "min", "mins", "misc", "mol", "natl", "neurosci", "nucl",
    "orig", "ph", "phys", "proc", "psychol", "rd", "repr", "resp", "sci", "soc", "sp", "spp",
    "ssp", "st", "subsp", "suppl", "technol", "trans", "u.k", "u.n", "u.s", "u.s.a", "univ", "var",
    "yr", "yrs",
];

/// Months and days abbreviated (see [`Abbrev::Date`]).
const DATE_ABBREVIATIONS: &[&str] = &[
    "apr", "aug", "dec", "feb", "fri", "jan", "jul", "jun", "mar", "mon", "nov", "oct", "sat",
    "sep", "sept", "sun", "thu", "thur", "thurs", "tue", "tues", "wed",
];

/// Abbreviations that usually end the sentence when a capital follows.
const FINAL: &[&str] = &[
    "bros", "co", "corp", "cos", "etc", "inc", "jr", "llc", "ltd", "plc",
];

/// Eras, degrees and units, and medicine's and statistics' shorthands:
/// usually sentence-final before a capital (`in 753 B.C. Augustus …`, `her
/// Ph.D. Tom …`, `5 lb. Tom …`, `given i.v. Patients …`, `mean ± s.d.
/// Outliers …`).
const FINAL_SHORT: &[&str] = &[
    "b.a", "b.i.d", "b.sc", "d.phil", "fl", "ft", "gal", "i.p", "i.v", "j.d", "lb", "lbs", "ll.b",
    "ll.d", "ll.m", "m.a", "m.b.a", "m.d", "m.sc", "mi", "oz", "ph.d", "pt", "q.d", "qt", "s.d",
    "s.e.m", "sq", "t.i.d", "tbsp", "tsp", "yd",
];

/// Eras, which behave like `a.m.` (`Rome was founded in 753 B.C. Augustus
/// …` ends a sentence, `In 44 B.C. Caesar was …` does not).
const ERAS: &[&str] = &["a.d", "a.h", "b.c", "b.c.e", "c.e"];

/// Prepositions that open a fronted time phrase (`At 5 a.m. Mr. Smith …`).
const FRONTING: &[&str] = &[
    "after", "around", "at", "before", "by", "from", "in", "on", "since", "until",
];

/// Capitalised words that typically begin a sentence. After a `General`
/// abbreviation or an initial, only these make the full stop a boundary:
/// `the U.S. Government` continues, `the U.S. How about you?` does not.
/// The sentence adverbs among them (`Thus`, `Hence`, `Moreover`) link a
/// sentence to the one before and stand in no name or title.
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "a", "after", "all", "also", "although", "an", "and", "are", "as", "at", "because", "before",
    "both", "but", "can", "consequently", "could", "did", "do", "does", "each", "every", "finally",
    "for", "from", "furthermore", "had", "has", "have", "he", "hence", "her", "here", "his", "how",
    "however", "i", "if", "in", "indeed", "instead", "is", "it", "its", "let", "likewise", "many",
    "meanwhile", "moreover", "most", "my", "nevertheless", "no", "nonetheless", "not", "now", "on",
    "one", "our", "please", "she", "should", "similarly", "since", "so", "some", "such", "that",
    "the", "their", "then", "there", "therefore", "these", "they", "this", "those", "thus", "to",
    "today", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will",
    "with", "would", "yes", "yet", "you", "your",
];

/// Lowercases an ASCII word into `buf`; `None` if it is not short ASCII.
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

fn listed(table: &[&str], lower: &str) -> bool {
    table.binary_search(&lower).is_ok()
}

/// Classifies the core of the word before a full stop (`U.S` for `(U.S.`).
pub fn classify(core: &str) -> Abbrev {
    // `171/U.S`: a token of parts joined by `/` ends with its last part;
    // `6a.m`: a number glued to the abbreviation.
    if let [a, b'/', b] = core.as_bytes() {
        if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
            return Abbrev::None; // `grew 12% y/y.`, `q/q`: a rate's period
        }
    }
    let core = core.rsplit('/').next().unwrap_or(core);
    let digits = core.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < core.len() && matches!(digits, "s" | "'s" | "’s") {
        return Abbrev::None; // `the 1970s.`, `in her 20s.`: a plural number
    }
    if digits.len() < core.len() && digits.chars().count() == 1 {
        return Abbrev::None; // `Fig. 2B.`, `Eq. 3a.`: a number's label, no initial
    }
    let core = digits;
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_uppercase() {
            Abbrev::Initial
        } else if c == 'p' || c == 'n' {
            Abbrev::Numeric
        } else {
            Abbrev::General
        };
    }
    let mut buf = [0u8; 16];
    let Some(lower) = ascii_lower(core, &mut buf) else {
        return Abbrev::None;
    };
    if listed(TITLES, lower) {
        Abbrev::Title
    } else if listed(NUMERIC, lower) {
        Abbrev::Numeric
    } else if listed(FINAL, lower) || listed(FINAL_SHORT, lower) {
        Abbrev::Final
    } else if lower == "a.m" || lower == "p.m" {
        Abbrev::Time
    } else if listed(ERAS, lower) {
        Abbrev::Era
    } else if listed(DATE_ABBREVIATIONS, lower) {
        // `sat.`, `sun.`, `wed.`, `mar.` in lower case are words.
        if core.starts_with(|c: char| c.is_ascii_uppercase()) {
            Abbrev::Date
        } else {
            Abbrev::None
        }
    } else if listed(GENERAL, lower) || is_dotted_abbreviation(lower) {
        Abbrev::General
    } else {
        Abbrev::None
    }
}

/// `u.s.a`, `ph.d`, `a.k.a`: short letter groups joined by dots.
fn is_dotted_abbreviation(lower: &str) -> bool {
    lower.contains('.')
        && lower.split('.').all(|part| {
            (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

/// Spans of time that follow their number (`30 min.`, `5 yrs.`, `611
/// ms.`): after a number they end a sentence before a capital (see
/// `scan::decide`).
const TIME_UNITS: &[&str] = &[
    "hr", "hrs", "min", "mins", "mo", "mos", "ms", "sec", "secs", "wk", "wks", "yr", "yrs",
];

/// Whether `word` (before a full stop) is a span of time written after its
/// number: `min`, `hrs`, `yr`; `ms` in lower case only (`Ms.` is a title).
pub fn is_time_unit(word: &str) -> bool {
    let mut buf = [0u8; 16];
    ascii_lower(word, &mut buf)
        .is_some_and(|lower| listed(TIME_UNITS, lower) && (lower != "ms" || word == "ms"))
}

/// Time zones, which follow `a.m.`/`p.m.` in the same sentence.
const TIME_ZONES: &[&str] = &[
    "bst", "cdt", "cet", "cst", "ct", "edt", "eet", "est", "et", "gmt", "ist", "mdt", "mst", "mt",
    "pdt", "pst", "pt", "utc",
];

/// Days and months, written out or abbreviated, which follow `a.m.`/`p.m.`
/// in a date (`at 10 a.m. Monday`, `at 9 p.m. Jan. 5`); not `May`, which
/// also opens a question.
#[rustfmt::skip]
const DATES: &[&str] = &[
    "apr", "april", "aug", "august", "dec", "december", "feb", "february", "friday", "jan",
    "january", "jul", "july", "jun", "june", "mar", "march", "monday", "nov", "november", "oct",
    "october", "saturday", "sep", "sept", "september", "sunday", "thursday", "tuesday",
    "wednesday",
];

/// Whether `word`, after `a.m.`/`p.m.`, goes on with the time: a time zone
/// in capitals (`ET`, `GMT`), a day or a month (`Monday`, `Jan`).
pub fn continues_a_time(word: &str) -> bool {
    let mut buf = [0u8; 16];
    let Some(lower) = ascii_lower(word, &mut buf) else {
        return false;
    };
    let capitalised = word.starts_with(|c: char| c.is_ascii_uppercase());
    (word.bytes().all(|b| b.is_ascii_uppercase()) && listed(TIME_ZONES, lower))
        || (capitalised && listed(DATES, lower))
}

/// Nouns that a letter labels (`Appendix B`, `Group A`, `Vitamin D`): a
/// capital after one is that label, not an initial, so a full stop after
/// it ends the sentence before a capital.
#[rustfmt::skip]
const LABELLED: &[&str] = &[
    "annex", "appendix", "block", "case", "category", "chapter", "class", "column", "condition",
    "exhibit", "experiment", "figure", "form", "grade", "group", "hepatitis", "level", "model",
    "option", "part", "phase", "plan", "row", "sample", "schedule", "section", "series", "site",
    "stage", "step", "study", "table", "tier", "type", "vitamin", "zone",
];

/// Whether `word` is a noun a letter labels (see [`LABELLED`]).
pub fn is_labelled(word: &str) -> bool {
    let mut buf = [0u8; 16];
    ascii_lower(word, &mut buf).is_some_and(|lower| listed(LABELLED, lower))
}

/// Whether a capitalised `word` typically begins a sentence.
pub fn is_sentence_starter(word: &str) -> bool {
    let mut buf = [0u8; 16];
    ascii_lower(word, &mut buf).is_some_and(|lower| listed(STARTERS, lower))
}

/// Verbs of saying, as a speech tag after a quotation has them (`"Why?" I
/// asked.`).
#[rustfmt::skip]
const SAYING: &[&str] = &[
    "added", "answered", "asked", "begged", "called", "cried", "demanded", "exclaimed", "inquired",
    "insisted", "muttered", "replied", "said", "say", "screamed", "shouted", "thought", "whispered",
    "wondered", "yelled",
];

/// Whether `word` is a verb of saying in a speech tag (see [`SAYING`]).
pub fn is_saying_verb(word: &str) -> bool {
    let mut buf = [0u8; 16];
    ascii_lower(word, &mut buf).is_some_and(|lower| listed(SAYING, lower))
}

/// Whether `word` is a preposition that can open a fronted time phrase.
pub fn is_fronting_preposition(word: &str) -> bool {
    let mut buf = [0u8; 16];
    ascii_lower(word, &mut buf).is_some_and(|lower| listed(FRONTING, lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for table in [
            TITLES,
            NUMERIC,
            GENERAL,
            FINAL,
            FINAL_SHORT,
            ERAS,
            FRONTING,
            STARTERS,
            TIME_UNITS,
            TIME_ZONES,
            DATES,
            DATE_ABBREVIATIONS,
            LABELLED,
            SAYING,
        ] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
        }
    }

    #[test]
    fn classifies_words_before_a_full_stop() {
        let cases = [
            ("Mr", Abbrev::Title),
            ("e.g", Abbrev::Title),
            ("No", Abbrev::Numeric),
            ("p", Abbrev::Numeric),
            ("U.S", Abbrev::General),
            ("U.S.A", Abbrev::General),
            ("a.m", Abbrev::Time),
            ("B.C", Abbrev::Era),
            ("Ph.D", Abbrev::Final),
            ("Jan", Abbrev::Date),
            ("sat", Abbrev::None),
            ("etc", Abbrev::Final),
            ("Co", Abbrev::Final),
            ("J", Abbrev::Initial),
            ("world", Abbrev::None),
            ("1990", Abbrev::None),
            ("6a.m", Abbrev::Time),
            ("171/U.S", Abbrev::General),
            ("example.com", Abbrev::None),
            ("1970s", Abbrev::None),
            ("90s", Abbrev::None),
            ("1990's", Abbrev::None),
        ];
        for (word, want) in cases {
            assert_eq!(classify(word), want, "{word}");
        }
    }

    #[test]
    fn knows_sentence_starters() {
        assert!(is_sentence_starter("How"));
        assert!(is_sentence_starter("They"));
        assert!(!is_sentence_starter("Government"));
    }
}
