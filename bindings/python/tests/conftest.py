"""Shared helpers: where the bitext binary and the shared data are."""

import os
import pathlib
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
SAMPLE = REPO / "pairs" / "kremlin-feast"
SHARED_NEWS = REPO.parent / "shared" / "data" / "enfa" / "raw" / "ntrex"


def bitext_bin():
    """The `bitext` binary to compare with: $BITEXT_BIN, or the release or
    debug build of this repository."""
    for candidate in (
        os.environ.get("BITEXT_BIN"),
        REPO / "target" / "release" / "bitext",
        REPO / "target" / "debug" / "bitext",
        shutil.which("bitext"),
    ):
        if candidate and pathlib.Path(candidate).is_file():
            return str(candidate)
    return None


@pytest.fixture
def cli():
    """Runs the bitext binary; skips (saying why) where it is not built."""
    binary = bitext_bin()
    if binary is None:
        pytest.skip("no bitext binary: build it with `cargo build --release` or set BITEXT_BIN")

    def run(*args):
        out = subprocess.run([binary, *map(str, args)], capture_output=True, check=False)
        assert out.returncode == 0, out.stderr.decode()
        return out.stdout.decode()

    return run


def news_pairs():
    """(name, en path, fa path) of the shared raw news, or of the sample
    pair where ../shared is absent."""
    if SHARED_NEWS.is_dir():
        names = sorted(p.name[: -len(".en.txt")] for p in SHARED_NEWS.glob("*.en.txt"))
        return [(n, SHARED_NEWS / f"{n}.en.txt", SHARED_NEWS / f"{n}.fa.txt") for n in names]
    return [("kremlin-feast", SAMPLE / "en.txt", SAMPLE / "fa.txt")]
