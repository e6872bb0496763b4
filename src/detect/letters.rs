//! Arabic-script languages told apart by their letters and function words.
//!
//! Whatlang alone calls most Urdu, Pashto and Kurdish lines Persian or
//! Arabic. Their alphabets differ: each adds letters the others lack. The
//! order of the tests matters — Urdu writes the Persian پ چ گ ی ک too, so
//! "Persian letters first" would call every Urdu line Persian.

use crate::lang::Lang;

/// Letters only Sorani Kurdish uses.
const SORANI: &[char] = &['ڕ', 'ڵ', 'ۆ', 'ێ', 'ە'];
/// Letters only Pashto uses.
const PASHTO: &[char] = &['ټ', 'ډ', 'ړ', 'ږ', 'ښ', 'ګ', 'ڼ', 'ۍ', 'ې', 'ځ', 'څ'];
/// Letters and signs only Urdu uses: the Urdu letters, heh goal with
/// hamza (ۂ), yeh barree with hamza (ۓ) and the Urdu full stop (۔).
const URDU: &[char] = &['ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ہ', 'ھ', 'ۂ', 'ۓ', '۔'];
/// Letters Persian shares with Urdu but not with Arabic. Of them, ی and ک
/// are also Arabic typed on a Persian keyboard.
const PERSIAN: &[char] = &['پ', 'چ', 'ژ', 'گ'];
const PERSIAN_KEYBOARD: &[char] = &['ی', 'ک'];
/// Signs of Arabic spelling: ta marbuta, alef maksura, hamza seats. Arabic
/// yeh and kaf (ي ك) are weaker: Persian typed on an Arabic keyboard has
/// them too.
const ARABIC: &[char] = &['ة', 'ى', 'أ', 'إ', 'ؤ'];
const ARABIC_WEAK: &[char] = &['ي', 'ك'];
/// Heh (ه): Urdu writes heh goal (ہ) or do-chashmi heh (ھ) instead.
const HEH: char = 'ه';
/// Do-chashmi heh (ھ), Urdu's heh for aspirates.
const DO_CHASHMI: char = 'ھ';
const ZWNJ: char = '\u{200c}';

/// Frequent words of each language, for lines whose letters decide nothing.
const PERSIAN_WORDS: &[&str] = &[
    "است", "این", "آن", "را", "که", "از", "به", "با", "برای", "تا", "هم", "نیز", "شد", "شده",
    "بود", "کرد", "می", "اند", "ها", "های", "ای", "یک", "ما", "شما", "او", "آنها", "اما", "اگر",
    "هر", "نه", "من", "در", "بر", "خود", "وی", "نمی", "باید", "شود", "کند", "دارد", "بین", "چه",
    "همه",
];
#[rustfmt::skip]
const ARABIC_WORDS: &[&str] = &[
    "في", "من", "على", "إلى", "الى", "عن", "مع", "هذا", "هذه", "التي", "الذي", "التى", "كان", "ان",
    "أن", "إن", "لا", "ما", "هو", "هي", "قد", "ثم", "كل", "بين", "عند", "لم", "لن", "او", "أو",
    "لماذا", "ماذا", "عليه", "عليها", "له", "لها", "ذلك", "تلك", "هناك", "حيث", "حتى", "لكن",
    "إذا", "اذا", "كما", "أيضا", "ايضا", "منذ", "كانت", "يكون", "ولا", "وهو", "وهي",
];
/// Urdu's frequent words; from ایک on, words without an Urdu-only letter
/// (which decides by itself) that Persian does not write.
#[rustfmt::skip]
const URDU_WORDS: &[&str] = &[
    "کے", "کی", "کا", "ہے", "ہیں", "میں", "نے", "سے", "کو", "پر", "اور", "یہ", "وہ", "بھی", "تھا",
    "تھی", "کہ", "ایک", "دوسری", "اپنی", "جس", "جب", "کیا", "گیا", "گئی", "دیا", "لیا", "والی",
    "کرنا", "کرتا", "کرتی", "جاتا", "جاتی",
];

/// What the letters of an Arabic-script text say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterVerdict {
    /// Letters only one language uses (Sorani, Pashto, Urdu), or letters
    /// that leave one of Persian, Arabic and Urdu.
    Decided(Lang),
    /// The languages the letters leave possible.
    Among(Candidates),
}

/// Which of Persian, Arabic and Urdu a text's letters leave possible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidates {
    pub fa: bool,
    pub ar: bool,
    pub ur: bool,
    /// Arabic signs and no Persian letter: Arabic unless Persian function
    /// words show otherwise.
    pub weak: bool,
    /// Arabic is left only to its function words: the Persian letters are
    /// ی or ک, which an Arabic text typed on a Persian keyboard has too.
    pub arabic_by_words_only: bool,
}

impl Candidates {
    /// The languages left, in a fixed order.
    pub fn langs(self) -> impl Iterator<Item = Lang> {
        [
            (self.fa, Lang::Fa),
            (self.ar, Lang::Ar),
            (self.ur, Lang::Ur),
        ]
        .into_iter()
        .filter_map(|(left, lang)| left.then_some(lang))
    }
}

/// The language of an Arabic-script text by its letters, in the order the
/// issue gives: letters only Sorani, Pashto or Urdu uses decide first;
/// then letters exclude: Persian letters (پ چ ژ گ ی ک) rule out Arabic;
/// Arabic spelling (ة ى أ إ ؤ ي ك) without a Persian letter rules out Urdu
/// and leaves Persian only to its function words; heh (ه) rules out Urdu;
/// ZWNJ all but Persian. What is left goes to the words
/// and the statistics. (Persian letters alone do not decide Persian: Urdu
/// writes them too, and Urdu words without ے ہ ں are common.)
pub fn by_letters(text: &str) -> LetterVerdict {
    // One pass: which of the sets occur (all in the Arabic block, or ZWNJ,
    // so other characters are skipped at once).
    let (mut sorani, mut pashto, mut urdu, mut persian, mut arabic) =
        (false, false, false, false, false);
    let mut keyboard = false;
    let (mut weak, mut heh, mut zwnj, mut do_chashmi) = (false, false, false, false);
    for c in text.chars() {
        if c == ZWNJ {
            zwnj = true;
            continue;
        }
        if !('\u{0620}'..='\u{06ff}').contains(&c) {
            continue;
        }
        sorani |= SORANI.contains(&c);
        pashto |= PASHTO.contains(&c);
        urdu |= URDU.contains(&c) && c != DO_CHASHMI;
        do_chashmi |= c == DO_CHASHMI;
        persian |= PERSIAN.contains(&c);
        keyboard |= PERSIAN_KEYBOARD.contains(&c);
        arabic |= ARABIC.contains(&c);
        weak |= ARABIC_WEAK.contains(&c);
        heh |= c == HEH;
    }
    if sorani {
        return LetterVerdict::Decided(Lang::Ckb);
    }
    if pashto {
        return LetterVerdict::Decided(Lang::Ps);
    }
    // ھ as the only Urdu letter, in Arabic spelling: Arabic typed where a
    // keyboard gives ھ for ه (لأجھزة). Urdu spelling with these signs
    // also has ے, ہ or ں (every such line of the shared data does).
    let keyboard_heh = do_chashmi && !urdu && (arabic || weak);
    heh |= keyboard_heh;
    if urdu || (do_chashmi && !keyboard_heh) {
        return LetterVerdict::Decided(Lang::Ur);
    }
    if zwnj {
        return LetterVerdict::Decided(Lang::Fa);
    }
    let mut left = Candidates {
        fa: true,
        ar: true,
        ur: true,
        weak: false,
        arabic_by_words_only: false,
    };
    match (persian || keyboard, arabic || weak) {
        (true, false) if persian => left.ar = false,
        (true, false) => left.arabic_by_words_only = true,
        // Arabic signs and no Persian letter: Arabic, or Persian typed on
        // an Arabic keyboard or quoting Arabic, which only its function
        // words can show.
        (false, true) => {
            left.ur = false;
            left.weak = true;
        }
        // Both (Persian typed with Arabic signs, Arabic with Persian ی/ک),
        // or neither: all stay possible.
        _ => {}
    }
    if heh {
        left.ur = false;
    }
    let mut codes = left.langs();
    match (codes.next(), codes.next()) {
        (Some(code), None) => LetterVerdict::Decided(code),
        _ => LetterVerdict::Among(left),
    }
}

/// Frequent words of each language in a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Votes {
    pub fa: usize,
    /// Arabic function words.
    pub ar: usize,
    /// Words with the Arabic article (ال), which Persian writes too in
    /// names and loanwords (عبدالله, الکترونیک).
    pub article: usize,
    pub ur: usize,
}

/// Frequent Persian words whose letters reversed make no common word
/// (`در` is left out: `رد` is one).
#[rustfmt::skip]
const REVERSIBLE_WORDS: &[&str] = &[
    "است", "این", "آن", "را", "که", "از", "به", "با", "برای", "شد", "شده", "بود", "های", "اگر",
    "خود", "باید", "کند", "بین", "همه",
];

/// Whether `text` is Persian in visual order: each line's letters laid
/// out right to left as a PDF places its glyphs, so that its words read
/// backwards (`ار` for `را`). Its frequent words are found reversed at
/// least ten times, and four times as often as written.
pub fn is_visual_order_persian(text: &str) -> bool {
    // The first 20 kB (some 3,000 words) say it as well as the whole.
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = crate::normalize::normalize(&text[..end]);
    let (mut written, mut reversed) = (0usize, 0usize);
    for word in text.split(|c: char| !crate::lang::is_alphabetic(c)) {
        if word.is_empty() || word.len() > 8 {
            continue;
        }
        written += usize::from(REVERSIBLE_WORDS.contains(&word));
        reversed += usize::from(
            REVERSIBLE_WORDS
                .iter()
                .any(|w| w.len() == word.len() && w.chars().rev().eq(word.chars())),
        );
    }
    reversed >= 10 && reversed >= 4 * written.max(1)
}

/// Counts the frequent words of each language in `text`.
pub fn word_votes(text: &str) -> Votes {
    let mut votes = Votes::default();
    for word in text.split(|c: char| !crate::lang::is_alphabetic(c) && c != '\u{200c}') {
        let word = word.trim_matches('\u{200c}');
        if word.is_empty() {
            continue;
        }
        let stem = word
            .strip_prefix("می\u{200c}")
            .map(|_| "می")
            .unwrap_or(word);
        // Persian typed on an Arabic keyboard: كه, اين.
        let persian = if stem.contains(ARABIC_WEAK) {
            PERSIAN_WORDS.contains(&stem.replace('ك', "ک").replace('ي', "ی").as_str())
        } else {
            PERSIAN_WORDS.contains(&stem)
        };
        votes.fa += usize::from(persian);
        // Arabic writes "and" and "so" on the word: ومن, فإن.
        let arabic = ARABIC_WORDS.contains(&word)
            || word
                .strip_prefix(['و', 'ف'])
                .is_some_and(|rest| rest.chars().nth(1).is_some() && ARABIC_WORDS.contains(&rest));
        votes.ar += usize::from(arabic);
        votes.article += usize::from(word.starts_with("ال") && word.chars().count() > 3);
        votes.ur += usize::from(URDU_WORDS.contains(&word));
    }
    votes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn do_chashmi_heh_in_arabic_spelling_is_arabic_typed_so() {
        // ھ with ة/أ or Arabic kaf, and no other Urdu letter: Arabic.
        for text in ["لأجھزة", "الكمبيوتر لجھاز"] {
            assert!(
                !matches!(by_letters(text), LetterVerdict::Decided(Lang::Ur)),
                "{text}"
            );
        }
        // Urdu keeps it: alone, or with its other letters.
        for text in ["بھائی", "کھانا", "اسکی وجہ یہ بھی ہے"] {
            assert!(
                matches!(by_letters(text), LetterVerdict::Decided(Lang::Ur)),
                "{text}"
            );
        }
    }

    #[test]
    fn persian_in_visual_order_reads_backwards() {
        let persian = "این کتاب را از کتابخانه به خانه آورد که بخواند. ".repeat(4);
        let visual: String = persian
            .split_inclusive(' ')
            .map(|w| w.trim().chars().rev().collect::<String>() + " ")
            .collect();
        assert!(!is_visual_order_persian(&persian));
        assert!(is_visual_order_persian(&visual), "{visual}");
        assert!(!is_visual_order_persian("the words of an English text"));
    }

    #[test]
    fn letters_decide_in_order() {
        let decided = [
            ("ئەم ڕۆژە", Lang::Ckb),
            ("دا ښځه ده", Lang::Ps),
            ("یہ کتاب ہے", Lang::Ur),
            ("کتاب‌ها", Lang::Fa),
            ("گفته", Lang::Fa),
        ];
        for (text, want) in decided {
            assert_eq!(by_letters(text), LetterVerdict::Decided(want), "{text}");
        }
    }

    #[test]
    fn letters_rule_languages_out() {
        let left = |text| match by_letters(text) {
            LetterVerdict::Among(left) => left.langs().collect::<Vec<_>>(),
            LetterVerdict::Decided(code) => panic!("{text}: decided {code}"),
        };
        // Persian letters rule out Arabic; Urdu writes them too.
        assert_eq!(left("پاکستان"), [Lang::Fa, Lang::Ur]);
        // Arabic spelling rules out Urdu; Persian is left to its words.
        assert_eq!(left("هذه مدرسة"), [Lang::Fa, Lang::Ar]);
        assert_eq!(left("دانش"), [Lang::Fa, Lang::Ar, Lang::Ur]);
        // ی alone may be an Arabic text typed on a Persian keyboard.
        match by_letters("سیاسی") {
            LetterVerdict::Among(left) => assert!(left.arabic_by_words_only),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn function_words_vote() {
        let persian = word_votes("كتاب را خواندي که");
        assert_eq!((persian.fa, persian.ar, persian.ur), (2, 0, 0));
        let arabic = word_votes("ذهب الولد إلى المدرسة");
        assert_eq!((arabic.ar, arabic.article), (1, 2));
    }
}
