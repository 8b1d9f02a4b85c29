"""End-to-end tests in headless Chromium (Debian's chromium + chromedriver, driven by Selenium).

`make test` installs chromium through apt when it is missing; where it truly cannot be installed these
tests skip and say so.  Each run saves screenshots under out/screenshots/.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, SHARED_DIR

pytestmark = pytest.mark.browser
SCREENSHOTS = REPO_ROOT / "out" / "screenshots"


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("headless browser tests need Debian's chromium and chromium-driver "
                    "(`make test` installs them with apt-get; apt was not available or failed here)")
    return browser, driver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self, db: str) -> None:
        import uvicorn

        from rasad.web.app import create_app

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    binary, driver_path = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="rasad-chromium-")
    opts.add_argument(f"--user-data-dir={profile}")
    drv = webdriver.Chrome(service=Service(driver_path), options=opts)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _wait(fn, timeout: float = 15.0):
    deadline = time.time() + timeout
    while True:
        value = fn()
        if value or time.time() > deadline:
            return value
        time.sleep(0.1)


def _shot(drv, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    drv.save_screenshot(str(path))
    return path


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> str:
    seeds = SHARED_DIR / "seeds"
    if not seeds.exists():
        pytest.skip(f"seed reports not found at {seeds}")
    from rasad.analyze import analyze_paths
    from rasad.store.base import open_store

    db = str(tmp_path_factory.mktemp("e2e") / "seeds.db")
    with open_store(db) as store:
        analyze_paths([seeds], store)
    return db


def test_seeds_map_and_khalidiya_event(browser, seeds_store):
    from selenium.webdriver.common.by import By

    from rasad.store.base import open_store

    with open_store(seeds_store) as store:
        canon = list(store.iter_canonical_events())
    khalidiya = [ce for ce in canon if ce.location and "khalid" in (ce.location.name or "").lower()
                 and len({r.doc_id for r in ce.reports}) == 3]
    assert khalidiya, "the Khalidiya battle should be merged across the three seed reports"
    with _Server(seeds_store) as base:
        browser.get(base + "/")
        assert _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "svg#map[data-ready='1']"))
        markers = browser.find_elements(By.CSS_SELECTOR, "svg#map circle.marker")
        assert len(markers) >= 5
        _shot(browser, "seeds-map.png")
        browser.get(base + "/events/" + khalidiya[0].id)
        sources = browser.find_elements(By.CSS_SELECTOR, "section.source")
        assert len(sources) == 3
        assert {s.get_attribute("lang") for s in sources} == {"ar", "fa"}
        passages = browser.find_elements(By.CSS_SELECTOR, "section.source p.passage")
        assert all(p.get_attribute("dir") == "rtl" for p in passages)
        assert all(p.find_elements(By.TAG_NAME, "mark") for p in passages)
        outcome = browser.find_element(By.ID, "outcome")
        assert "contested" in outcome.get_attribute("class")
        contested_rows = browser.find_elements(By.CSS_SELECTOR, "#comparison tr.field-row.contested")
        assert any(r.get_attribute("data-field") == "outcome" for r in contested_rows)
        assert browser.find_element(By.ID, "notes").text.strip()
        _shot(browser, "seeds-khalidiya-event.png")


def test_hostile_article_is_not_executed(browser, fixture_store):
    from selenium.webdriver.common.by import By

    db, ids = fixture_store
    with _Server(db) as base:
        for path in ("/", "/events/ce-battle", f"/documents/{ids['en']}"):
            browser.get(base + path)
            time.sleep(0.3)
            assert browser.execute_script("return window.__pwned === undefined"), path
        assert "<script>" in browser.find_element(By.CSS_SELECTOR, ".doctext").text
        browser.get(base + "/")
        assert _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "svg#map circle.marker"))
        _shot(browser, "fixture-map.png")


def test_self_contained_html_report_opens_offline(browser, fixture_store, tmp_path):
    from selenium.webdriver.common.by import By

    from rasad.outputs.html_report import write_html_report
    from rasad.store.base import open_store

    db, _ = fixture_store
    with open_store(db) as store:
        out = write_html_report(store, tmp_path / "report.html")
    html = out.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    browser.get(out.as_uri())
    assert _wait(lambda: browser.find_elements(By.CSS_SELECTOR, "svg#map circle.marker"))
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.find_elements(By.CSS_SELECTOR, "article#event-ce-battle section.source")
    _shot(browser, "html-report.png")
