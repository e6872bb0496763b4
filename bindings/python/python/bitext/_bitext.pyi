"""Type stubs of the Rust core; see the docstrings in ``bitext``."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__version__: str

Side = Union[str, List[str]]
Row = Dict[str, Any]

class WordTable:
    @staticmethod
    def from_tsv(text: str) -> "WordTable": ...
    def to_tsv(self) -> str: ...
    @property
    def langs(self) -> Tuple[str, str]: ...
    def __len__(self) -> int: ...

def segment(text: str, lang: str = ..., line_breaks: str = ...) -> List[Row]: ...
def running_text(text: str) -> Optional[str]: ...
def align(
    src: Side,
    tgt: Side,
    src_lang: str = ...,
    tgt_lang: str = ...,
    presplit: bool = ...,
    line_breaks: str = ...,
    lexical: bool = ...,
    lexicon: Optional[WordTable] = ...,
    dictionary: Optional[List[Tuple[str, str]]] = ...,
) -> List[Row]: ...
def align_many(
    pairs: Sequence[Tuple[Side, Side]],
    threads: Optional[int] = ...,
    src_lang: str = ...,
    tgt_lang: str = ...,
    presplit: bool = ...,
    line_breaks: str = ...,
    lexical: bool = ...,
    lexicon: Optional[WordTable] = ...,
    dictionary: Optional[List[Tuple[str, str]]] = ...,
) -> Tuple[List[List[Row]], Optional[WordTable]]: ...
def detect(lines: List[str], only: Optional[List[str]] = ...) -> List[Row]: ...
def check(
    pairs: List[Tuple[str, str, Optional[str]]],
    src_lang: str = ...,
    tgt_lang: str = ...,
    z_limit: float = ...,
    max_words: int = ...,
) -> List[Row]: ...
def evaluate(
    gold: List[Tuple[List[int], List[int]]], test: List[Tuple[List[int], List[int]]]
) -> Dict[str, float]: ...
def decode(bytes: bytes, encoding: Optional[str] = ..., lang: Optional[str] = ...) -> str: ...
