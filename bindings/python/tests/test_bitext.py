"""Each function of the bitext package, and the same rows as the CLI."""

import csv
import io
import json
import pickle

import pytest

import bitext
from conftest import SAMPLE, news_pairs


def read(path):
    return open(path, encoding="utf-8").read()


def test_segment_gives_sentences_with_character_offsets():
    text = "Hello there. How are you?\n\nسلام. خوبی؟"
    sentences = bitext.segment(text)
    assert [s["text"] for s in sentences] == ["Hello there.", "How are you?", "سلام.", "خوبی؟"]
    for s in sentences:
        assert text[s["start"] : s["end"]] == s["text"]
    assert [s["paragraph"] for s in sentences] == [0, 0, 1, 1]
    with pytest.raises(ValueError, match="language"):
        bitext.segment("x", lang="english1")
    # A code bitext has no rules for is read by script; Chinese needs no space.
    assert [s["text"] for s in bitext.segment("我很好。今天下雨了！", lang="zh")] == ["我很好。", "今天下雨了！"]
    assert [s["text"] for s in bitext.segment("Er kam. Sie ging.", lang="de")] == ["Er kam.", "Sie ging."]
    with pytest.raises(TypeError, match="str"):
        bitext.segment(b"bytes")


def test_segment_reads_subtitles_and_pages_as_their_text():
    srt = "1\n00:00:01,000 --> 00:00:03,000\nWhere were you?\n\n2\n00:00:03,500 --> 00:00:05,000\nOut. I was\nout all night.\n"
    sentences = bitext.segment(srt, lang="en")
    assert [s["text"] for s in sentences] == ["Where were you?", "Out.", "I was\nout all night."]
    text = bitext.running_text(srt)
    for s in sentences:
        assert text[s["start"] : s["end"]] == s["text"]
    page = "<html><body><p>Hello there.</p><script>x = 1;</script><p>Bye now.</p></body></html>"
    assert [s["text"] for s in bitext.segment(page, lang="en")] == ["Hello there.", "Bye now."]
    assert bitext.running_text("Just text. Nothing else.") is None


def test_segment_offsets_count_on_in_a_long_text():
    # Offsets were counted from the start for every sentence: a 3 MB text
    # took seconds. Each sentence's offsets still index the text.
    text = "Ein Satz. سلام دنیا. " * 20000
    sentences = bitext.segment(text, lang="auto")
    assert len(sentences) == 40000
    for s in sentences[::997] + sentences[-3:]:
        assert text[s["start"] : s["end"]] == s["text"]


def test_segment_and_align_read_hard_wrapped_text():
    import textwrap

    en = read(SAMPLE / "en.txt")
    wrapped = "\n".join(textwrap.fill(line, 72) for line in en.splitlines())
    # Offsets point into the wrapped text, so its sentences keep their line breaks.
    assert [" ".join(s["text"].split()) for s in bitext.segment(wrapped, lang="en")] == [
        s["text"] for s in bitext.segment(en, lang="en")
    ]
    assert len(bitext.segment(wrapped, lang="en", line_breaks="sentence")) > 100
    rows = bitext.align(wrapped, read(SAMPLE / "fa.txt"))
    assert [r["tgt"] for r in rows] == [r["tgt"] for r in bitext.align(en, read(SAMPLE / "fa.txt"))]
    with pytest.raises(ValueError, match="detect"):
        bitext.segment("x", line_breaks="wrapped")


def test_align_reads_subtitles_as_their_words():
    en = "1\n00:00:01,000 --> 00:00:03,500\nWhere are you going?\n\n2\n00:00:03,600 --> 00:00:06,000\nTo the market\nfor some bread.\n"
    fa = "1\n00:00:01,000 --> 00:00:03,500\nکجا می‌روی؟\n\n2\n00:00:03,600 --> 00:00:06,000\nبه بازار\nبرای نان.\n"
    rows = bitext.align(en, fa)
    assert [(r["src"], r["tgt"]) for r in rows] == [
        ("Where are you going?", "کجا می‌روی؟"),
        ("To the market for some bread.", "به بازار برای نان."),
    ]


def test_align_reads_web_pages_as_their_text():
    en = "<!DOCTYPE html><html><head><title>News</title></head><body><h1>Budget approved</h1><p>The council <b>voted</b> on Tuesday.</p><script>if (a < b) {}</script></body></html>"
    fa = "<html><body><h1>بودجه تصویب شد</h1><p>شورا روز سه‌شنبه <b>رأی</b> داد.</p></body></html>"
    rows = bitext.align(en, fa)
    assert [(r["src"], r["tgt"]) for r in rows] == [
        ("Budget approved", "بودجه تصویب شد"),
        ("The council voted on Tuesday.", "شورا روز سه‌شنبه رأی داد."),
    ]


def test_align_reads_word_opendocument_and_epub_bytes_as_their_text():
    documents = SAMPLE.parent.parent / "tests" / "data" / "documents"
    text = bitext.align(read(SAMPLE / "en.txt"), read(SAMPLE / "fa.txt"))
    word = bitext.align((documents / "feast.en.docx").read_bytes(), (documents / "feast.fa.odt").read_bytes())
    assert [(r["src"], r["tgt"]) for r in word] == [(r["src"], r["tgt"]) for r in text]
    book = bitext.align((documents / "feast.en.epub").read_bytes(), (documents / "feast.fa.epub").read_bytes())
    assert [(r["src"], r["tgt"]) for r in book][2:] == [(r["src"], r["tgt"]) for r in text]
    with pytest.raises(ValueError, match="pdftotext"):
        bitext.align(b"%PDF-1.7\n", "text")


def test_align_reads_bytes_in_a_legacy_encoding_when_told_which():
    text = read(SAMPLE / "fa.txt")
    # Persian as Windows saved it: Windows-1256, Arabic yeh and kaf, digits
    # the code page has.
    persian = text.translate(str.maketrans("یک۰۱۲۳۴۵۶۷۸۹", "يك0123456789"))
    legacy = persian.encode("cp1256")
    with pytest.raises(ValueError, match="windows-1256"):
        bitext.align(read(SAMPLE / "en.txt"), legacy)
    want = bitext.align(read(SAMPLE / "en.txt"), persian)
    for encoding in ("auto", "windows-1256", "cp1256"):
        rows = bitext.align(read(SAMPLE / "en.txt"), legacy, encoding=encoding)
        assert [(r["src"], r["tgt"]) for r in rows] == [(r["src"], r["tgt"]) for r in want]
    # UTF-8 stays UTF-8 whatever the encoding says.
    rows = bitext.align(read(SAMPLE / "en.txt").encode(), text.encode(), encoding="windows-1256")
    assert rows[1]["tgt"] == bitext.align(read(SAMPLE / "en.txt"), text)[1]["tgt"]
    with pytest.raises(ValueError, match="unknown encoding"):
        bitext.align(b"a", b"b", encoding="klingon")


def test_align_gives_the_rows_of_the_cli(cli):
    rows = bitext.align(read(SAMPLE / "en.txt"), read(SAMPLE / "fa.txt"))
    table = list(csv.DictReader(io.StringIO(cli("align", SAMPLE / "en.txt", SAMPLE / "fa.txt", "-q"))))
    assert len(rows) == len(table) == 40
    for row, want in zip(rows, table):
        assert row["src"] == want["en"] and row["tgt"] == want["fa"]
        assert " ".join(map(str, row["src_ids"])) == want["en_ids"]
        assert " ".join(map(str, row["tgt_ids"])) == want["fa_ids"]
        assert row["type"] == want["type"]
        assert f"{row['score']:.3f}" == want["score"]


def test_align_many_is_a_folder_run_of_the_cli(cli, tmp_path):
    pairs = news_pairs()[:12]
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, en, fa in pairs:
        (folder / f"{name}.en.txt").write_bytes(en.read_bytes())
        (folder / f"{name}.fa.txt").write_bytes(fa.read_bytes())
    docs = bitext.align_many([(read(en), read(fa)) for _, en, fa in pairs])
    want = [json.loads(line) for line in cli("align", folder, "-f", "jsonl", "-q").splitlines()]
    got = [
        (name, r["src"], r["tgt"], r["src_ids"], r["tgt_ids"], r["type"], r["score"])
        for (name, _, _), rows in zip(pairs, docs)
        for r in rows
    ]
    assert got == [
        (w["doc"], w["en"], w["fa"], w["en_ids"], w["fa_ids"], w["type"], w["score"]) for w in want
    ]


def test_threads_and_a_given_table_change_nothing():
    pairs = [(read(en), read(fa)) for _, en, fa in news_pairs()[:8]]
    one, table = bitext.align_many(pairs, threads=1, return_lexicon=True)
    two = bitext.align_many(pairs, threads=2)
    assert one == two
    assert isinstance(table, bitext.WordTable) and len(table) > 0
    again = pickle.loads(pickle.dumps(table))
    assert again.to_tsv() == table.to_tsv() and again.langs == ("en", "fa")
    assert bitext.align_many(pairs, lexicon=again) == one
    assert bitext.align_many(pairs, lexical=False, return_lexicon=True)[1] is None


def test_sides_as_sentences_bytes_or_wrong_types():
    rows = bitext.align(["One.", "Two."], ["یک.", "دو."])
    assert [r["type"] for r in rows] == ["1-1", "1-1"]
    assert bitext.align("One.".encode("utf-16"), "یک.".encode("utf-8"))[0]["src"] == "One."
    with pytest.raises(ValueError, match="byte"):
        bitext.align(b"ok\n\xff\xfe bad", "x")
    with pytest.raises(TypeError, match="list of str"):
        bitext.align(3, "x")
    with pytest.raises(TypeError, match="list of str"):
        bitext.align(["a", 1], "x")
    with pytest.raises(ValueError, match="language code"):
        bitext.align("a", "b", src_lang="e n")


def test_detect_marks_lines_outside_the_allowed_languages():
    got = bitext.detect(["The meeting was postponed until next week.", "جلسه به هفته آینده موکول شد."])
    assert [d["lang"] for d in got] == ["en", "fa"]
    only = bitext.detect(["جلسه به هفته آینده موکول شد."], only=["en", "fa"])
    assert only[0]["allowed"] is True
    with pytest.raises(TypeError):
        bitext.detect("one string")
    with pytest.raises(ValueError, match="'xx'"):
        bitext.detect(["Hello."], only=["en", "xx"])


def test_check_flags_what_the_cli_flags():
    rows = [
        {"src": "The meeting was postponed until next week.", "tgt": "جلسه به هفته آینده موکول شد."},
        {"src": "Prices rose by 12 percent in March.", "tgt": ""},
    ]
    verdicts = bitext.check(rows)
    assert verdicts[0]["flags"] == []
    assert "empty:fa" in verdicts[1]["flags"] and verdicts[1]["quality"] < 0.5
    assert bitext.check([(r["src"], r["tgt"]) for r in rows]) == verdicts
    with pytest.raises(KeyError, match="keys"):
        bitext.check([{"a": 1}])


def test_evaluate_scores_beads():
    gold = [([0], [0]), ([1, 2], [1])]
    assert bitext.evaluate(gold, gold)["f1_strict"] == 1.0
    half = bitext.evaluate(gold, [([0], [0]), ([1], [1]), ([2], [])])
    assert half["precision_strict"] < 1.0 and half["f1_lax"] > half["f1_strict"]


def test_rows_convert_to_arrow_and_pandas():
    rows = bitext.align("Hello there. How are you?", "سلام. حالت چطور است؟")
    pytest.importorskip("pyarrow")
    table = rows.to_arrow()
    assert table.column_names == ["src", "tgt", "src_ids", "tgt_ids", "type", "score"]
    pytest.importorskip("pandas")
    assert list(rows.to_pandas()["type"]) == ["1-1", "1-1"]
