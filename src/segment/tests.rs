//! Table-driven cases for the segmenter, one per rule class. Every case is
//! also checked for the no-character-lost invariant.

use super::*;

fn check(lang: Lang, text: &str, want: &[&str]) {
    check_with(Segmenter::new(lang), text, want);
}

fn check_with(segmenter: Segmenter, text: &str, want: &[&str]) {
    let got = segmenter.split(text);
    assert_eq!(got, want, "{:?}: {text:?}", segmenter.lang());
}

#[test]
fn english_abbreviations_titles_and_initials() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Mr. Smith arrived. He sat down.",
            &["Mr. Smith arrived.", "He sat down."],
        ),
        (
            "I live in the U.S. How about you?",
            &["I live in the U.S.", "How about you?"],
        ),
        (
            "I work for the U.S. Government in Virginia.",
            &["I work for the U.S. Government in Virginia."],
        ),
        (
            "Use a language, e.g. Rust or Python.",
            &["Use a language, e.g. Rust or Python."],
        ),
        (
            "J. R. R. Tolkien wrote it.",
            &["J. R. R. Tolkien wrote it."],
        ),
        ("See No. 5 in the list.", &["See No. 5 in the list."]),
        (
            "At 5 a.m. Mr. Smith went to the bank.",
            &["At 5 a.m. Mr. Smith went to the bank."],
        ),
        (
            "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
            &[
                "We make a good team, you and I.",
                "Did you see Albert I. Jones yesterday?",
            ],
        ),
        (
            "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
            &[
                "They closed the deal with Pitt, Briggs & Co.",
                "It closed yesterday.",
            ],
        ),
        ("That is JFK Jr.'s book.", &["That is JFK Jr.'s book."]),
    ];
    for (text, want) in cases {
        check(Lang::En, text, want);
    }
}

#[test]
fn english_numbers_urls_quotes_and_ellipses() {
    let cases: &[(&str, &[&str])] = &[
        // An aside opening with a relative pronoun belongs to the sentence
        // it comments on; an aside that is a sentence stands alone.
        (
            "'I shall fall off the house!' (Which was very likely true.) Then she fell.",
            &[
                "'I shall fall off the house!' (Which was very likely true.)",
                "Then she fell.",
            ],
        ),
        (
            "\"I should think!\" (Dinah was the cat.)",
            &["\"I should think!\"", "(Dinah was the cat.)"],
        ),
        (
            "It costs $3.50 today. Pi is 3.14.",
            &["It costs $3.50 today.", "Pi is 3.14."],
        ),
        (
            "Her email is Jane.Doe@example.com. I sent her an email.",
            &["Her email is Jane.Doe@example.com.", "I sent her an email."],
        ),
        (
            "See www.example.com. Then go home.",
            &["See www.example.com.", "Then go home."],
        ),
        (
            "She said, \"This is great.\" She left.",
            &["She said, \"This is great.\"", "She left."],
        ),
        (
            "\"This is great.\" she said.",
            &["\"This is great.\" she said."],
        ),
        (
            "He left (at 5 p.m.) and came back.",
            &["He left (at 5 p.m.) and came back."],
        ),
        (
            "I never meant that.... She left the store.",
            &["I never meant that....", "She left the store."],
        ),
        (
            "He paused... and then he left.",
            &["He paused... and then he left."],
        ),
        (
            "Hello world.Today is Tuesday.",
            &["Hello world.", "Today is Tuesday."],
        ),
        (
            "She works at Yahoo! in the accounting department.",
            &["She works at Yahoo! in the accounting department."],
        ),
        ("Hello?! Is that you?", &["Hello?!", "Is that you?"]),
        (
            "I fell down. ' , Tim said. 'They ran?' Jed nodded.",
            &["I fell down. ' , Tim said.", "'They ran?'", "Jed nodded."],
        ),
        (
            "Check (. in it) now. Then go.",
            &["Check (.", "in it) now.", "Then go."],
        ),
    ];
    for (text, want) in cases {
        check(Lang::En, text, want);
    }
}

#[test]
fn english_list_markers() {
    let cases: &[(&str, &[&str])] = &[
        (
            "1. The first item 2. The second item",
            &["1. The first item", "2. The second item"],
        ),
        ("a) here it is b) another", &["a) here it is", "b) another"]),
        (
            "• 9. The first item • 10. The second item",
            &["• 9. The first item", "• 10. The second item"],
        ),
        ("I have 2. The rest left.", &["I have 2.", "The rest left."]),
        (
            "1.) One 2.) Two 1.) One again",
            &["1.) One", "2.) Two", "1.) One again"],
        ),
    ];
    for (text, want) in cases {
        check(Lang::En, text, want);
    }
}

#[test]
fn persian_terminators_quotes_and_abbreviations() {
    let cases: &[(&str, &[&str])] = &[
        ("آیا او آمد؟من نمی‌دانم.", &["آیا او آمد؟", "من نمی‌دانم."]),
        ("واقعاً؟! باورنکردنی است.", &["واقعاً؟!", "باورنکردنی است."]),
        (
            "او گفت: «من فردا به خانه می‌روم.» سپس رفت.",
            &["او گفت: «من فردا به خانه می‌روم.»", "سپس رفت."],
        ),
        (
            "«آیا فردا می‌آیی؟» از من پرسید.",
            &["«آیا فردا می‌آیی؟» از من پرسید."],
        ),
        // Three dots closing a quotation end it, unless "he said" or "and"
        // goes on.
        (
            "در گزارش آمده است: «وضعیت وخیم است...» مقامات سکوت کردند. «کافی نیست...» او گفت.",
            &[
                "در گزارش آمده است: «وضعیت وخیم است...»",
                "مقامات سکوت کردند.",
                "«کافی نیست...» او گفت.",
            ],
        ),
        // A saying clause with a colon opens a quotation of its own.
        (
            "او پرسید: «کی می‌آیی؟» گفتم: «فردا».",
            &["او پرسید: «کی می‌آیی؟»", "گفتم: «فردا»."],
        ),
        // Quotations closed without a terminator: the next quotation, or
        // the words that introduce it, start a new sentence; a direction
        // mark between the two does not hide it.
        (
            "او گفت: «کار آسانی نبود» او افزود: «اما تمام شد.»",
            &["او گفت: «کار آسانی نبود»", "او افزود: «اما تمام شد.»"],
        ),
        (
            "«کار آسانی نبود» \u{200f}«اما تمام شد.»",
            &["«کار آسانی نبود»", "\u{200f}«اما تمام شد.»"],
        ),
        (
            "«کار آسانی نبود» را به همه گفت و رفت.",
            &["«کار آسانی نبود» را به همه گفت و رفت."],
        ),
        // A Latin initial spelled in Persian goes on into the name; a
        // letter's spelling that is a common word (`زد` "hit", `سی`
        // "thirty") ends the sentence as any word does. `و …` is "etc."
        // spaced as `و…` is glued.
        (
            "جورج دبلیو. بوش رئیس جمهور شد. او را زد. سن او سی. شرکت‌هایی مانند گوگل، اپل و … حاضر بودند. او رفت … ما ماندیم.",
            &[
                "جورج دبلیو. بوش رئیس جمهور شد.",
                "او را زد.",
                "سن او سی.",
                "شرکت‌هایی مانند گوگل، اپل و … حاضر بودند.",
                "او رفت …",
                "ما ماندیم.",
            ],
        ),
        // A speech a colon opened, closed without a terminator, ends the
        // sentence before a word that does not join on; a term in
        // guillemets (a word or three) does not, nor does `و` after one.
        (
            "ترامپ با صدای خود می‌گوید: «من چیزی را رها نکرده‌ام» وی خاطرنشان کرد که کیم آمد.",
            &[
                "ترامپ با صدای خود می‌گوید: «من چیزی را رها نکرده‌ام»",
                "وی خاطرنشان کرد که کیم آمد.",
            ],
        ),
        // A question a colon opened is a speech whose saying verb came
        // first: a clause after it is no "… he asked" tail.
        (
            "او پرسید: «آیا این درست است؟» پاسخی داده نشد. «آیا فردا می‌آیی؟» از من پرسید.",
            &[
                "او پرسید: «آیا این درست است؟»",
                "پاسخی داده نشد.",
                "«آیا فردا می‌آیی؟» از من پرسید.",
            ],
        ),
        (
            "حضرت فرمودند: «قوموا عنی» از نزد من برخیزید.",
            &["حضرت فرمودند: «قوموا عنی» از نزد من برخیزید."],
        ),
        (
            "وی افزود: «ما برای این کار آماده‌ایم» و جلسه را ترک کرد.",
            &["وی افزود: «ما برای این کار آماده‌ایم» و جلسه را ترک کرد."],
        ),
        (
            "او آمد؛ ما رفتیم. تمام شد.",
            &["او آمد؛ ما رفتیم.", "تمام شد."],
        ),
        (
            "او در سال ۱۳۵۷ ه.ش. به تهران آمد.",
            &["او در سال ۱۳۵۷ ه.ش. به تهران آمد."],
        ),
        ("دکتر م. رضایی امروز آمد.", &["دکتر م. رضایی امروز آمد."]),
        // A Latin gloss in brackets ending in an abbreviation's full stop:
        // the Persian sentence goes on; a bracketed sentence stands alone.
        (
            "شرکت اپل (Apple Inc.) سود خود را اعلام کرد. سهام آن بالا رفت.",
            &[
                "شرکت اپل (Apple Inc.) سود خود را اعلام کرد.",
                "سهام آن بالا رفت.",
            ],
        ),
        (
            "او آمد. (این خبر تأیید شد.) سپس رفت.",
            &["او آمد.", "(این خبر تأیید شد.)", "سپس رفت."],
        ),
        (
            "قیمت ۱۲.۵ دلار است. این مناسب است.",
            &["قیمت ۱۲.۵ دلار است.", "این مناسب است."],
        ),
        (
            "حبیب و رشید هجری و... به ساحت قدسی آگاهی داشتند.",
            &["حبیب و رشید هجری و... به ساحت قدسی آگاهی داشتند."],
        ),
        (
            "حسن جان! حسین جان! زینبم! بیایید با مادر وداع کنید.",
            &["حسن جان! حسین جان! زینبم! بیایید با مادر وداع کنید."],
        ),
        (
            "چه خبر خوبی! واقعاً عالی است.",
            &["چه خبر خوبی!", "واقعاً عالی است."],
        ),
        (
            "كتاب را خواندي؟ بله، خواندم.",
            &["كتاب را خواندي؟", "بله، خواندم."],
        ),
        (
            "امام حسین) ع (گفت. سپس رفت.",
            &["امام حسین) ع (گفت.", "سپس رفت."],
        ),
    ];
    for (text, want) in cases {
        check(Lang::Fa, text, want);
    }
}

#[test]
fn persian_dateline_is_its_own_segment() {
    check(
        Lang::Fa,
        "تهران - ایرنا: رئیس‌جمهور امروز به شیراز رفت.",
        &["تهران - ایرنا:", "رئیس‌جمهور امروز به شیراز رفت."],
    );
}

#[test]
fn auto_picks_rules_per_paragraph() {
    check_with(
        Segmenter::auto(),
        "I live in the U.S. How about you?\nدکتر م. رضایی آمد. او رفت.",
        &[
            "I live in the U.S.",
            "How about you?",
            "دکتر م. رضایی آمد.",
            "او رفت.",
        ],
    );
}

#[test]
fn line_breaks_bom_crlf_and_nbsp() {
    let text = "\u{feff}Title\r\n\r\nOne.\u{a0}Two.\r\nThree";
    let seg = Segmenter::new(Lang::En);
    let got: Vec<_> = seg
        .sentences(text)
        .map(|s| (s.text(text), s.paragraph))
        .collect();
    assert_eq!(got, [("Title", 0), ("One.", 1), ("Two.", 1), ("Three", 2)]);
    let joined = seg
        .with_line_breaks(LineBreaks::Space)
        .split("It was a cold\nnight.\n\nNext.");
    assert_eq!(joined, ["It was a cold\nnight.", "Next."]);
}

#[test]
fn empty_and_blank_input_gives_no_sentences() {
    for text in ["", "\n", "  \r\n\t", "\u{feff}"] {
        assert!(split_sentences(text, Lang::En).is_empty(), "{text:?}");
    }
}

#[test]
fn offsets_point_into_the_input() {
    let text = "  Hi there.  Bye.";
    let spans: Vec<_> = Segmenter::new(Lang::En)
        .sentences(text)
        .map(|s| (s.start, s.end))
        .collect();
    assert_eq!(spans, [(2, 11), (13, 17)]);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn strip(s: &str) -> String {
        s.chars().filter(|c| !text::is_space(*c)).collect()
    }

    fn check_invariant(text: &str, lang: Option<Lang>, mode: LineBreaks) {
        let seg = Segmenter::for_language(lang).with_line_breaks(mode);
        let sentences: Vec<Sentence> = seg.sentences(text).collect();
        let joined: String = sentences.iter().map(|s| s.text(text)).collect();
        assert_eq!(strip(&joined), strip(text));
        for pair in sentences.windows(2) {
            assert!(pair[0].end <= pair[1].start && pair[0].paragraph <= pair[1].paragraph);
        }
        for s in &sentences {
            let t = s.text(text);
            assert!(!t.is_empty() && t == t.trim_matches(text::is_space));
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            any::<char>().prop_map(String::from),
            Just(". ".to_string()),
            Just("...".to_string()),
            Just("؟".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just(" ".to_string()),
            Just("«".to_string()),
            Just("»".to_string()),
            Just("1. ".to_string()),
            Just("Mr.".to_string()),
            Just("است".to_string()),
            Just("Word".to_string()),
        ];
        proptest::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn no_character_is_lost_or_invented(text in text_strategy(), mode in 0..3usize, lang in 0..3usize) {
            let mode = [LineBreaks::Sentence, LineBreaks::Space, LineBreaks::Auto][mode];
            let lang = [Some(Lang::En), Some(Lang::Fa), None][lang];
            check_invariant(&text, lang, mode);
        }

        #[test]
        fn arbitrary_unicode_is_kept(text in "\\PC*") {
            check_invariant(&text, None, LineBreaks::Auto);
        }
    }
}

#[test]
fn decades_addresses_and_persian_quotes_going_on() {
    let en: &[(&str, &[&str])] = &[
        (
            "Rivers have shrunk since the 1970s. Experts blame dams.",
            &["Rivers have shrunk since the 1970s.", "Experts blame dams."],
        ),
        (
            "It grew in the 1990s. Prices fell.",
            &["It grew in the 1990s.", "Prices fell."],
        ),
        (
            "See https://example.com/a.b. Email a.b@c.com now.",
            &["See https://example.com/a.b.", "Email a.b@c.com now."],
        ),
        (
            "Visit www.example.com. It is free.",
            &["Visit www.example.com.", "It is free."],
        ),
        // A number with an abbreviation glued on is still one.
        (
            "He came at 6a.m. and left.",
            &["He came at 6a.m. and left."],
        ),
    ];
    for (text, want) in en {
        check(Lang::En, text, want);
    }
    let fa: &[(&str, &[&str])] = &[
        (
            "آنها گفتند: «چرا؟» و رفتند.",
            &["آنها گفتند: «چرا؟» و رفتند."],
        ),
        // A word that only starts with و is a new sentence; so is و after
        // a quoted statement (the news pairs end the sentence there).
        ("گفت «نه.» ورزش کرد.", &["گفت «نه.»", "ورزش کرد."]),
        (
            "او گفت: «من عصبانی هستم.» و بعد ادامه داد.",
            &["او گفت: «من عصبانی هستم.»", "و بعد ادامه داد."],
        ),
    ];
    for (text, want) in fa {
        check(Lang::Fa, text, want);
    }
}

#[test]
fn academic_citations_references_and_units() {
    let cases: &[(&str, &[&str])] = &[
        (
            "As shown by Smith et al. (2010), the effect is robust. We confirm it.",
            &[
                "As shown by Smith et al. (2010), the effect is robust.",
                "We confirm it.",
            ],
        ),
        (
            "See Eq. (3) for details. Ref. [12] agrees.",
            &["See Eq. (3) for details.", "Ref. [12] agrees."],
        ),
        (
            "Sect. 4 concludes. See Suppl. Fig. S1 and Tab. 2 too.",
            &["Sect. 4 concludes.", "See Suppl. Fig. S1 and Tab. 2 too."],
        ),
        (
            "The pressure was ca. 5 bar. It was grown at 30 °C. Cells were harvested.",
            &[
                "The pressure was ca. 5 bar.",
                "It was grown at 30 °C.",
                "Cells were harvested.",
            ],
        ),
        // A bracket that opens a sentence still ends the one before.
        (
            "I live in the U.S. (It is big.) We like it.",
            &["I live in the U.S.", "(It is big.)", "We like it."],
        ),
        // An initial is still an initial.
        (
            "The yeast S. cerevisiae grew. J. Smith saw it.",
            &["The yeast S. cerevisiae grew.", "J. Smith saw it."],
        ),
        // A one-letter unit after a number ends a sentence before a capital.
        (
            "It ran for 24 h. Samples were frozen. It took 5 s. and stopped.",
            &[
                "It ran for 24 h.",
                "Samples were frozen.",
                "It took 5 s. and stopped.",
            ],
        ),
        // `et al.` ends a sentence before a capital; a year continues it.
        (
            "It was shown by Smith et al. Later work agrees. As Lee et al. showed, it holds.",
            &[
                "It was shown by Smith et al.",
                "Later work agrees.",
                "As Lee et al. showed, it holds.",
            ],
        ),
        (
            "Mix 2 tbsp. of flour. Stir.",
            &["Mix 2 tbsp. of flour.", "Stir."],
        ),
        // A journal's abbreviated title is one reference, not sentences;
        // a sentence after it still starts.
        (
            "See Phys. Rev. Lett. 87, 123 (2001). It appeared in Proc. Natl. Acad. Sci. USA 99, 1 (2002). We agree.",
            &[
                "See Phys. Rev. Lett. 87, 123 (2001).",
                "It appeared in Proc. Natl. Acad. Sci. USA 99, 1 (2002).",
                "We agree.",
            ],
        ),
        (
            "Smith, J. Chem. Soc. 12, 4 (1999). The result holds.",
            &["Smith, J. Chem. Soc. 12, 4 (1999).", "The result holds."],
        ),
        (
            "The proof is in App. B. See Fig. A too.",
            &["The proof is in App. B.", "See Fig. A too."],
        ),
        // A span of time after its number ends a sentence before a
        // capital, as a unit symbol does, whatever the number's commas.
        (
            "Cells were incubated for 30 min. Samples were washed. Mice fasted for 12 hrs. Blood was drawn at 10,000 g. Supernatants were kept. It took 5 yrs. Outcomes were recorded. A 5 min. walk.",
            &[
                "Cells were incubated for 30 min.",
                "Samples were washed.",
                "Mice fasted for 12 hrs.",
                "Blood was drawn at 10,000 g.",
                "Supernatants were kept.",
                "It took 5 yrs.",
                "Outcomes were recorded.",
                "A 5 min. walk.",
            ],
        ),
        // A unit after its number, before a lower-case word, ends nothing;
        // a time zone goes with its time.
        (
            "She scored 12 pts. in the first half. Use a 1/2 in. drill bit. It sold 2 mil. copies. The show airs at 9 p.m. ET on Fridays. It aired at 9 p.m. The next day it rained.",
            &[
                "She scored 12 pts. in the first half.",
                "Use a 1/2 in. drill bit.",
                "It sold 2 mil. copies.",
                "The show airs at 9 p.m. ET on Fridays.",
                "It aired at 9 p.m.",
                "The next day it rained.",
            ],
        ),
        // A bracket the sentence's own full stop closes goes with the
        // abbreviation before it; an aside with its own stop stands alone.
        (
            "Mean age was 24.3 yrs. (SD = 3.1). It varied. It came from the U.S. (See the appendix.) Others did not. It was in the 2nd edn. (Oxford, 1999). Cells grew for 24 h. (Data in Fig. 2.) Then they died.",
            &[
                "Mean age was 24.3 yrs. (SD = 3.1).",
                "It varied.",
                "It came from the U.S.",
                "(See the appendix.)",
                "Others did not.",
                "It was in the 2nd edn. (Oxford, 1999).",
                "Cells grew for 24 h.",
                "(Data in Fig. 2.)",
                "Then they died.",
            ],
        ),
        // Medicine's and statistics' shorthands end a sentence before a
        // capital; `I.M. Pei`, `P.O. Box` and `S.C. Johnson` are not among
        // them.
        (
            "Values are given as mean ± s.d. Outliers were removed. The drug was given i.v. Patients were monitored. Doses were adjusted q.d. as needed. I.M. Pei wrote to P.O. Box 5.",
            &[
                "Values are given as mean ± s.d.",
                "Outliers were removed.",
                "The drug was given i.v.",
                "Patients were monitored.",
                "Doses were adjusted q.d. as needed.",
                "I.M. Pei wrote to P.O. Box 5.",
            ],
        ),
        // A capital right after a number is its unit or magnitude (a range,
        // a power and a price are numbers too); an abbreviation's stop at a
        // bracket's end, before the sentence's own, is no aside's.
        (
            "The concentration was 10^-3 M. Higher doses were toxic. The cost is $2.5 M. Funding came from the NIH. It was heated to 300 K. The phase changed. Patients were aged 18–65 yr. (mean, 42 yr.). Most were women. Cpd. 8 was active. He met J. Smith.",
            &[
                "The concentration was 10^-3 M.",
                "Higher doses were toxic.",
                "The cost is $2.5 M.",
                "Funding came from the NIH.",
                "It was heated to 300 K.",
                "The phase changed.",
                "Patients were aged 18–65 yr. (mean, 42 yr.).",
                "Most were women.",
                "Cpd. 8 was active.",
                "He met J. Smith.",
            ],
        ),
        // A month or a day abbreviated ends a sentence before a capital
        // as a.m. does (not in a fronted phrase, not before a number or
        // another date word); in lower case it is a word. `"Why?" I
        // asked.` is one sentence; `ext.` stands before its number, `Wm.`
        // before a name; a stop after a bracket (`(c).`) or a rate
        // (`y/y.`) is no abbreviation's.
        (
            "It is hot in Aug. and Sept. Bring sunscreen. In Sept. Smith resigned. We sat in the sun. Everyone was happy. It opened on Sat. Sept. 5. He left on Jan. 5, 2001. \"Why?\" I asked. \"Go!\" I said. The answer is (c). Option (d) is wrong. Revenue grew 12% y/y. Margins fell. Call ext. 12 now. In Exp. 2 we varied the delay. See Fn. 3. It was founded by Wm. Smith.",
            &[
                "It is hot in Aug. and Sept.",
                "Bring sunscreen.",
                "In Sept. Smith resigned.",
                "We sat in the sun.",
                "Everyone was happy.",
                "It opened on Sat. Sept. 5.",
                "He left on Jan. 5, 2001.",
                "\"Why?\" I asked.",
                "\"Go!\" I said.",
                "The answer is (c).",
                "Option (d) is wrong.",
                "Revenue grew 12% y/y.",
                "Margins fell.",
                "Call ext. 12 now.",
                "In Exp. 2 we varied the delay.",
                "See Fn. 3.",
                "It was founded by Wm. Smith.",
            ],
        ),
        // Milliseconds, seconds and weeks are spans of time too; a size is
        // a number before its unit; a plural reference goes on.
        (
            "Mean RTs were 523 ms vs. 611 ms. The difference is large. Wait 30 sec. Then stir. Grease a 9x13 in. pan. See refs. therein. We met Ms. Jones. It dates from the 1st cent. A.D. and was restored. It cost one cent. The rest was free.",
            &[
                "Mean RTs were 523 ms vs. 611 ms.",
                "The difference is large.",
                "Wait 30 sec.",
                "Then stir.",
                "Grease a 9x13 in. pan.",
                "See refs. therein.",
                "We met Ms. Jones.",
                "It dates from the 1st cent. A.D. and was restored.",
                "It cost one cent.",
                "The rest was free.",
            ],
        ),
        (
            "They met at 10 a.m. Monday. It ends at 5 p.m. Jan. 3. He left at 6 p.m. Traffic was light.",
            &[
                "They met at 10 a.m. Monday.",
                "It ends at 5 p.m. Jan. 3.",
                "He left at 6 p.m.",
                "Traffic was light.",
            ],
        ),
        // Biology's and references' abbreviations.
        (
            "Several Bacillus spp. were isolated. The rates were 5% and 7%, resp. The difference is small. See the 2nd edn. of the book.",
            &[
                "Several Bacillus spp. were isolated.",
                "The rates were 5% and 7%, resp.",
                "The difference is small.",
                "See the 2nd edn. of the book.",
            ],
        ),
        // A number's letter (a figure's panel) and a noun's letter are
        // labels, not initials.
        (
            "It is shown in Fig. 2B. Cells were fixed. See Appendix B. Methods follow. Call J. Smith. Ask Dr. B. Jones.",
            &[
                "It is shown in Fig. 2B.",
                "Cells were fixed.",
                "See Appendix B.",
                "Methods follow.",
                "Call J. Smith.",
                "Ask Dr. B. Jones.",
            ],
        ),
        // Mathematics' numbered statements; `op. cit.` is one reference.
        (
            "By Prop. 4 the map is injective. See Def. 3 and Alg. 1. See Smith, op. cit., p. 12. Cf. Ex. 3. It is similar.",
            &[
                "By Prop. 4 the map is injective.",
                "See Def. 3 and Alg. 1.",
                "See Smith, op. cit., p. 12.",
                "Cf. Ex. 3.",
                "It is similar.",
            ],
        ),
        // A footnote's number after a closing quote ends the sentence.
        (
            "As he wrote, \"the end is near.\"12 Historians disagree. He wrote \"no\".3 Others agree.",
            &[
                "As he wrote, \"the end is near.\"12",
                "Historians disagree.",
                "He wrote \"no\".3",
                "Others agree.",
            ],
        ),
        // `St.` is a saint before a name, a street before a sentence.
        (
            "He lives at 10 Downing St. The house is old. St. Louis is far. Go to St. Paul's.",
            &[
                "He lives at 10 Downing St.",
                "The house is old.",
                "St. Louis is far.",
                "Go to St. Paul's.",
            ],
        ),
        // The Min. of Defence is no span of time.
        (
            "He met the Min. Defence staff.",
            &["He met the Min. Defence staff."],
        ),
        // Sentence adverbs begin a sentence after an abbreviation or a
        // letter; a name still continues one.
        (
            "It holds for all x in the set X. Hence the claim follows. Data came from the U.S. Moreover, the U.K. Ministry agreed.",
            &[
                "It holds for all x in the set X.",
                "Hence the claim follows.",
                "Data came from the U.S.",
                "Moreover, the U.K. Ministry agreed.",
            ],
        ),
        // A word spelt with a capital inside begins a sentence lower-case.
        (
            "The buffer was at pH 7.4. pH was monitored. See item 1. above.",
            &[
                "The buffer was at pH 7.4.",
                "pH was monitored.",
                "See item 1. above.",
            ],
        ),
    ];
    for (text, want) in cases {
        check(Lang::En, text, want);
    }
}

#[test]
fn chinese_and_japanese_sentences_need_no_space() {
    let cases: &[(&str, &[&str])] = &[
        (
            "人人生而自由,在尊严和权利上一律平等。他们赋有理性和良心。",
            &["人人生而自由,在尊严和权利上一律平等。", "他们赋有理性和良心。"],
        ),
        // A quotation closed after its mark ends the sentence in Chinese.
        (
            "他说：“你好吗？”我很好。今天下雨了！我们走吧。",
            &["他说：“你好吗？”", "我很好。", "今天下雨了！", "我们走吧。"],
        ),
        // Japanese goes on after a quotation with と; a sentence may open
        // with a quote or a digit; `．` between digits is a decimal point.
        (
            "今日は雨です！「行きましょう。」と言った。「はい」と答えた。円周率は３．１４です。3月に来た。",
            &[
                "今日は雨です！",
                "「行きましょう。」と言った。",
                "「はい」と答えた。",
                "円周率は３．１４です。",
                "3月に来た。",
            ],
        ),
        // An ellipsis may pause inside a sentence.
        ("他们赋有理性和良心……我们走。", &["他们赋有理性和良心……我们走。"]),
        // A Latin sentence glued to a Chinese one, and back.
        (
            "我很好。It is fine. 他也好。",
            &["我很好。", "It is fine.", "他也好。"],
        ),
    ];
    for lang in [None, Some(Lang::En)] {
        for (text, want) in cases {
            check_with(Segmenter::for_language(lang), text, want);
        }
    }
}

#[test]
fn scripts_with_a_full_stop_of_their_own() {
    let cases: &[(&str, &[&str])] = &[
        // Devanagari danda, spaced and glued; `?` as in English.
        (
            "आज बारिश है। हम चलते हैं।ठीक है? हाँ॥",
            &["आज बारिश है।", "हम चलते हैं।", "ठीक है?", "हाँ॥"],
        ),
        // The Armenian full stop after a one-letter word is no initial.
        (
            "Սա գիրք է։ Այո, ես գիտեմ։",
            &["Սա գիրք է։", "Այո, ես գիտեմ։"],
        ),
        ("ዛሬ ዝናብ ነው። እንሂድ።", &["ዛሬ ዝናብ ነው።", "እንሂድ።"]),
    ];
    for (text, want) in cases {
        check_with(Segmenter::auto(), text, want);
    }
}

#[test]
fn any_language_code_is_accepted_and_read_by_script() {
    for code in ["sw", "yue", "tl-PH", "xx", "lo-Laoo-LA"] {
        let segmenter = Segmenter::for_code(code).expect(code);
        assert_eq!(segmenter.lang(), None, "{code}");
    }
    assert_eq!(
        Segmenter::for_code("zh-Hant-TW").unwrap().lang(),
        Some(Lang::Zh)
    );
    assert_eq!(Segmenter::for_code("fa-IR").unwrap().lang(), Some(Lang::Fa));
    for code in ["chinese1", "", "z", "abcd", "qq--x"] {
        assert!(Segmenter::for_code(code).is_err(), "{code:?}");
    }
}

#[test]
fn a_text_not_in_its_languages_script_is_split_by_its_own() {
    let persian = Segmenter::new(Lang::Fa);
    // German given as Persian gets English's rules, which read `. . . .`.
    let german = "Er sagte das . . . . Dann ging er.";
    assert_eq!(persian.suited_to(german).lang(), None);
    assert_eq!(
        persian.suited_to(german).split(german),
        ["Er sagte das . . . .", "Dann ging er."]
    );
    assert_eq!(
        persian.suited_to("او آمد. ما رفتیم.").lang(),
        Some(Lang::Fa)
    );
    assert_eq!(Segmenter::new(Lang::En).suited_to("我很好。").lang(), None);
    assert_eq!(
        Segmenter::new(Lang::En).suited_to("It is. Fine.").lang(),
        Some(Lang::En)
    );
    // Its other settings stay.
    let kept = Segmenter::new(Lang::Fa).with_quotations_kept(false);
    assert_eq!(
        kept.suited_to(german),
        Segmenter::auto().with_quotations_kept(false)
    );
}
