"""The review page of the seed in a real headless browser (Debian's chromium).

The browser is driven over its DevTools pipe (--remote-debugging-pipe): the
test sees every request the page makes, reads the page's DOM after its
script ran, clicks a row of the side table and takes a screenshot. Skips
where chromium is not installed.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import policykit
from policykit.pipeline import source_text
from policykit.writers.review import review_page

SEED = Path(__file__).resolve().parents[1] / "corpus" / "xinzhou-ip-2015.txt"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-pipe"]
TIMEOUT = 60

pytestmark = pytest.mark.skipif(BROWSER is None, reason="chromium is not installed (apt-get install chromium)")


class DevTools:
    """A minimal Chrome DevTools Protocol client over the pipe: JSON messages ended by NUL."""

    def __init__(self, profile: Path):
        to_browser, self._send = os.pipe()
        self._receive, from_browser = os.pipe()
        # The browser reads commands on fd 3 and writes answers and events on fd 4;
        # the pipe ends are first moved above 10 so that placing them cannot clobber each other.
        ends = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser, from_browser)]

        def place_pipe_ends() -> None:
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        self.process = subprocess.Popen(
            [BROWSER, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4), preexec_fn=place_pipe_ends,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (to_browser, from_browser, *ends):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, session: str | None = None, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._send, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str) -> dict:
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._read()
            self.events.append(event)
            if event.get("method") == method:
                return event

    def _read(self) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._receive], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._receive, 1 << 20)
            if not chunk:
                raise EOFError("chromium closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._send)
        os.close(self._receive)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The seed's review page opened in chromium: (browser, session, page file, requests seen)."""
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "review.html"
    page.write_text(review_page(policykit.extract_file(SEED), source_text(SEED)), encoding="utf-8")
    browser = DevTools(folder / "profile")
    try:
        target = browser.send("Target.createTarget", url="about:blank")["targetId"]
        session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.send("Network.enable", session)
        browser.send("Page.enable", session)
        browser.send("Emulation.setDeviceMetricsOverride", session, width=1400, height=1000,
                     deviceScaleFactor=1, mobile=False)
        browser.send("Page.navigate", session, url=page.as_uri())
        browser.wait_for("Page.loadEventFired")
        time.sleep(0.5)  # let anything the page might still fetch show up
        yield browser, session, page
    finally:
        browser.close()


def evaluate(browser: DevTools, session: str, expression: str):
    result = browser.send("Runtime.evaluate", session, expression=expression, returnByValue=True)
    return result["result"].get("value")


def test_the_page_makes_no_request_but_for_itself(loaded):
    browser, _, page = loaded
    requested = [e["params"]["request"]["url"] for e in browser.events
                 if e.get("method") == "Network.requestWillBeSent"]
    assert requested == [page.as_uri()]


def test_every_measure_of_the_seed_is_highlighted(loaded):
    browser, session, _ = loaded
    ids = evaluate(browser, session, "[...document.querySelectorAll('#source .hl.measure[id]')].map(e => e.id)")
    assert ids == [f"m{i}" for i in range(1, 21)]


def test_each_kind_of_item_is_painted_in_its_own_colour(loaded):
    browser, session, _ = loaded
    colours = evaluate(browser, session, """
        Object.fromEntries(['measure', 'lead', 'citation', 'target'].map(kind => {
          const el = document.querySelector('#source .hl.' + kind);
          return [kind, el && getComputedStyle(el).backgroundColor];
        }))""")
    assert all(colours[kind] not in (None, "rgba(0, 0, 0, 0)") for kind in colours)
    assert len(set(colours.values())) == len(colours)


def test_warnings_are_underlined(loaded):
    browser, session, _ = loaded
    style = evaluate(browser, session,
                     "getComputedStyle(document.querySelector('#source .hl.warning')).textDecorationStyle")
    assert style == "wavy"


def test_a_click_on_a_row_scrolls_its_measure_into_view(loaded, tmp_path):
    browser, session, _ = loaded
    seen = evaluate(browser, session, """
        (() => {
          document.querySelector('tr[data-goto="m12"]').click();
          const box = document.getElementById('m12').getBoundingClientRect();
          return {top: box.top, bottom: box.bottom, height: innerHeight,
                  current: document.getElementById('m12').classList.contains('current')};
        })()""")
    assert 0 <= seen["top"] < seen["height"] and seen["current"]
    shot = browser.send("Page.captureScreenshot", session, format="png")["data"]
    path = tmp_path / "review-m12.png"
    path.write_bytes(base64.b64decode(shot))
    assert path.read_bytes().startswith(b"\x89PNG")
    print(f"screenshot: {path}")


def test_the_units_panel_lists_the_departments_and_a_click_filters_the_measures(loaded):
    browser, session, _ = loaded
    seen = evaluate(browser, session, """
        (() => {
          const units = [...document.querySelectorAll('table.units tr[data-unit]')];
          const visible = () => [...document.querySelectorAll('table.measures tr[data-goto]')]
            .filter(r => getComputedStyle(r).display !== 'none').map(r => r.dataset.goto);
          const before = visible();
          const row = units.find(r => r.dataset.unit === '市文化局');
          row.click();
          const after = visible();
          const chosen = row.classList.contains('chosen');
          document.querySelector('a.show-all').click();
          return {names: units.map(r => r.dataset.unit), shown: getComputedStyle(units[0]).display,
                  counts: units.map(r => [...r.querySelectorAll('td.count')].map(c => +c.textContent)),
                  before: before.length, after, chosen, again: visible().length};
        })()""")
    doc = policykit.extract_file(SEED)
    assert seen["names"] == [u.name for u in doc.units]
    assert seen["shown"] != "none"
    assert seen["counts"] == [[len(u.lead), len(set(u.co) - set(u.lead))] for u in doc.units]
    culture = next(u for u in doc.units if u.name == "市文化局")
    assert seen["after"] == sorted(set(culture.lead) | set(culture.co), key=lambda m: int(m[1:]))
    assert seen["chosen"] and seen["before"] == seen["again"] == len(doc.measures)
