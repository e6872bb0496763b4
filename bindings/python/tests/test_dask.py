"""bitext.dask.align_manifest on a LocalCluster of two worker processes."""

import csv
import glob
import json
import os

import pytest

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

import bitext  # noqa: E402
from bitext.dask import align_manifest  # noqa: E402
from conftest import news_pairs  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402


def manifest(tmp_path, copies=3, extra=()):
    """The shared raw news (or the sample pair) repeated `copies` times, as
    NAME.en / NAME.fa files and a manifest; `extra` rows are added."""
    docs = tmp_path / "docs"
    docs.mkdir()
    rows = []
    for k in range(copies):
        for name, en, fa in news_pairs():
            doc = f"{name}-{k}"
            (docs / f"{doc}.en").write_bytes(en.read_bytes())
            (docs / f"{doc}.fa").write_bytes(fa.read_bytes())
            rows.append({"id": doc, "src": str(docs / f"{doc}.en"), "tgt": str(docs / f"{doc}.fa")})
    rows.extend(extra)
    path = tmp_path / "manifest.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "src", "tgt"])
        writer.writeheader()
        writer.writerows(rows)
    return path, docs


def read_rows(out):
    return pq.read_table(sorted(glob.glob(str(out / "*.parquet")))).to_pylist()


@pytest.fixture(scope="module")
def client():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, Client(cluster) as client:
        yield client


def test_the_cluster_writes_what_one_process_writes(client, cli, tmp_path):
    path, docs = manifest(tmp_path)
    out = tmp_path / "out"
    summary = align_manifest(str(path), str(out), client=client, batch_size=20)
    rows = read_rows(out)
    assert summary["failed"] == [] and summary["rows"] == len(rows)
    assert summary == json.loads((out / "summary.json").read_text())
    # One process, the same table: `bitext align DIR --lexicon`.
    want = [
        json.loads(line)
        for line in cli("align", docs, "--lexicon", out / "lexicon-en-fa.tsv", "-f", "jsonl", "-q").splitlines()
    ]
    got = [(r["doc"], r["src"], r["tgt"], r["src_ids"], r["tgt_ids"], r["type"], r["score"]) for r in rows]
    assert got == [(w["doc"], w["en"], w["fa"], w["en_ids"], w["fa_ids"], w["type"], w["score"]) for w in want]
    assert {"flags", "quality"} <= set(rows[0])
    assert summary["documents"] == len({r["doc"] for r in rows})


def test_a_rerun_writes_only_what_is_missing(client, tmp_path):
    path, _ = manifest(tmp_path, copies=2)
    out = tmp_path / "out"
    # Four batches or more, with or without the shared news.
    batch = max(1, len(news_pairs()) * 2 // 4)
    first = align_manifest(str(path), str(out), client=client, batch_size=batch)
    before = read_rows(out)
    parts = sorted(glob.glob(str(out / "part-*.json")))
    assert len(parts) >= 2
    os.remove(parts[1])
    os.remove(parts[1].replace(".json", ".parquet"))
    again = align_manifest(str(path), str(out), client=client, batch_size=batch)
    assert again["skipped_batches"] == first["batches"] - 1
    assert read_rows(out) == before


def test_a_worker_killed_mid_write_loses_and_repeats_nothing(tmp_path, monkeypatch):
    path, _ = manifest(tmp_path, copies=2)
    marker = tmp_path / "crashed"
    monkeypatch.setenv("BITEXT_DASK_CRASH_ONCE", str(marker))
    out = tmp_path / "out"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster, Client(cluster) as client:
        summary = align_manifest(str(path), str(out), client=client, batch_size=10)
    assert marker.exists(), "no worker was killed"
    rows = read_rows(out)
    docs = [r["doc"] for r in rows]
    # Every document once, its rows together and in order.
    seen = list(dict.fromkeys(docs))
    assert len(seen) == summary["documents"] == len(news_pairs()) * 2
    assert docs == sorted(docs, key=seen.index)
    assert not [p for p in os.listdir(out) if p.endswith(".tmp")]


def test_bad_documents_are_reported_and_the_rest_written(tmp_path):
    bad = tmp_path / "bad.en"
    bad.write_bytes(b"fine\n\xff\xfe not UTF-8\n")
    path, docs = manifest(
        tmp_path,
        copies=1,
        extra=[
            {"id": "zz-bad", "src": str(bad), "tgt": str(bad)},
            {"id": "zz-missing", "src": str(tmp_path / "nowhere.en"), "tgt": str(bad)},
        ],
    )
    summary = align_manifest(str(path), str(tmp_path / "out"), batch_size=50)
    failed = {f["id"]: f["error"] for f in summary["failed"]}
    assert set(failed) == {"zz-bad", "zz-missing"}
    assert "byte" in failed["zz-bad"] and "nowhere.en" in failed["zz-missing"]
    assert summary["documents"] == len(news_pairs())


def test_documents_in_a_legacy_encoding_are_read_when_told_which(tmp_path):
    name, en, fa = news_pairs()[0]
    persian = fa.read_text(encoding="utf-8").translate(str.maketrans("یک۰۱۲۳۴۵۶۷۸۹", "يك0123456789"))
    legacy = tmp_path / "legacy.fa"
    legacy.write_bytes(persian.encode("cp1256", errors="replace"))
    path, _ = manifest(tmp_path, copies=1, extra=[{"id": "zz-legacy", "src": str(en), "tgt": str(legacy)}])
    summary = align_manifest(str(path), str(tmp_path / "out"), batch_size=50, lexicon=None)
    assert [f["id"] for f in summary["failed"]] == ["zz-legacy"]
    assert "windows-1256" in summary["failed"][0]["error"]
    summary = align_manifest(str(path), str(tmp_path / "out2"), batch_size=50, lexicon=None, encoding="auto")
    assert summary["failed"] == [] and summary["documents"] == len(news_pairs()) + 1
    rows = [r for r in read_rows(tmp_path / "out2") if r["doc"] == "zz-legacy"]
    want = bitext.align(en.read_text(encoding="utf-8"), legacy.read_bytes().decode("cp1256"), lexical=False)
    assert [r["tgt"] for r in rows] == [r["tgt"] for r in want]


def test_a_bad_manifest_or_output_is_refused_before_any_task(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("name,source,target\na,b,c\n")
    with pytest.raises(ValueError, match="the columns are: name, source, target"):
        align_manifest(str(path), str(tmp_path / "out"))
    good, _ = manifest(tmp_path, copies=1)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match="cannot write"):
        align_manifest(str(good), str(blocker / "out"))
    with pytest.raises(TypeError):
        bitext.align_many([(1, 2)])
