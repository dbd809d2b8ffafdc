"""The web app end to end in a real headless browser (Debian's chromium driven through chromium-driver), on the seeds.

The app runs on 127.0.0.1 in a thread; the browser may reach nothing else (a dead proxy for every other address),
so a script, style sheet or map layer that is not served by the app would fail and show as a console error. Each
main view is saved as a screenshot under tests/artifacts/web/ (git-ignored). chromium and chromium-driver are part
of the test set-up (`make test` installs them): their absence fails these tests, it never skips them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from chromium_support import CHROMEDRIVER, CHROMIUM, OFFLINE_FLAGS, require
from fieldbrief.model import Article
from fieldbrief.pipeline import Pipeline
from fieldbrief.web import create_app
from web.web_helpers import ARTIFACTS, XSS_OUTLET, XSS_TEXT, XSS_TITLE, copy_store

FLAGS = (*OFFLINE_FLAGS, "--disable-dev-shm-usage", "--window-size=1400,1000")
AFGHANISTAN = (29.0, 39.0, 60.0, 75.0)  # south, north, west, east


@pytest.fixture(scope="module")
def base_url(
    seeds_db: Path, seed_articles: dict[str, Article], pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    db = copy_store(seeds_db, tmp_path_factory.mktemp("live"))
    app = create_app(db, pipeline_factory=lambda: pipeline, allowed_hosts={"127.0.0.1"})
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the app did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(30)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    for tool in (CHROMIUM, CHROMEDRIVER):
        require(tool)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait(driver: WebDriver, condition: Callable[[WebDriver], Any], timeout: float = 60) -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def open_page(driver: WebDriver, url: str, loads: int = 1) -> None:
    """Open a page and wait until its script has filled it from the API (it counts its loads in data-loads)."""
    driver.get(url)
    wait(driver, lambda d: int(d.find_element(By.TAG_NAME, "body").get_attribute("data-loads") or 0) >= loads)


def click(driver: WebDriver, element: WebElement) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def screenshot(driver: WebDriver, name: str) -> None:
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 10_000


def console_errors(driver: WebDriver) -> list[str]:
    """Script errors, refused loads (the Content-Security-Policy), failed requests: anything logged as severe."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def nothing_ran(driver: WebDriver) -> None:
    assert driver.execute_script("return window.pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def test_map_shows_markers_in_afghanistan(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url + "/")
    markers = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "path.event-marker"))
    located = [(float(m.get_attribute("data-lat")), float(m.get_attribute("data-lon")), m) for m in markers]
    south, north, west, east = AFGHANISTAN
    afghan = [m for lat, lon, m in located if south <= lat <= north and west <= lon <= east]
    assert len(afghan) >= 3
    panjshir = next(m for m in afghan if m.get_attribute("data-place") == "Panjshir Valley")
    assert panjshir.get_attribute("data-precision") == "2"  # a valley: drawn as an area, not a pin
    assert browser.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path.leaflet-interactive")
    assert len(browser.find_elements(By.CSS_SELECTOR, "path:not(.leaflet-interactive)")) > 100  # country outlines
    screenshot(browser, "explore")
    browser.execute_script("arguments[0].focus()", panjshir)
    panjshir.send_keys(Keys.ENTER)  # markers are reachable and opened from the keyboard too
    popup = wait(
        browser,
        lambda d: next(
            (p for p in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content") if "Panjshir Valley" in p.text), None
        ),
    )
    screenshot(browser, "explore-popup")
    assert "2 independent origins" in popup.text
    click(browser, popup.find_element(By.XPATH, ".//button[contains(., 'List the events here')]"))
    wait(browser, lambda d: "at Panjshir Valley" in d.find_element(By.ID, "events-scope").text)
    items = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#events:not([aria-busy]) > li[data-event]"))
    assert items and all("at Panjshir Valley" in item.text for item in items)
    assert "lat=35.4" in browser.current_url  # the filter is in the address: the view can be shared
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline svg g[data-start]")
    assert console_errors(browser) == []


def test_contested_claim_to_the_evidence_in_its_article(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url + "/claims")
    claim = next(
        li
        for li in browser.find_elements(By.CSS_SELECTOR, "#claims > li[data-status='contested']")
        if "Whether Taliban attacked Panjshir" in li.find_element(By.TAG_NAME, "h3").text
    )
    assert "Ali Nazary" in claim.find_element(By.CSS_SELECTOR, ".side.affirms").text
    assert "Zabihullah Mujahid" in claim.find_element(By.CSS_SELECTOR, ".side.disputes").text
    screenshot(browser, "claims")
    click(browser, claim.find_element(By.CSS_SELECTOR, "h3 a"))
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-loads") == "1")
    disputes = browser.find_element(By.CSS_SELECTOR, ".side.disputes")
    quote = disputes.find_element(By.CSS_SELECTOR, "blockquote a")
    evidence = quote.text
    assert "no fighting in Panjshir" in evidence
    assert disputes.find_element(By.CSS_SELECTOR, ".context").text  # the words around it, from its sentence
    screenshot(browser, "claim")
    click(browser, quote)
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-loads") == "1")
    target = browser.find_element(By.ID, "hl")
    highlighted = "".join(s.text for s in browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.tg"))
    assert " ".join(highlighted.split()) == " ".join(evidence.split())
    assert browser.execute_script("return document.activeElement.id") == "hl"
    assert browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", target
    )
    explanation = browser.find_element(By.ID, "explain").text
    assert "The passage you followed" in explanation and "Zabihullah Mujahid" in explanation
    browser.execute_script("window.scrollTo(0, 0)")
    screenshot(browser, "article")
    assert console_errors(browser) == []


def test_add_an_article_from_the_browser_payloads_stay_text(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url + "/add", loads=0)
    form = browser.find_element(By.ID, "paste")
    form.find_element(By.NAME, "content").send_keys(XSS_TEXT)
    form.find_element(By.NAME, "title").send_keys(XSS_TITLE)
    form.find_element(By.NAME, "outlet").send_keys(XSS_OUTLET)
    browser.execute_script("arguments[0].value = '2021-08-25'", form.find_element(By.NAME, "published"))
    click(browser, form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    link = wait(
        browser,
        lambda d: d.find_element(By.CSS_SELECTOR, "#jobs li[data-state='done'] a[data-new-article]"),
        timeout=180,
    )
    assert link.text == XSS_TITLE
    job = browser.find_element(By.CSS_SELECTOR, "#jobs li[data-state='done']").text
    assert "1 added" in job and "claims recomputed around 1 article" in job
    screenshot(browser, "add")
    nothing_ran(browser)
    click(browser, link)
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-loads") == "1")
    assert browser.find_element(By.TAG_NAME, "h1").text == XSS_TITLE
    assert browser.title.startswith(XSS_TITLE)
    text = browser.find_element(By.ID, "article-text").text
    assert "<script>window.pwned='text'</script>" in text and "</script><script>window.pwned='quote'</script>" in text
    assert "<img src=x onerror=\"window.pwned='onerror'\">" in text
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, main script")
    quote = next(s for s in browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.st") if "surrender" in s.text)
    browser.execute_script("arguments[0].focus()", quote)
    assert "window.pwned='quote'" in browser.find_element(By.ID, "explain").text  # the quote, explained, as text
    screenshot(browser, "article-payloads")
    nothing_ran(browser)
    # the new article appears everywhere, and runs nothing anywhere
    open_page(browser, base_url + "/")
    assert any(XSS_TITLE in li.text for li in browser.find_elements(By.CSS_SELECTOR, "#events > li"))
    nothing_ran(browser)
    open_page(browser, base_url + "/claims?status=single-source&q=pwned")
    assert "<script>window.pwned='quote'</script>" in browser.find_element(By.ID, "claims").text
    nothing_ran(browser)
    open_page(browser, base_url + "/articles?q=pwned")
    results = browser.find_element(By.ID, "articles").text
    assert XSS_TITLE in results and browser.find_elements(By.CSS_SELECTOR, "#articles mark")
    screenshot(browser, "articles-search")
    nothing_ran(browser)
    assert console_errors(browser) == []


def test_actors_and_places(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url + "/actors?q=Lavrov")
    screenshot(browser, "actors")
    click(browser, browser.find_element(By.CSS_SELECTOR, "#actors a"))
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-loads") == "1")
    said = browser.find_elements(By.CSS_SELECTOR, "#said > li")
    assert said and all("Sergei Lavrov" in s.text for s in said)
    screenshot(browser, "actor")
    open_page(browser, base_url + "/places")
    screenshot(browser, "places")
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#places a") if a.text == "Panjshir Valley")
    click(browser, link)
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-loads") == "1")
    assert "valley" in browser.find_element(By.ID, "place-resolution").text
    assert browser.find_elements(By.CSS_SELECTOR, "#mentions mark")
    screenshot(browser, "place")
    assert console_errors(browser) == []


SPLIT_QUOTE_TITLE = "Fictional split quote"
SPLIT_QUOTE_TEXT = (
    "Fictional report. Floods cut the road to Norvale on Monday.\n\n"
    '"We will hold the bridge," said Talia Brennan, the mayor of Norvale, "until the water goes down."'
)


def test_a_split_quote_highlights_the_speakers_words_not_its_attribution(browser: WebDriver, base_url: str) -> None:
    open_page(browser, base_url + "/add", loads=0)
    form = browser.find_element(By.ID, "paste")
    form.find_element(By.NAME, "content").send_keys(SPLIT_QUOTE_TEXT)
    form.find_element(By.NAME, "title").send_keys(SPLIT_QUOTE_TITLE)
    click(browser, form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    link = wait(
        browser,
        lambda d: d.find_element(  # by XPath, in one look-up: the list re-renders while jobs finish
            By.XPATH,
            f"//*[@id='jobs']/li[@data-state='done']//a[@data-new-article][normalize-space()='{SPLIT_QUOTE_TITLE}']",
        ),
        timeout=180,
    )
    click(browser, link)
    wait(browser, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-loads") == "1")
    highlighted = [s.text for s in browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.st")]
    assert "We will hold the bridge" in " ".join(highlighted) and "until the water goes down" in " ".join(highlighted)
    assert not any("said" in text or "Brennan" in text for text in highlighted)  # the attribution is not her words
    quote = next(s for s in browser.find_elements(By.CSS_SELECTOR, "#article-text .hl.st") if "water" in s.text)
    browser.execute_script("arguments[0].focus()", quote)
    assert "Talia Brennan" in browser.find_element(By.ID, "explain").text  # the second part is hers too
    assert console_errors(browser) == []
