use super::*;

fn check(pairs: &[(&str, &str)]) -> Vec<Verdict> {
    Checker::new(CheckConfig::new("en", "fa")).check_all(pairs)
}

#[test]
fn a_good_pair_has_no_flags_and_full_quality() {
    let v = check(&[("He came home at 5.", "او ساعت ۵ به خانه آمد.")]);
    assert!(v[0].flags.is_empty(), "{:?}", v[0]);
    assert!(v[0].quality > 0.9);
}

#[test]
fn empty_sides_are_named() {
    let v = check(&[("", "سلام دنیا"), ("Hello", "  ")]);
    assert_eq!(v[0].names(), "empty:en");
    assert_eq!(v[1].names(), "empty:fa");
    assert_eq!(v[0].quality, 0.0);
}

#[test]
fn another_language_or_script_on_a_side() {
    let v = check(&[
        ("The weather is nice today.", "الطقس جميل اليوم في المدينة."),
        ("The weather is nice today.", "Погода сегодня хорошая."),
        (
            "This is the house.",
            "This is the house that my father built.",
        ),
        // Scripts of no language the detector names are still wrong.
        ("The weather is nice today.", "今天天气很好。"),
        ("The weather is nice today.", "מזג האוויר נעים היום."),
        ("今天天气很好。", "هوا امروز خوب است."),
    ]);
    assert_eq!(v[0].names(), "wrong-language:fa", "{:?}", v[0]);
    assert_eq!(v[1].names(), "wrong-script:fa");
    assert!(v[1].evidence().contains("Cyrillic"));
    assert_eq!(v[2].names(), "untranslated:fa", "{:?}", v[2]);
    assert!(v[3].names().contains("wrong-script:fa"), "{:?}", v[3]);
    assert!(v[3].evidence().contains("Han script"), "{:?}", v[3]);
    assert!(v[4].evidence().contains("Hebrew script"), "{:?}", v[4]);
    assert!(v[5].names().contains("wrong-script:en"), "{:?}", v[5]);
}

#[test]
fn a_line_partly_in_the_expected_script_is_not_in_the_wrong_one() {
    // A Persian translation of a score line keeps the names in Latin
    // letters, more of them than Persian ones: still Persian, partly.
    let v = check(&[
        (
            "Livingston 1-0 Rangers: Menga goal gives Holt's side victory",
            "Livingston 1 - 0 Rangers: گل Menga به تیم هولت پیروزی داد",
        ),
        (
            "Livingston 1-0 Rangers: Menga goal gives Holt's side victory",
            "Livingston beat Rangers by one goal to nil on Sunday afternoon.",
        ),
    ]);
    assert!(
        !v[0].names().contains("untranslated") && !v[0].names().contains("wrong-"),
        "{:?}",
        v[0]
    );
    assert!(v[1].names().contains("untranslated:fa"), "{:?}", v[1]);
}

#[test]
fn numbers_must_match_across_digit_scripts() {
    let v = check(&[
        (
            "In 2019, 1,200 people came.",
            "در سال ۲۰۱۹، ۱٬۲۰۰ نفر آمدند.",
        ),
        (
            "In 2019, 1,200 people came.",
            "در سال ۲۰۱۸، ۱٬۲۰۰ نفر آمدند.",
        ),
        ("Two people came.", "۲ نفر آمدند."),
    ]);
    assert!(v[0].flags.is_empty(), "{:?}", v[0]);
    assert_eq!(v[1].names(), "numbers");
    assert_eq!(v[1].flags[0].evidence, "en has 2019, fa has 2018");
    assert!(v[2].flags.is_empty(), "a number written as a word is fine");
}

#[test]
fn links_must_match() {
    let v = check(&[(
        "Write to info@example.org for details.",
        "برای جزئیات به info@example.com بنویسید.",
    )]);
    assert_eq!(v[0].names(), "urls");
}

#[test]
fn duplicates_point_at_the_first_row() {
    let v = check(&[("Yes.", "بله."), ("No.", "نه."), ("Yes.", "بله.")]);
    assert_eq!(v[2].names(), "duplicate");
    assert_eq!(v[2].flags[0].evidence, "same as row 1");
}

#[test]
fn site_lines_are_boilerplate() {
    let v = check(&[("Read this article in Persian", "")]);
    assert_eq!(v[0].names(), "empty:fa;boilerplate:en");
}

#[test]
fn length_outliers_and_swapped_neighbours() {
    let src = "The committee met on Tuesday to discuss the new budget for schools.";
    let tgt = "کمیته روز سه‌شنبه برای بحث درباره بودجه جدید مدارس تشکیل جلسه داد.";
    let mut pairs: Vec<(String, String)> = (0..30)
        .map(|i| (format!("{src} ({i})"), format!("{tgt} ({})", i)))
        .collect();
    pairs[10].1 = "بله.".into();
    let long_src = "A much longer sentence that goes on and on about the weather, the roads, the markets and the price of bread in 2020.";
    let long_tgt =
        "جمله‌ای بسیار طولانی‌تر که درباره هوا، جاده‌ها، بازارها و قیمت نان در سال ۲۰۲۰ ادامه می‌یابد.";
    pairs[20] = (long_src.into(), "Short one.".into());
    pairs[21] = ("Short one.".into(), long_tgt.into());
    pairs[20].1 = "کوتاه.".into();
    pairs[21].1 = long_tgt.into();
    pairs.swap(20, 21);
    pairs[20].1 = long_tgt.into();
    pairs[20].0 = "Short one.".into();
    pairs[21] = (long_src.into(), "کوتاه.".into());
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    assert!(v[10].names().contains("length-ratio"), "{:?}", v[10]);
    assert!(v[20].names().contains("misaligned"), "{:?}", v[20]);
    assert!(v[21].names().contains("misaligned"), "{:?}", v[21]);
    assert!(v[0].flags.is_empty() && v[29].flags.is_empty());
}

#[test]
fn pairs_that_differ_only_at_the_end_are_not_duplicates() {
    let pairs: Vec<(String, String)> = (0..50)
        .map(|k| {
            (
                format!("The river rose again [{k}]"),
                format!("رود دوباره بالا آمد [{k}]"),
            )
        })
        .chain([(
            "The river rose again [7]".to_string(),
            "رود دوباره بالا آمد [7]".to_string(),
        )])
        .collect();
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    let duplicates: Vec<usize> = (0..v.len())
        .filter(|&i| v[i].flags.iter().any(|f| f.kind == FlagKind::Duplicate))
        .collect();
    assert_eq!(duplicates, [50]);
    assert!(v[50].evidence().contains("row 8"), "{}", v[50].evidence());
}

/// A corpus in which every word has one translation: `n` pairs of eight
/// words drawn (with a fixed seed) from thirty made-up word pairs, so each
/// word occurs in many rows, with its translation and varying company.
fn regular_corpus(n: usize) -> Vec<(String, String)> {
    let en_parts = ["ka", "lo", "mi", "ne", "ru", "ta"];
    let fa_parts = ["با", "دو", "سی", "نا", "مو"];
    let fa_ends = ["ران", "لیت", "کوب", "مرد", "نیش", "گاه"];
    let en_ends = ["bar", "dun", "fel", "gor", "hix"];
    let mut seed: u64 = 7;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % m
    };
    (0..n)
        .map(|_| {
            let mut picks: Vec<usize> = Vec::new();
            while picks.len() < 8 {
                let k = next(30);
                if !picks.contains(&k) {
                    picks.push(k);
                }
            }
            let en: Vec<String> = picks
                .iter()
                .map(|&k| format!("{}{}", en_parts[k % 6], en_ends[k / 6]))
                .collect();
            let fa: Vec<String> = picks
                .iter()
                .map(|&k| format!("{}{}", fa_parts[k / 6], fa_ends[k % 6]))
                .collect();
            (en.join(" "), fa.join(" "))
        })
        .collect()
}

#[test]
fn swapped_targets_of_neighbours_are_misaligned_by_their_words() {
    let mut pairs = regular_corpus(400);
    // Rows 101 and 102 (1-based) exchange targets; their lengths alone
    // could not tell.
    let (a, b) = (pairs[100].1.clone(), pairs[101].1.clone());
    pairs[100].1 = b;
    pairs[101].1 = a;
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    for i in [100, 101] {
        assert!(
            v[i].flags.iter().any(|f| f.kind == FlagKind::Misaligned),
            "row {}: {:?}",
            i + 1,
            v[i]
        );
    }
    let clean = (0..400)
        .filter(|i| !(99..=102).contains(i))
        .filter(|&i| v[i].flags.iter().any(|f| f.kind == FlagKind::Misaligned))
        .count();
    assert_eq!(clean, 0);
}

#[test]
fn a_target_copied_from_a_far_row_is_that_rows() {
    // Rows of sixteen words (two of the regular corpus's each).
    let words = regular_corpus(800);
    let mut pairs: Vec<(String, String)> = words
        .chunks(2)
        .map(|w| {
            (
                format!("{} {}", w[0].0, w[1].0),
                format!("{} {}", w[0].1, w[1].1),
            )
        })
        .collect();
    // Row 301 (1-based) gets row 51's target: far from its neighbours.
    pairs[300].1 = pairs[50].1.clone();
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    let copied = v[300]
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::Misaligned)
        .unwrap_or_else(|| panic!("row 301: {:?}", v[300]));
    assert!(copied.evidence.contains("row 51 "), "{}", copied.evidence);
    // The row it was copied from keeps its target; no clean row is flagged.
    let flagged = (0..400)
        .filter(|&i| i != 300)
        .filter(|&i| v[i].flags.iter().any(|f| f.kind == FlagKind::Misaligned))
        .count();
    assert_eq!(flagged, 0);
}

/// Rows of two sentences each side, all translations of each other (the
/// regular corpus's rows cut after their fourth word).
fn two_sentence_corpus(n: usize) -> Vec<(String, String)> {
    let halves = |text: &str| {
        let words: Vec<&str> = text.split(' ').collect();
        format!("{}. {}.", words[..4].join(" "), words[4..].join(" "))
    };
    regular_corpus(n)
        .into_iter()
        .map(|(en, fa)| (halves(&en), halves(&fa)))
        .collect()
}

/// Row `i`'s extra-sentence flag, if it has one.
fn extra_flag(verdicts: &[Verdict], i: usize) -> Option<&Flag> {
    verdicts[i]
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::ExtraSentence)
}

#[test]
fn a_sentence_the_other_side_lacks_is_extra() {
    let mut pairs = two_sentence_corpus(400);
    // Row 151 gains an English sentence from another row; row 251 loses
    // its second Persian sentence.
    let added = pairs[7].0.split(". ").next().unwrap().to_string() + ".";
    pairs[150].0 = format!("{} {added}", pairs[150].0);
    let kept = pairs[250].1.split(". ").next().unwrap().to_string() + ".";
    pairs[250].1 = kept;
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    let extra = |i: usize| {
        extra_flag(&v, i).map(|f| (f.side.clone().unwrap_or_default(), f.evidence.clone()))
    };
    let (side, evidence) = extra(150).expect("the added sentence is found");
    assert_eq!(side, "en");
    assert!(evidence.contains(&added), "{evidence}");
    assert_eq!(extra(250).map(|(side, _)| side).as_deref(), Some("en"));
    let clean = (0..400)
        .filter(|&i| i != 150 && i != 250)
        .filter(|&i| extra(i).is_some())
        .count();
    assert_eq!(clean, 0);
}

#[test]
fn a_sentence_that_belongs_to_the_next_row_is_extra() {
    let mut pairs = two_sentence_corpus(400);
    // Row 201's English ends with two words of row 202's (a short
    // sentence whose translation is in the next row, as a misplaced
    // boundary leaves it): found and quoted, and no other row flagged.
    let next = pairs[201].0.clone();
    let fresh: Vec<&str> = next
        .split([' ', '.'])
        .filter(|w| !w.is_empty() && !pairs[200].0.contains(w))
        .take(2)
        .collect();
    let moved = format!("{} {}.", fresh[0], fresh[1]);
    pairs[200].0 = format!("{} {moved}", pairs[200].0);
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    let extra = |i: usize| extra_flag(&v, i);
    let found = extra(200).unwrap_or_else(|| panic!("{:?}", v[200]));
    assert_eq!(found.side.as_deref(), Some("en"));
    assert!(found.evidence.contains(&moved), "{}", found.evidence);
    assert_eq!(
        (0..400).filter(|&i| i != 200 && extra(i).is_some()).count(),
        0
    );
}

#[test]
fn a_short_sentence_is_extra_only_when_the_other_side_lacks_it() {
    let mut pairs = two_sentence_corpus(400);
    // Two words of another row (and a number) added to row 151's English
    // only: its Persian lacks them. Row 251 gains them on both sides (the
    // Persian in its own words' translations): translated, not extra.
    let (en, fa) = pairs[7].clone();
    let en_words: Vec<&str> = en.trim_end_matches('.').split([' ', '.']).collect();
    let fa_words: Vec<&str> = fa.trim_end_matches('.').split([' ', '.']).collect();
    let fresh = |row: &str, k: usize| !row.contains(en_words[k]);
    let picks: Vec<usize> = (0..en_words.len())
        .filter(|&k| !en_words[k].is_empty() && fresh(&pairs[150].0, k) && fresh(&pairs[250].0, k))
        .take(2)
        .collect();
    let (e, f) = (
        format!("{} {}", en_words[picks[0]], en_words[picks[1]]),
        format!("{} {}", fa_words[picks[0]], fa_words[picks[1]]),
    );
    pairs[150].0 = format!("{} {e} 1987.", pairs[150].0);
    pairs[250].0 = format!("{} {e}.", pairs[250].0);
    pairs[250].1 = format!("{} {f}.", pairs[250].1);
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    let extra = |i: usize| extra_flag(&v, i);
    let found = extra(150).unwrap_or_else(|| panic!("{:?}", v[150]));
    assert!(found.evidence.contains("1987"), "{}", found.evidence);
    assert!(extra(250).is_none(), "{:?}", v[250]);
}

#[test]
fn glosses_are_the_outermost_matched_brackets() {
    let text = "He came (at last [so they say]) and ) left [early.";
    let spans = glosses(text);
    assert_eq!(spans.len(), 1);
    let (a, b) = spans[0];
    assert_eq!(&text[a..b], "(at last [so they say])");
    assert!(glosses("no brackets here").is_empty());
    assert!(glosses("an (unclosed one").is_empty());
}

/// An English side's pieces, as the extra-sentence test reads them.
fn english_pieces(text: &str) -> Pieces {
    Pieces {
        text: text.to_string(),
        pieces: pieces(text, Some(Lang::En), &[]),
    }
}

/// The cut of whole sentences `start..end`.
fn sentences(start: usize, end: usize) -> Cut {
    Cut {
        start,
        end,
        clause: false,
    }
}

#[test]
fn a_question_or_an_exclamation_only_the_cut_holds_is_evidence_either_way() {
    let side = english_pieces("Where is he? He left at noon.");
    let (first, second) = (sentences(0, 1), sentences(1, 2));
    // The other side asks nothing: the question is this side's own.
    assert_eq!(mark_evidence(&side, first, Some("او ظهر رفت.")), 1.0);
    // It asks one: the question is translated there.
    assert_eq!(
        mark_evidence(&side, first, Some("او کجاست؟ او ظهر رفت.")),
        -1.0
    );
    // A cut that asks nothing says nothing.
    assert_eq!(mark_evidence(&side, second, Some("او ظهر رفت.")), 0.0);
    // Nor does one whose side asks again outside it.
    let side = english_pieces("Where is he? Where did he go? He left.");
    assert_eq!(mark_evidence(&side, first, None), 0.0);
    // An exclamation is weighed the same way, each kind on its own.
    let side = english_pieces("Stop! Why? He left.");
    let two = sentences(0, 2);
    assert_eq!(mark_evidence(&side, two, Some("او رفت.")), 2.0);
    assert_eq!(mark_evidence(&side, two, Some("چرا؟ او رفت.")), 0.0);
}

#[test]
fn pieces_are_sentences_split_at_clause_marks() {
    let text = "First part, second part; third. Next one - with a dash.";
    let pieces = pieces(text, Some(Lang::En), &glosses(text));
    let texts: Vec<&str> = pieces.iter().map(|p| &text[p.start..p.end]).collect();
    assert_eq!(
        texts,
        [
            "First part,",
            "second part;",
            "third.",
            "Next one -",
            "with a dash."
        ]
    );
    let starts: Vec<bool> = pieces.iter().map(|p| p.sentence).collect();
    assert_eq!(starts, [true, false, false, true, false]);
    // Lengths leave out whitespace and glosses.
    let glossed = "Word (a gloss), more.";
    let pieces = super::pieces(glossed, Some(Lang::En), &glosses(glossed));
    let lengths: Vec<f64> = pieces.iter().map(|p| p.core_chars).collect();
    assert_eq!(lengths, [5.0, 5.0]);
    // No comma in a number, none at the end.
    assert_eq!(super::pieces("It cost 1,000 dollars,", None, &[]).len(), 1);
}

/// Rows of one sentence of two clauses each side, all translations of
/// each other (the regular corpus's rows with a comma after their fourth
/// word).
fn two_clause_corpus(n: usize) -> Vec<(String, String)> {
    let halves = |text: &str, comma: &str| {
        let words: Vec<&str> = text.split(' ').collect();
        format!("{}{comma} {}.", words[..4].join(" "), words[4..].join(" "))
    };
    regular_corpus(n)
        .into_iter()
        .map(|(en, fa)| (halves(&en, ","), halves(&fa, "،")))
        .collect()
}

#[test]
fn a_clause_the_other_side_lacks_is_extra() {
    let mut pairs = two_clause_corpus(400);
    // Row 151's Persian loses its second clause: nothing on either side is
    // a sentence of its own, but the English clause is extra.
    let kept = pairs[150].1.split('،').next().unwrap().to_string() + ".";
    pairs[150].1 = kept;
    let lost = pairs[150].0.split(", ").nth(1).unwrap().to_string();
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    let found = extra_flag(&v, 150).unwrap_or_else(|| panic!("{:?}", v[150]));
    assert_eq!(found.side.as_deref(), Some("en"));
    assert!(found.evidence.contains(&lost), "{}", found.evidence);
    assert_eq!(
        (0..400)
            .filter(|&i| i != 150 && extra_flag(&v, i).is_some())
            .count(),
        0
    );
}

#[test]
fn a_gloss_in_brackets_is_not_extra() {
    let mut pairs = two_sentence_corpus(400);
    // Every fourth Persian row explains itself in brackets, with words of
    // its own and some of another row (a translator's gloss): never extra.
    // Row 251's Persian has the same words added without brackets: extra.
    let gloss = |i: usize, pairs: &[(String, String)]| {
        let other: Vec<&str> = pairs[(i + 7) % 400].1.split(' ').take(3).collect();
        let own: Vec<&str> = pairs[i].1.split(' ').take(3).collect();
        format!("{} {}", own.join(" "), other.join(" ")).replace('.', "")
    };
    for i in (0..400).step_by(4) {
        let g = gloss(i, &pairs);
        pairs[i].1 = format!("{} [{g}]", pairs[i].1);
    }
    let g = gloss(250, &pairs);
    pairs[250].1 = format!("{} {g}.", pairs[250].1);
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    assert!(extra_flag(&v, 250).is_some(), "{:?}", v[250]);
    let flagged: Vec<usize> = (0..400)
        .filter(|&i| i != 250 && extra_flag(&v, i).is_some())
        .collect();
    assert!(flagged.is_empty(), "{flagged:?}");
}

#[test]
fn offsets_inside_glosses_in_one_pass() {
    let spans = [(2, 5), (8, 10)];
    let mut inside = Inside::new(&spans);
    let got: Vec<bool> = (0..12).map(|at| inside.at(at)).collect();
    let want: Vec<bool> = (0..12)
        .map(|at| spans.iter().any(|&(a, b)| (a..b).contains(&at)))
        .collect();
    assert_eq!(got, want);
    // A long line of many glosses: each word is placed by one pass.
    let text = "word (gloss) ".repeat(20_000);
    let glosses = glosses(&text);
    assert_eq!(glosses.len(), 20_000);
    let pieces = pieces(&text, Some(Lang::En), &glosses);
    assert_eq!(pieces.len(), 1);
    assert_eq!(pieces[0].core_chars, 4.0 * 20_000.0);
}

#[test]
fn brackets_are_read_either_way_for_lengths() {
    let source = regular_corpus(400);
    let mut pairs = source.clone();
    // Every fifth Persian row explains itself in brackets at length (a
    // gloss); every fifth English row, another five, has a parenthesis the
    // Persian translates as text (the King James Bible's way). Neither is
    // a length outlier; a long Persian addition outside brackets is.
    let words = |i: usize, k: usize| -> Vec<String> {
        let (en, fa) = &source[(i + 13) % 400];
        let en: Vec<String> = en.split(' ').take(k).map(String::from).collect();
        let fa: Vec<String> = fa.split(' ').take(k).map(String::from).collect();
        en.into_iter().chain(fa).collect()
    };
    for i in (0..400).step_by(5) {
        let gloss = words(i, 6)[6..].join(" ");
        pairs[i].1 = format!("{} [{gloss} {gloss}]", pairs[i].1);
    }
    for i in (2..400).step_by(5) {
        let w = words(i, 6);
        let (en, fa) = (w[..6].join(" "), w[6..].join(" "));
        pairs[i].0 = format!("{} ({en})", pairs[i].0);
        pairs[i].1 = format!("{} {fa}", pairs[i].1);
    }
    let extra = words(251, 6)[6..].join(" ");
    pairs[251].1 = format!("{} {extra} {extra}", pairs[251].1);
    let v = Checker::new(CheckConfig::new("en", "fa")).check_all(&pairs);
    let outlier = |i: usize| v[i].flags.iter().any(|f| f.kind == FlagKind::LengthRatio);
    assert!(outlier(251), "{:?}", v[251]);
    let flagged: Vec<usize> = (0..400).filter(|&i| i != 251 && outlier(i)).collect();
    assert!(flagged.is_empty(), "{flagged:?}");
}

#[test]
fn the_rates_of_pairs_with_an_extra_sentence_or_clause_are_learned_from_the_corpus() {
    let prior = ExtraRates::default().log_odds;
    assert!(
        (prior[0] + EXTRA_GAIN).abs() < 1e-9 && (prior[1] + EXTRA_GAIN + CLAUSE_PRIOR).abs() < 1e-9
    );
    // No rows: the prior.
    assert_eq!(ExtraRates::learn(&[]).log_odds, prior);
    // Nothing for either: both rarer than the prior says.
    let none = ExtraRates::learn(&vec![[f64::NEG_INFINITY; 2]; 1_000]).log_odds;
    assert!(
        none[0] < prior[0] - 0.5 && none[1] < prior[1] - 0.5,
        "{none:?}"
    );
    // One pair in ten with strong evidence of a sentence, the rest against
    // both: about 1 to 9 for a sentence, a clause as rare as before.
    let sentences: Vec<[f64; 2]> = (0..10_000)
        .map(|i| [if i % 10 == 0 { 40.0 } else { -5.0 }, -5.0])
        .collect();
    let learned = ExtraRates::learn(&sentences).log_odds;
    assert!((learned[0] + 9f64.ln()).abs() < 0.15, "{learned:?}");
    assert!(learned[1] < prior[1], "{learned:?}");
    // The same for clauses.
    let clauses: Vec<[f64; 2]> = sentences.iter().map(|&[s, c]| [c, s]).collect();
    let learned = ExtraRates::learn(&clauses).log_odds;
    assert!((learned[1] + 9f64.ln()).abs() < 0.15, "{learned:?}");
    // One such pair in ten rows does not move the prior much.
    let few = &sentences[..10];
    let learned = ExtraRates::learn(few).log_odds;
    assert!(
        learned[0] > prior[0] && learned[0] < prior[0] + 1.0,
        "{learned:?}"
    );
    // A pair is flagged when it likelier holds one than not.
    let rates = ExtraRates {
        log_odds: [-3.0, -5.0],
    };
    assert!(rates.posterior([3.5, f64::NEG_INFINITY]) > 0.0);
    assert!(rates.posterior([2.5, 4.0]) < 0.0);
    assert!(rates.posterior([2.5, 5.0]) > 0.0);
}

#[test]
fn a_latin_name_is_found_in_the_other_side_in_any_case() {
    let checker = Checker::new(CheckConfig::new("en", "fa"));
    let pair = checker.prepare(1, "The MoveOn group said so.", "گروه MoveOn گفت.");
    assert_eq!(pair.tgt.latin, ["moveon"]);
    assert!(pair.src.says("moveon"));
    assert!(!pair.src.says("karine"));
    assert!(!checker.prepare(2, "", "گروه").src.says("moveon"));
}
