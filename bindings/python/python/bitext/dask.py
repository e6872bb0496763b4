"""Aligning a manifest of document pairs on a Dask cluster.

>>> from distributed import Client, LocalCluster          # doctest: +SKIP
>>> from bitext.dask import align_manifest                # doctest: +SKIP
>>> with Client(LocalCluster(n_workers=2)) as client:     # doctest: +SKIP
...     summary = align_manifest("manifest.csv", "out/", client=client)

The manifest is a CSV with columns ``id,src,tgt`` (paths or URLs that
fsspec reads) and optionally ``src_lang,tgt_lang``. Documents are sorted by
id and cut into batches (one task each, not one per document); each worker
aligns (and checks) its batch with the Rust core and writes
``part-<langs>-<n>-<hash>.parquet`` under ``out_dir`` with the columns
``doc, src, tgt, src_ids, tgt_ids, type, score`` (and ``flags, quality``
when checked), then a ``.json`` beside it with the batch's counts and
failed documents. ``summary.json`` gathers them.

* **One word table.** With the word pass on, one table is learned per
  language pair from a sample (the first ``lexicon_sample`` documents in id
  order, read and aligned in one task), written as ``lexicon-SRC-TGT.tsv``
  beside the data, and sent to every worker: every document is aligned as
  ``bitext align DIR --lexicon lexicon-SRC-TGT.tsv`` aligns it, on any
  number of workers.
* **Idempotent.** Batches have deterministic names and are written to a
  temporary file and renamed into place, the ``.json`` last; a rerun skips
  every batch whose ``.json`` exists. A worker killed mid-batch leaves no
  partial file under a final name, and Dask runs the batch again elsewhere.
* **Failures stay local.** A document that cannot be read (missing, not
  UTF-8) is listed in ``failed`` with its error; the others are written.
* The checker's length model is fitted per batch (``bitext check`` fits it
  on the whole corpus), so ``flags`` can differ from a one-process
  ``align --check`` at the margin; the alignment columns do not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import posixpath
import uuid
from typing import Any, Dict, List, Optional, Sequence, Union

import bitext

#: Columns every batch file has; ``flags`` and ``quality`` follow when checked.
COLUMNS = ["doc", "src", "tgt", "src_ids", "tgt_ids", "type", "score"]


def align_manifest(
    manifest: Union[str, Sequence[Dict[str, str]]],
    out_dir: str,
    client: Any = None,
    check: bool = True,
    src_lang: str = "en",
    tgt_lang: str = "fa",
    batch_size: int = 200,
    lexicon: Union[str, bitext.WordTable, None] = "learn",
    lexicon_sample: int = 2000,
    presplit: bool = False,
    storage_options: Optional[Dict[str, Any]] = None,
    retries: int = 2,
    encoding: Optional[str] = None,
) -> Dict[str, Any]:
    """Aligns every document pair of ``manifest`` into Parquet files under
    ``out_dir``; returns the summary (also written as ``summary.json``).

    ``manifest``: a CSV path or URL, or a list of dicts with ``id``,
    ``src``, ``tgt`` (and optionally ``src_lang``, ``tgt_lang``, which
    default to the arguments). ``client``: a ``distributed.Client`` (any
    cluster: local, Slurm, Kubernetes); without one, the batches run on
    Dask's local threaded scheduler. ``lexicon``: ``"learn"`` (one table
    per language pair, see the module notes), a :class:`bitext.WordTable`
    to use as it is, or ``None`` to align by lengths and paragraphs only.
    ``encoding`` reads documents that are not UTF-8, as
    :func:`bitext.align` does (``"windows-1256"``, or ``"auto"``).

    The summary: ``documents`` (aligned), ``rows``, ``failed`` (each
    failing document's ``id`` and ``error``), ``flagged_share`` (when
    checked), ``batches``, ``skipped_batches`` (already written by an
    earlier run).
    """
    import fsspec

    storage_options = storage_options or {}
    docs = _read_manifest(manifest, src_lang, tgt_lang, storage_options)
    fs, root = fsspec.core.url_to_fs(out_dir, **storage_options)
    _check_writable(fs, root)
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    groups: Dict[tuple, List[Dict[str, str]]] = {}
    for doc in docs:
        groups.setdefault((doc["src_lang"], doc["tgt_lang"]), []).append(doc)

    options = {
        "check": check,
        "presplit": presplit,
        "storage_options": storage_options,
        "out_dir": out_dir,
        "lexical": lexicon is not None,
        "encoding": encoding,
    }
    batches = []
    for (s, t), group in sorted(groups.items()):
        for k in range(0, len(group), batch_size):
            chunk = group[k : k + batch_size]
            digest = hashlib.sha1("\n".join(d["id"] for d in chunk).encode()).hexdigest()[:10]
            name = f"part-{s}-{t}-{k // batch_size:05d}-{digest}"
            batches.append({"name": name, "langs": (s, t), "docs": chunk})

    done = {b["name"] for b in batches if fs.exists(posixpath.join(root, b["name"] + ".json"))}
    todo = [b for b in batches if b["name"] not in done]
    tables = _tables(groups, lexicon, lexicon_sample, options, client, fs, root)

    if client is not None:
        futures = [
            client.submit(
                _run_batch,
                batch,
                tables.get(batch["langs"]),
                options,
                key=f"bitext-{batch['name']}-{uuid.uuid4().hex[:8]}",
                retries=retries,
                pure=False,
            )
            for batch in todo
        ]
        client.gather(futures)
    else:
        import dask

        tasks = [
            dask.delayed(_run_batch, pure=False)(batch, tables.get(batch["langs"]), options)
            for batch in todo
        ]
        dask.compute(*tasks, scheduler="threads")

    summary = _summarise(fs, root, batches, check)
    summary["skipped_batches"] = len(done)
    # Every batch is in place: what a killed worker left half-written goes.
    for path in fs.ls(root, detail=False):
        name = posixpath.basename(path)
        if name.startswith(".part-") and name.endswith(".tmp"):
            fs.rm(path)
    _write_atomic(fs, posixpath.join(root, "summary.json"), json.dumps(summary, indent=2).encode())
    return summary


def _read_manifest(
    manifest: Union[str, Sequence[Dict[str, str]]],
    src_lang: str,
    tgt_lang: str,
    storage_options: Dict[str, Any],
) -> List[Dict[str, str]]:
    if isinstance(manifest, str):
        import fsspec

        with fsspec.open(manifest, "r", encoding="utf-8-sig", newline="", **storage_options) as f:
            reader = csv.DictReader(f)
            columns = reader.fieldnames or []
            rows = list(reader)
        label = manifest
    else:
        rows = [dict(r) for r in manifest]
        columns = list(rows[0]) if rows else []
        label = "the manifest"
    missing = [c for c in ("id", "src", "tgt") if c not in columns]
    if missing:
        raise ValueError(
            f"{label}: no column {', '.join(missing)}; the columns are: {', '.join(columns) or '(none)'}"
        )
    docs = []
    seen = set()
    for n, row in enumerate(rows, start=2):
        doc_id = (row.get("id") or "").strip()
        if not doc_id:
            raise ValueError(f"{label}: line {n}: an empty id")
        if doc_id in seen:
            raise ValueError(f"{label}: line {n}: the id {doc_id!r} is given twice")
        seen.add(doc_id)
        docs.append(
            {
                "id": doc_id,
                "src": row["src"],
                "tgt": row["tgt"],
                "src_lang": (row.get("src_lang") or src_lang).strip(),
                "tgt_lang": (row.get("tgt_lang") or tgt_lang).strip(),
            }
        )
    docs.sort(key=lambda d: d["id"])
    return docs


def _check_writable(fs: Any, root: str) -> None:
    """Refuses an output folder that cannot be written, before any task."""
    try:
        fs.makedirs(root, exist_ok=True)
        probe = posixpath.join(root, f".bitext-probe-{uuid.uuid4().hex}")
        with fs.open(probe, "wb") as f:
            f.write(b"")
        fs.rm(probe)
    except Exception as err:  # the filesystem's own error, named
        raise OSError(f"cannot write to {root}: {err}") from err


def _tables(groups, lexicon, sample, options, client, fs, root) -> Dict[tuple, Any]:
    """The word table of each language pair: given, or learned once from a
    sample (in one task on the cluster), and written beside the data."""
    if lexicon is None:
        return {}
    if isinstance(lexicon, bitext.WordTable):
        return {langs: lexicon for langs in groups}
    if lexicon != "learn":
        raise ValueError("lexicon must be 'learn', a bitext.WordTable or None")
    tables = {}
    for langs, group in sorted(groups.items()):
        path = posixpath.join(root, f"lexicon-{langs[0]}-{langs[1]}.tsv")
        if fs.exists(path):
            # A rerun aligns the rest with the table the first run used.
            with fs.open(path, "rb") as f:
                tables[langs] = bitext.WordTable.from_tsv(f.read().decode("utf-8"))
            continue
        chosen = group[:sample]
        if client is not None:
            table = client.submit(_learn, chosen, options, pure=False).result()
        else:
            table = _learn(chosen, options)
        if table is not None:
            _write_atomic(fs, path, table.to_tsv().encode("utf-8"))
        tables[langs] = table
    return tables


def _learn(docs: List[Dict[str, str]], options: Dict[str, Any]) -> Optional[bitext.WordTable]:
    texts, _ = _read_docs(docs, options)
    if not texts:
        return None
    langs = (docs[0]["src_lang"], docs[0]["tgt_lang"])
    _, table = bitext.align_many(
        [(s, t) for _, s, t in texts],
        threads=1,
        src_lang=langs[0],
        tgt_lang=langs[1],
        presplit=options["presplit"],
        return_lexicon=True,
    )
    return table


def _read_docs(docs, options):
    """(id, src text, tgt text) of each readable document, and the
    failures as {"id", "error"}."""
    import fsspec

    texts, failed = [], []
    for doc in docs:
        try:
            sides = []
            for key in ("src", "tgt"):
                with fsspec.open(doc[key], "rb", **options["storage_options"]) as f:
                    data = f.read()
                try:
                    lang = doc[f"{key}_lang"]
                    sides.append(bitext._bitext.decode(data, options.get("encoding"), lang))
                except ValueError as err:
                    raise ValueError(f"{doc[key]}: {err}") from None
            texts.append((doc["id"], sides[0], sides[1]))
        except (OSError, ValueError) as err:
            failed.append({"id": doc["id"], "error": str(err)})
    return texts, failed


def _run_batch(batch: Dict[str, Any], table: Any, options: Dict[str, Any]) -> str:
    """Aligns (and checks) one batch on a worker and writes its files."""
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    fs, root = fsspec.core.url_to_fs(options["out_dir"], **options["storage_options"])
    texts, failed = _read_docs(batch["docs"], options)
    s, t = batch["langs"]
    docs = bitext.align_many(
        [(src, tgt) for _, src, tgt in texts],
        threads=1,
        src_lang=s,
        tgt_lang=t,
        presplit=options["presplit"],
        lexical=options["lexical"],
        lexicon=table,
    )
    rows = []
    for (doc_id, _, _), doc_rows in zip(texts, docs):
        for row in doc_rows:
            row["doc"] = doc_id
            rows.append(row)
    columns = {c: [r[c] for r in rows] for c in COLUMNS}
    flagged = 0
    if options["check"]:
        verdicts = bitext.check(rows, src_lang=s, tgt_lang=t)
        columns["flags"] = [";".join(v["flags"]) for v in verdicts]
        columns["quality"] = [v["quality"] for v in verdicts]
        flagged = sum(1 for v in verdicts if v["flags"])
    schema = pa.schema(
        [
            ("doc", pa.string()),
            ("src", pa.string()),
            ("tgt", pa.string()),
            ("src_ids", pa.list_(pa.int32())),
            ("tgt_ids", pa.list_(pa.int32())),
            ("type", pa.string()),
            ("score", pa.float64()),
        ]
        + ([("flags", pa.string()), ("quality", pa.float64())] if options["check"] else [])
    )
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns, schema=schema), buffer)
    parquet = posixpath.join(root, batch["name"] + ".parquet")
    _crash_for_tests(fs, parquet, buffer.getvalue())
    _write_atomic(fs, parquet, buffer.getvalue())
    stats = {
        "documents": len(texts),
        "rows": len(rows),
        "flagged": flagged,
        "failed": failed,
    }
    _write_atomic(fs, posixpath.join(root, batch["name"] + ".json"), json.dumps(stats).encode())
    return batch["name"]


def _crash_for_tests(fs: Any, path: str, data: bytes) -> None:
    """The test of a worker killed mid-write: with BITEXT_DASK_CRASH_ONCE
    naming a file that does not exist yet, the first batch to get here
    creates it, writes half its data to a temporary file and kills its
    process."""
    marker = os.environ.get("BITEXT_DASK_CRASH_ONCE")
    if not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(fd)
    folder, name = posixpath.split(path)
    with fs.open(posixpath.join(folder, f".{name}.crashed.tmp"), "wb") as f:
        f.write(data[: len(data) // 2])
    os._exit(1)


def _write_atomic(fs: Any, path: str, data: bytes) -> None:
    """Writes ``data`` to a temporary file beside ``path`` and renames it
    into place (an atomic rename on local disks)."""
    folder, name = posixpath.split(path)
    temp = posixpath.join(folder, f".{name}.{uuid.uuid4().hex}.tmp")
    from fsspec.implementations.local import LocalFileSystem

    with fs.open(temp, "wb") as f:
        f.write(data)
    if isinstance(fs, LocalFileSystem):
        os.replace(temp, path)
    else:
        # Object stores have no rename; a copy then delete is the nearest.
        fs.mv(temp, path)


def _summarise(fs: Any, root: str, batches: List[Dict[str, Any]], check: bool) -> Dict[str, Any]:
    documents = rows = flagged = 0
    failed: List[Dict[str, str]] = []
    for batch in batches:
        with fs.open(posixpath.join(root, batch["name"] + ".json"), "rb") as f:
            stats = json.loads(f.read())
        documents += stats["documents"]
        rows += stats["rows"]
        flagged += stats["flagged"]
        failed.extend(stats["failed"])
    summary: Dict[str, Any] = {
        "documents": documents,
        "rows": rows,
        "failed": sorted(failed, key=lambda f: f["id"]),
        "batches": len(batches),
    }
    if check:
        summary["flagged_share"] = round(flagged / rows, 4) if rows else 0.0
    return summary
