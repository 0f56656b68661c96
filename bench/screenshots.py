"""Screenshots of the copy desk's web page (``quotes serve``) in headless Chromium, saved into docs/screenshots/.

    python bench/screenshots.py                       # docs/screenshots/check.png, speaker.png, digest.png
    python bench/screenshots.py --keep /tmp/shots     # also keep the archive and the pages' HTML there

Needs the web extra (``pip install '.[web]'``) and Chromium. This script installs nothing; on Debian:

    apt-get install -y chromium          # (as root) the browser; CHROMIUM=/path/to/chrome names another

What it does: indexes the repository's seeds (seeds/*.txt) into a fresh archive with the real models
(``quotes.Engine().index``), starts ``quotes serve`` on 127.0.0.1 on a free port, checks the draft
bench/drafts/d19.txt (dated as its case in bench/drafts/cases.jsonl) against the archive by posting it to
/check, and has Chromium screenshot the result (``--window-size=1280,1600``) and the page of the draft's speaker
(Wang Yi), then the top of the HTML digest of the seeds (``quotes digest seeds/*.txt --format html``). Chromium's command line can only load a URL with GET, so the check page the server answered is saved
to a file with a ``<base href>`` naming the server (its stylesheet comes from there) and that file is
screenshotted; the speaker page is loaded from the server itself. Prints what it did and where the files went.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
DRAFT = ROOT / "bench" / "drafts" / "d19.txt"
SPEAKER = "Wang Yi"
WINDOW = "1280,1600"


def chromium() -> str:
    """The Chromium binary: $CHROMIUM, else chromium or chromium-browser on the PATH; exits with how to get one."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and (found := shutil.which(name)):
            return found
    sys.exit("no Chromium found: install it (Debian: apt-get install -y chromium) or set CHROMIUM=/path/to/chrome")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def case_date(draft: Path) -> str | None:
    for line in (ROOT / "bench" / "drafts" / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line) if line.strip() else {}
        if case.get("draft") == draft.name:
            return case.get("date")
    return None


def build_store(path: Path) -> str:
    import quotes

    engine = quotes.Engine(cache=True)
    summary = engine.index(sorted((ROOT / "seeds").glob("*.txt")), path)
    return summary.describe()


def wait_for(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit code {server.returncode}); its errors are above")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"the server did not answer {url} within {seconds:.0f} s")


def post_draft(base: str, draft: Path, date: str | None) -> str:
    """The /check page for the draft, uploaded as a file (multipart, as the browser's form sends it)."""
    boundary = uuid.uuid4().hex
    fields = [("name", draft.stem), ("date", date or "")]
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                    for k, v in fields)
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{draft.name}"\r\n'
             "Content-Type: text/plain\r\n\r\n").encode() + draft.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(base + "/check", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=600) as r:
        return r.read().decode("utf-8")


def speaker_url(base: str, name: str) -> str:
    with urllib.request.urlopen(base + "/speakers", timeout=60) as r:
        page = r.read().decode("utf-8")
    found = re.search(r'<a href="(/speakers/\d+)">' + re.escape(name) + "</a>", page)
    if not found:
        sys.exit(f"{name} is not among the archive's speakers")
    return base + found.group(1)


def screenshot(browser: str, url: str, target: Path, profile: Path) -> None:
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={profile}",
           f"--window-size={WINDOW}", f"--screenshot={target}", url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if done.returncode != 0 or not target.is_file():
        sys.exit(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keep", metavar="DIR", help="keep the archive and the saved pages in DIR")
    ap.add_argument("--out", default=str(OUT), help=f"where the PNG files go (default {OUT.relative_to(ROOT)})")
    args = ap.parse_args()
    browser = chromium()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="quotes-shots-"))
    work.mkdir(parents=True, exist_ok=True)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    store = work / "seeds.sqlite"
    store.unlink(missing_ok=True)
    started = time.monotonic()
    print(f"indexing seeds into {store}: {build_store(store)} ({time.monotonic() - started:.0f} s)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "quotes", "serve", "--store", str(store), "--port", str(port),
                               "--quiet"], cwd=ROOT)
    try:
        wait_for(base + "/", server)
        date = case_date(DRAFT)
        started = time.monotonic()
        page = post_draft(base, DRAFT, date)
        print(f"checked {DRAFT.relative_to(ROOT)} (dated {date}) in {time.monotonic() - started:.0f} s")
        saved = work / "check.html"
        saved.write_text(page.replace("<head>", f'<head>\n<base href="{base}/">', 1), encoding="utf-8")
        profile = work / "chromium-profile"
        screenshot(browser, saved.resolve().as_uri(), out / "check.png", profile)
        url = speaker_url(base, SPEAKER)
        screenshot(browser, url, out / "speaker.png", profile)
        print(f"screenshots: {out / 'check.png'} (the check of {DRAFT.name}), {out / 'speaker.png'} ({SPEAKER}: {url})")
        digest_page = work / "digest.html"
        subprocess.run([sys.executable, "-m", "quotes", "digest", *sorted(str(p) for p in (ROOT / "seeds").glob("*.txt")),
                        "--format", "html", "-o", str(digest_page), "--quiet"], cwd=ROOT, check=False)
        if digest_page.is_file():
            screenshot(browser, digest_page.resolve().as_uri(), out / "digest.png", profile)
            print(f"screenshot: {out / 'digest.png'} (quotes digest seeds/*.txt --format html, its top)")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
