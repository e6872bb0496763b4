"""bitext: segment, align, check and detect bilingual text (English–Persian
first, any pair by length and learned words), from the Rust toolkit of the
same name.

>>> import bitext
>>> rows = bitext.align("Hello there. How are you?", "سلام. حالت چطور است؟")
>>> [(r["src"], r["tgt"]) for r in rows]
[('Hello there.', 'سلام.'), ('How are you?', 'حالت چطور است؟')]

Every function returns plain Python values (lists of dicts); a list of rows
is a :class:`Rows`, which converts to a ``pyarrow.Table`` or a pandas
``DataFrame`` when those are installed (neither is needed to import
bitext). :mod:`bitext.dask` aligns a manifest of document pairs on a Dask
cluster.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Any, Iterable, Iterator, Optional, Sequence, Tuple, Union

from . import _bitext
from ._bitext import WordTable

__all__ = [
    "Rows",
    "WordTable",
    "align",
    "align_many",
    "check",
    "detect",
    "evaluate",
    "running_text",
    "segment",
    "__version__",
]

__version__: str = _bitext.__version__

Side = Union[str, Sequence[str]]


class Rows(list):
    """A list of dicts (one per row) that converts to a table."""

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` of the rows (needs pyarrow)."""
        import pyarrow as pa

        return pa.Table.from_pylist(list(self))

    def to_pandas(self) -> Any:
        """A pandas ``DataFrame`` of the rows (needs pandas)."""
        import pandas as pd

        return pd.DataFrame.from_records(list(self))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Rows are made by the hundred thousand, as dicts and lists that hold
    no cycles: the cyclic collector, started by the count of new
    containers, walks them again and again and finds nothing (a tenth of
    `align_many`'s time on 6,200 documents)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _align_options(
    src_lang: str,
    tgt_lang: str,
    presplit: bool,
    line_breaks: str,
    lexical: bool,
    lexicon: Optional[WordTable],
    dictionary: Optional[Iterable[Tuple[str, str]]],
) -> tuple:
    """The options `align` and `align_many` pass on, in the native order."""
    words = None if dictionary is None else list(dictionary)
    return (src_lang, tgt_lang, presplit, line_breaks, lexical, lexicon, words)


def _side(value: Any, name: str, encoding: Optional[str] = None, lang: Optional[str] = None) -> Side:
    if isinstance(value, bytes):
        return _bitext.decode(value, encoding, lang)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(s, str) for s in value):
        return list(value)
    raise TypeError(
        f"{name} must be a str (a text to segment), bytes (UTF-8 or UTF-16 with a BOM, "
        f"or a Word, OpenDocument or EPUB file) or a list of str (its sentences), "
        f"not {type(value).__name__}"
    )


def segment(text: str, lang: str = "auto", line_breaks: str = "detect") -> Rows:
    """Splits ``text`` into sentences.

    ``lang`` is a language code (``"en"``, ``"fa"``, ``"de"``, ``"ar"``, …:
    Arabic-script languages get Persian's rules, the others English's; a
    code bitext has no rules for, such as ``"zh"``, is read as ``"auto"``)
    or ``"auto"`` (chosen per paragraph by script); what is not a language
    code raises ``ValueError``. Chinese and Japanese ``。！？`` end a
    sentence with no space after them. ``line_breaks``: ``"detect"`` (the
    default: each line is a paragraph unless the text is hard-wrapped, as a
    book or text copied out of a PDF is; then a line break is a space and a
    line ending well short of the width ends a paragraph), ``"sentence"``
    (each line is a paragraph), ``"space"`` (hard-wrapped text; blank lines
    separate paragraphs) or ``"auto"``. Returns one dict per sentence: ``text``, ``start`` and
    ``end`` (character offsets into ``text``), ``paragraph`` (from 0).

    Subtitles (SubRip, WebVTT, SubStation) and a web page (HTML) are split
    as their text — the cues' words, the page's blocks — as ``align`` and
    ``bitext segment`` read them: cue numbers, timings and tags are no
    sentences. ``start`` and ``end`` then index that text, which
    ``running_text(text)`` returns.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return Rows(_bitext.segment(text, lang, line_breaks))


def running_text(text: str) -> Optional[str]:
    """The text of subtitles (SubRip, WebVTT, SubStation) or a web page, as
    ``segment`` and ``align`` read it: each cue's words (its line breaks
    spaces), a page's blocks one a line; ``None`` for other text.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return _bitext.running_text(text)


def align(
    src: Union[Side, bytes],
    tgt: Union[Side, bytes],
    src_lang: str = "en",
    tgt_lang: str = "fa",
    presplit: bool = False,
    line_breaks: str = "detect",
    lexical: bool = True,
    lexicon: Optional[WordTable] = None,
    dictionary: Optional[Iterable[Tuple[str, str]]] = None,
    encoding: Optional[str] = None,
) -> Rows:
    """Aligns the two versions of one document.

    ``src`` and ``tgt`` are texts (segmented with the languages' rules, or
    one sentence per line with ``presplit=True``) or lists of sentences;
    ``line_breaks`` is read as :func:`segment` reads it, each side on its
    own; subtitles (SubRip, WebVTT, SubStation) are read as their cues' text and a
    web page as its text. Bytes are a file's content: UTF-8 or UTF-16
    with a BOM, or a Word (``.docx``), OpenDocument (``.odt``) or EPUB
    file, read as its text. Returns the rows of ``bitext align``'s CSV: ``src``, ``tgt`` (the
    sentences of each side joined by a space), ``src_ids``, ``tgt_ids``
    (1-based sentence numbers), ``type`` (``"2-1"``) and ``score``. A
    sentence with no counterpart is a row with an empty other side.

    ``lexical=False`` aligns by lengths and paragraphs only; ``lexicon`` is
    a :class:`WordTable` (from :func:`align_many` or ``bitext align
    --lexicon-out``) used instead of learning one; ``dictionary`` adds
    (source word, target word) pairs you trust. ``encoding`` reads bytes
    that are not UTF-8: a label such as ``"windows-1256"`` (Persian and
    Arabic as Windows saved them, and most Persian subtitles) or
    ``"auto"`` (guessed for each side's language); UTF-8 bytes stay UTF-8
    whatever it says.
    """
    options = _align_options(src_lang, tgt_lang, presplit, line_breaks, lexical, lexicon, dictionary)
    return Rows(
        _bitext.align(
            _side(src, "src", encoding, src_lang), _side(tgt, "tgt", encoding, tgt_lang), *options
        )
    )


def align_many(
    pairs: Iterable[Tuple[Union[Side, bytes], Union[Side, bytes]]],
    threads: Optional[int] = None,
    src_lang: str = "en",
    tgt_lang: str = "fa",
    presplit: bool = False,
    line_breaks: str = "detect",
    lexical: bool = True,
    lexicon: Optional[WordTable] = None,
    dictionary: Optional[Iterable[Tuple[str, str]]] = None,
    return_lexicon: bool = False,
    encoding: Optional[str] = None,
) -> Any:
    """Aligns many (src, tgt) documents in one run, in parallel, with the
    GIL released.

    As ``bitext align DIR``: one word table is learned from all the
    documents (unless ``lexicon`` is given) and used for each. ``threads``
    caps the threads (default: one per core). Returns one :class:`Rows`
    per document, in order; with ``return_lexicon=True``, also the
    :class:`WordTable` (``None`` with the word pass off). ``encoding``
    reads bytes that are not UTF-8, as :func:`align` does.
    """
    sides = [
        (_side(s, "src", encoding, src_lang), _side(t, "tgt", encoding, tgt_lang))
        for s, t in pairs
    ]
    with _collector_paused():
        options = _align_options(
            src_lang, tgt_lang, presplit, line_breaks, lexical, lexicon, dictionary
        )
        docs, table = _bitext.align_many(sides, threads, *options)
        docs = [Rows(rows) for rows in docs]
    return (docs, table) if return_lexicon else docs


def detect(lines: Iterable[str], only: Optional[Sequence[str]] = None) -> Rows:
    """The language of every line: ``lang`` (ISO 639-1 where one exists,
    ``und`` without evidence), ``script``, ``confidence``, ``reliable``,
    ``mixed``; with ``only`` (codes such as ``["en", "fa"]``) the answer is
    one of them or not ``allowed``. An unknown code in ``only`` raises
    ``ValueError``."""
    if isinstance(lines, str):
        raise TypeError("lines must be a list of str; to detect one text, pass [text]")
    return Rows(_bitext.detect(list(lines), None if only is None else list(only)))


def check(
    rows: Iterable[Any],
    src_lang: str = "en",
    tgt_lang: str = "fa",
    src: Optional[str] = None,
    tgt: Optional[str] = None,
    z_limit: float = 4.0,
    max_words: int = 200,
) -> Rows:
    """Judges pairs as ``bitext check`` does: ``flags`` (a list such as
    ``["wrong-language:fa"]``), ``quality`` in [0, 1] and ``evidence``.

    ``rows`` are (src, tgt) tuples, or dicts whose ``src``/``tgt`` keys
    (or the language codes, or the keys given as ``src``/``tgt``) hold the
    texts, such as the rows of :func:`align`. A ``doc`` key keeps
    neighbours within one document. The length model is fitted on all the
    rows given.
    """
    pairs = []
    for i, row in enumerate(rows):
        if isinstance(row, dict):
            key = lambda given, code, default: next(  # noqa: E731
                (k for k in (given, default, code) if k is not None and k in row), None
            )
            s, t = key(src, src_lang, "src"), key(tgt, tgt_lang, "tgt")
            if s is None or t is None:
                raise KeyError(
                    f"row {i}: no source or target text; the keys are {sorted(row)}"
                )
            doc = row.get("doc")
            pairs.append((row[s], row[t], None if doc is None else str(doc)))
        elif isinstance(row, (tuple, list)) and len(row) in (2, 3):
            pairs.append((row[0], row[1], None if len(row) == 2 else row[2]))
        else:
            raise TypeError(
                f"row {i}: expected a dict or a (src, tgt) tuple, not {type(row).__name__}"
            )
    return Rows(_bitext.check(pairs, src_lang, tgt_lang, z_limit, max_words))


def evaluate(gold: Iterable[Any], test: Iterable[Any]) -> dict:
    """Strict and lax precision, recall and F1 of ``test`` beads against
    ``gold`` (the metric of Vecalign and Bertalign). Beads are (source ids,
    target ids) pairs, or rows with ``src_ids``/``tgt_ids`` such as
    :func:`align` returns; ids on both sides of one comparison must count
    from the same base."""

    def beads(items: Iterable[Any]) -> list:
        out = []
        for b in items:
            if isinstance(b, dict):
                out.append((list(b["src_ids"]), list(b["tgt_ids"])))
            else:
                out.append((list(b[0]), list(b[1])))
        return out

    return _bitext.evaluate(beads(gold), beads(test))
