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
    ]);
    assert_eq!(v[0].names(), "wrong-language:fa", "{:?}", v[0]);
    assert_eq!(v[1].names(), "wrong-script:fa");
    assert!(v[1].evidence().contains("Cyrillic"));
    assert_eq!(v[2].names(), "untranslated:fa", "{:?}", v[2]);
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
