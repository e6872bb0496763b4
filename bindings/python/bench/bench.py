"""Benchmarks of the Python package (issue 17's targets). Run from the
repository root after `pip install ./bindings/python`:

    python bindings/python/bench/bench.py align          # bitext.align on the sample pair
    python bindings/python/bench/bench.py many           # align_many, 1 vs 2 threads, raw news x100 (--rounds)
    python bindings/python/bench/bench.py dask --docs 100000 --workers 1 2

Each prints JSON: medians of repeated runs, and for Dask the wall time,
each worker's peak RSS, and the rows written.
"""

import argparse
import csv
import glob
import json
import os
import pathlib
import resource
import statistics
import sys
import tempfile
import time

import bitext

ROOT = pathlib.Path(__file__).resolve().parents[3]
NEWS = ROOT.parent / "shared" / "data" / "enfa" / "raw" / "ntrex"


def news():
    names = sorted(p.name[: -len(".en.txt")] for p in NEWS.glob("*.en.txt"))
    if not names:
        sys.exit(f"{NEWS} not found: the benchmarks use the shared raw news")
    return [(n, NEWS / f"{n}.en.txt", NEWS / f"{n}.fa.txt") for n in names]


def median_time(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_align(args):
    en = (ROOT / "pairs/kremlin-feast/en.txt").read_text(encoding="utf-8")
    fa = (ROOT / "pairs/kremlin-feast/fa.txt").read_text(encoding="utf-8")
    # As criterion measures the Rust baseline (`cargo bench --bench align
    # -- sample-pair`): warm up, then the median over samples of the mean
    # time of a batch of calls.
    for _ in range(50):
        bitext.align(en, fa)
    batch = 20

    def calls():
        for _ in range(batch):
            bitext.align(en, fa)

    t = median_time(calls, args.runs) / batch
    print(json.dumps({"bitext.align sample pair, median of batch means, s": round(t, 6), "samples": args.runs, "batch": batch}))


def bench_many(args):
    pairs = [(p[1].read_text(encoding="utf-8"), p[2].read_text(encoding="utf-8")) for p in news()]
    pairs = pairs * args.copies
    out = {"documents": len(pairs), "threads=1": [], "threads=2": [], "ratios": []}
    # Rounds of one run with 1 thread then one with 2: the machine's speed
    # drifts, so each round's ratio is taken, and their median reported.
    for _ in range(args.rounds):
        one, two = (median_time(lambda: bitext.align_many(pairs, threads=n), 1) for n in (1, 2))
        out["threads=1"].append(round(one, 3))
        out["threads=2"].append(round(two, 3))
        out["ratios"].append(round(one / two, 2))
    out["speed-up 2 vs 1, median of rounds"] = statistics.median(out["ratios"])
    print(json.dumps(out))


def manifest(folder, docs):
    """`docs` manifest rows over the raw news (each file listed many times
    under distinct ids), and a folder of symlinks for `bitext align DIR`."""
    pairs = news()
    path = pathlib.Path(folder) / "manifest.csv"
    links = pathlib.Path(folder) / "docs"
    links.mkdir()
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "src", "tgt"])
        for k in range(docs):
            name, en, fa = pairs[k % len(pairs)]
            doc = f"{k:07d}-{name}"
            w.writerow([doc, en, fa])
            os.symlink(en, links / f"{doc}.en.txt")
            os.symlink(fa, links / f"{doc}.fa.txt")
    return path, links


def bench_dask(args):
    from distributed import Client, LocalCluster
    from bitext.dask import align_manifest

    folder = tempfile.mkdtemp(prefix="bitext-dask-")
    path, links = manifest(folder, args.docs)
    out = {"documents": args.docs}
    for workers in args.workers:
        target = pathlib.Path(folder) / f"out-{workers}"
        with LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster, Client(cluster) as client:
            start = time.perf_counter()
            summary = align_manifest(
                str(path), str(target), client=client, batch_size=args.batch, check=args.check
            )
            wall = time.perf_counter() - start
            peak = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        out[f"workers={workers}"] = {
            "wall s": round(wall, 2),
            "peak RSS per worker MB": sorted(round(v / 1024, 1) for v in peak.values()),
            "rows": summary["rows"],
            "failed": len(summary["failed"]),
        }
    out["links"] = str(links)
    out["lexicon"] = str(pathlib.Path(folder) / f"out-{args.workers[-1]}" / "lexicon-en-fa.tsv")
    print(json.dumps(out, indent=1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["align", "many", "dask"])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--docs", type=int, default=100000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    {"align": bench_align, "many": bench_many, "dask": bench_dask}[args.what](args)


if __name__ == "__main__":
    main()
