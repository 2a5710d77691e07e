"""The static web copy of the course (``make site``): built with the network cut off,
pages that load nothing remote, and, in headless Chromium, pages that open without
console errors, charts that load with their text alternatives, a language switch and
internal links that all resolve."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from asm_course.i18n import t

pytestmark = [pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
SECOND_LANGUAGE = "es"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    """The site of a copy of the repository's notebooks, built inside a network namespace
    with no interface up (``unshare -n``). When the repository has one language only, a
    second one is made from two English notebooks so that the language switch is tested
    both where the twin page exists and where it does not."""
    root = tmp_path_factory.mktemp("site-root")
    for folder in ("course", "exercises"):
        shutil.copytree(REPO / folder, root / folder)
    languages = sorted(p.name for p in (root / "course").iterdir() if p.is_dir())
    if len(languages) == 1:
        twin = root / "course" / SECOND_LANGUAGE
        twin.mkdir()
        for name in ("start_here.ipynb", "m01_what_is_asm.ipynb"):
            shutil.copy(root / "course" / languages[0] / name, twin / name)
    out = root / "site"
    if shutil.which("unshare") is None:
        pytest.fail("unshare (util-linux) is needed to build with the network cut off")
    started = time.monotonic()
    result = subprocess.run(["unshare", "-n", sys.executable, "-m", "asm_course.site",
                             "--root", str(root), "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return {"root": root, "out": out, "seconds": time.monotonic() - started, "log": result.stdout + result.stderr}


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_every_notebook_of_every_language_has_a_page(built):
    root, out = built["root"], built["out"]
    notebooks = [p.relative_to(root).with_suffix(".html") for p in
                 [*root.glob("course/*/*.ipynb"), *root.glob("exercises/*/*/*.ipynb")]]
    assert notebooks and all((out / n).is_file() for n in notebooks), notebooks
    assert (out / "index.html").is_file()
    assert "pages into" in built["log"] or "páginas" in built["log"]
    if not (REPO / "course" / SECOND_LANGUAGE / "m00_getting_started.ipynb").exists():
        # the made-up second language has no m00: its start page's link to it is reported
        assert "m00_getting_started.ipynb" in built["log"], built["log"]


def test_pages_load_nothing_from_anywhere(built):
    """No script at all, and nothing fetched: no src, stylesheet, CSS url() or @import that
    leaves the site (links to sources for readers are allowed: they load only on a click)."""
    for page in pages(built["out"]):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text, f"{page.name} loads a script"
        remote = re.findall(r'(?:src|srcset)\s*=\s*["\']?(?:https?:)?//[^"\'\s>]+', text)
        remote += re.findall(r'<link[^>]+href=["\'](?:https?:)?//[^"\']+', text)
        remote += re.findall(r'url\(\s*["\']?(?:https?:)?//[^)]+\)', text)
        remote += re.findall(r"@import[^;]+", text)
        assert not remote, f"{page.name} fetches {remote[:3]}"


def test_charts_carry_their_text_alternative(built):
    """Every image has alt text; every chart drawn in a cell (not by an explorer widget) has
    the description the course printed beside it, not the builder's placeholder."""
    placeholders = {t("site.chart_without_description", lang=lang) for lang in ("en", "es")}
    charts = 0
    for page in pages(built["out"]):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<div class="jp-RenderedImage[^>]*>\s*<img [^>]*alt="([^"]*)"', text):
            charts += 1
            assert match[1].strip() and match[1] not in placeholders, f"{page.name}: {match[1]!r}"
        assert not re.search(r"<img(?![^>]*\balt=\"[^\"]+\")", text), f"{page.name}: an image without alt"
    assert charts >= 5


@pytest.fixture(scope="module")
def served(built):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(built["out"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


IMAGES = """() => [...document.images].map(i => ({ok: i.complete && i.naturalWidth > 0, alt: i.alt,
  widget: !!i.closest('.asm-w-output, .asm-w-html')}))"""   # explorer charts are <img alt> in HTML widgets""
LINKS = "() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"


@pytest.mark.browser
def test_site_in_headless_chromium(built, served, browser):
    out = built["out"]
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    outside: list[str] = []

    def only_the_site(route):
        if route.request.url.startswith(served):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    widget_charts = 0
    for path in pages(out):
        url = served + path.relative_to(out).as_posix()
        response = page.goto(url)
        assert response and response.status == 200, url
        images = page.evaluate(IMAGES)
        assert all(i["ok"] and i["alt"].strip() for i in images), (url, images)
        widget_charts += sum(i["widget"] for i in images)
        for href in page.evaluate(LINKS):
            if urlparse(href).scheme in ("http", "https", "mailto"):
                continue
            target = urlparse(urljoin(url, href))
            assert target.netloc == urlparse(served).netloc, (url, href)
            local = out / unquote(target.path.lstrip("/"))
            assert local.is_file() or (local / "index.html").is_file(), f"{url}: broken link {href}"
    assert widget_charts >= 1, "no chart saved in an explorer widget was shown"
    assert not errors, errors
    assert not outside, f"requests outside the site: {outside[:5]}"

    # the language switch: from an English module to its Spanish twin and back
    page.goto(served + "course/en/m01_what_is_asm.html")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name=t("site.language_name", lang="es")).click()
    page.wait_for_url("**/course/es/m01_what_is_asm.html")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("link", name=t("site.index", lang="es")).count() == 1
    # saved widget state is shown: the explorer's controls, disabled, with their saved values
    assert page.locator(".asm-w-box select[disabled]").count() >= 1
    assert page.locator(".asm-w-html img[alt]").count() >= 1   # an explorer chart, with its alt text
    context.close()
