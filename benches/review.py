"""Issue 20's targets for `bitext review`, through its HTTP API (and, where
chromedriver is installed, in headless Chromium):

- open a 100,000-row corpus: the first rows answered by the server, and on
  screen in the browser, counted from the command's start;
- an edit saved to disk (journaled and synced before it is answered), and
  the corpus file rewritten after it, at 100,000 rows.

Run from the repository root after `cargo build --release`:

    python3 benches/review.py [--rows 100000] [--edits 40]

The corpus is the sample pair's alignment repeated to --rows rows. Prints
JSON: medians and the spread of each measure.
"""

import argparse
import csv
import json
import os
import pathlib
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
BITEXT = ROOT / "target" / "release" / "bitext"


def corpus(path, rows):
    sample = path.with_name("sample.csv")
    subprocess.run(
        [BITEXT, "align", ROOT / "pairs/kremlin-feast/en.txt", ROOT / "pairs/kremlin-feast/fa.txt", "-q", "-o", sample],
        check=True,
    )
    with open(sample, newline="", encoding="utf-8") as f:
        head, *body = list(csv.reader(f))
    seen = [0, 0]
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(head)
        for n in range(rows):
            r = body[n % len(body)]
            ids = []
            for side in (0, 1):
                count = len(r[2 + side].split())
                ids.append(" ".join(str(seen[side] + i + 1) for i in range(count)))
                seen[side] += count
            out.writerow([r[0], r[1], ids[0], ids[1], r[4], r[5]])


def start(path, out):
    began = time.perf_counter()
    child = subprocess.Popen(
        [BITEXT, "review", path, "--out", out, "--no-open"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    url = child.stdout.readline().strip()
    port = int(url.split(":")[2].split("/")[0])
    token = url.split("token=")[1]
    return child, began, url, port, token


def call(port, token, path, body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=None if body is None else json.dumps(body).encode(),
        headers={"X-Bitext-Token": token, "Host": f"127.0.0.1:{port}"},
        method="GET" if body is None else "POST",
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def webdriver(port, method, path, body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=None if method == "GET" else json.dumps(body or {}).encode(),
        headers={"Content-Type": "application/json"},
        method=method,
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())["value"]


def on_screen(path, out, repeats):
    """Seconds from `bitext review` starting to the first rows in the DOM
    of headless Chromium; None without chromedriver."""
    driver = shutil.which("chromedriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not driver or not chromium:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dport = s.getsockname()[1]
    chromedriver = subprocess.Popen([driver, f"--port={dport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                webdriver(dport, "GET", "/status")
                break
            except OSError:
                time.sleep(0.05)
        options = {"binary": chromium, "args": ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1300,900"]}
        session = webdriver(dport, "POST", "/session", {"capabilities": {"alwaysMatch": {"goog:chromeOptions": options}}})
        sid = session["sessionId"]
        webdriver(dport, "POST", f"/session/{sid}/url", {"url": "about:blank"})
        times = []
        for _ in range(repeats):
            if os.path.exists(out):
                os.remove(out)
            journal = out + ".review-journal"
            if os.path.exists(journal):
                os.remove(journal)
            child, began, url, _, _ = start(path, out)
            try:
                # The navigation returns once the page has loaded; the rows
                # come from its first API call.
                webdriver(dport, "POST", f"/session/{sid}/url", {"url": url})
                script = {"script": "return document.querySelectorAll('#rows tr').length;", "args": []}
                while webdriver(dport, "POST", f"/session/{sid}/execute/sync", script) == 0:
                    time.sleep(0.005)
                times.append(time.perf_counter() - began)
            finally:
                child.kill()
                child.wait()
        webdriver(dport, "DELETE", f"/session/{sid}")
        return times
    finally:
        chromedriver.kill()
        chromedriver.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--opens", type=int, default=5)
    args = parser.parse_args()
    folder = pathlib.Path(tempfile.mkdtemp(prefix="bitext-review-"))
    path, out = folder / "corpus.csv", str(folder / "reviewed.csv")
    corpus(path, args.rows)
    result = {"rows": args.rows, "corpus MB": round(path.stat().st_size / 1e6, 1)}

    first_rows = []
    for _ in range(args.opens):
        for leftover in (out, out + ".review-journal"):
            if os.path.exists(leftover):
                os.remove(leftover)
        child, began, _, port, token = start(path, out)
        call(port, token, "/api/rows?from=0&count=120")
        first_rows.append(time.perf_counter() - began)
        child.kill()
        child.wait()
    result["first rows answered, s (median, max)"] = [round(statistics.median(first_rows), 3), round(max(first_rows), 3)]
    browser = on_screen(path, out, args.opens)
    if browser:
        result["first rows on screen in Chromium, s (median, max)"] = [round(statistics.median(browser), 3), round(max(browser), 3)]
    else:
        result["first rows on screen in Chromium"] = "skipped: no chromium and chromedriver"

    # Edits in the middle of the corpus, one at a time: answered once the
    # journal holds them (synced); the corpus file rewritten after.
    for leftover in (out, out + ".review-journal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    child, _, _, port, token = start(path, out)
    try:
        call(port, token, "/api/rows?from=0&count=120")
        # Edits start once the review has written its journal's start and
        # the corpus (half a second after opening 100,000 rows: sooner than
        # a person edits, and an edit made sooner waits for the journal).
        while not (os.path.exists(out) and os.path.exists(out + ".review-journal")):
            time.sleep(0.01)
        time.sleep(0.2)
        answered, rewritten = [], []
        row = args.rows // 2
        for k in range(args.edits):
            edit = {"op": "merge", "row": row, "side": "src"} if k % 2 == 0 else {"op": "undo"}
            before = os.stat(out).st_mtime_ns if os.path.exists(out) else 0
            began = time.perf_counter()
            call(port, token, "/api/edit", edit)
            answered.append(time.perf_counter() - began)
            while (os.stat(out).st_mtime_ns if os.path.exists(out) else 0) == before:
                time.sleep(0.002)
            rewritten.append(time.perf_counter() - began)
            time.sleep(0.2)
    finally:
        child.kill()
        child.wait()
    ms = lambda xs: [round(1000 * statistics.median(xs), 1), round(1000 * max(xs), 1)]  # noqa: E731
    result["edit saved (journaled, synced), ms (median, max)"] = ms(answered)
    result["corpus file rewritten after the edit, ms (median, max)"] = ms(rewritten)
    print(json.dumps(result, indent=1))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
