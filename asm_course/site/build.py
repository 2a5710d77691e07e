"""Build the static, read-only web copy of the course (``make site``).

Every notebook of ``course/<lang>/`` (stored executed) and ``exercises/<lang>/``
becomes one HTML page, with its stored outputs, charts with their text alternatives
and the saved widget state rendered as plain HTML; every page has a language switch
and a link to the index. Nothing is fetched at build or view time: the look comes
from nbconvert's installed "lab" template, and no page loads a script.
"""

from __future__ import annotations

import html
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from asm_course.i18n import t
from asm_course.site.static_widgets import render_model, widget_states

TEMPLATE_DIR = Path(__file__).parent / "template"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SITE_CSS = """
.asm-site-nav{display:flex;flex-wrap:wrap;gap:1em;align-items:baseline;padding:.6em 1em;
  margin-bottom:1em;border-bottom:1px solid #bbb;font-size:15px}
.asm-site-nav p{flex-basis:100%;margin:.3em 0;color:#333}
.asm-w-box{display:flex;gap:.5em;margin:.3em 0}.asm-w-column{flex-direction:column}
.asm-w-row{flex-direction:row;flex-wrap:wrap}
.asm-w-control{display:flex;gap:.5em;align-items:center}
.asm-w-description{min-width:10em;font-weight:600}
.asm-w-output img{max-width:100%}
"""


@dataclass(frozen=True)
class Page:
    """One notebook of the site: its language, where it comes from and where it goes."""

    lang: str
    source: Path      # the notebook
    relative: Path    # e.g. course/en/m01_what_is_asm.html, mirrors the repository layout

    @property
    def kind(self) -> str:
        return self.relative.parts[0]


@dataclass
class SiteReport:
    """What a build produced, for the command's message and the tests."""

    out: Path
    pages: list[Page] = field(default_factory=list)
    missing_alt: list[str] = field(default_factory=list)
    missing_pages: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.out.rglob("*") if p.is_file())


def discover(root: Path) -> list[Page]:
    """Every course and exercise notebook of every language under ``root``, in a stable order."""
    pages = []
    for lang_dir in sorted(p for p in (root / "course").glob("*") if p.is_dir()):
        lang = lang_dir.name
        for notebook in sorted(lang_dir.glob("*.ipynb")):
            pages.append(Page(lang, notebook, Path("course", lang, notebook.stem + ".html")))
        for notebook in sorted((root / "exercises" / lang).glob("*/*.ipynb")):
            pages.append(Page(lang, notebook, Path("exercises", lang, notebook.parent.name,
                                                   notebook.stem + ".html")))
    return pages


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def alt_texts(outputs: list[dict], following: str | None = None) -> dict[int, str | None]:
    """For each image output (by index), the text printed next to it: the nearest stream
    output before it, else after it, else ``following`` (what the next cell printed: the
    course prints ``plots.describe(ax)`` beside each chart or in the cell after it).
    None when the chart has no text beside it."""
    streams = [i for i, o in enumerate(outputs) if o.get("output_type") == "stream"
               and _text(o.get("text", "")).strip()]
    found: dict[int, str | None] = {}
    for i, output in enumerate(outputs):
        if "image/png" not in output.get("data", {}):
            continue
        before = [s for s in streams if s < i]
        after = [s for s in streams if s > i]
        pick = before[-1] if before else (after[0] if after else None)
        found[i] = _text(outputs[pick]["text"]).strip() if pick is not None else following
    return found


def next_code_cell(notebook: nbformat.NotebookNode, number: int) -> nbformat.NotebookNode | None:
    """The first code cell after cell ``number`` (1-based), past any Markdown cells."""
    return next((c for c in notebook.cells[number:] if c.cell_type == "code"), None)


def printed(cell: nbformat.NotebookNode | None) -> str | None:
    """What a code cell that shows no chart of its own printed (its first stream output), or None."""
    outputs = cell.get("outputs", []) if cell is not None else []
    if any("image/png" in o.get("data", {}) for o in outputs):
        return None
    streams = [o for o in outputs
               if o.get("output_type") == "stream" and _text(o.get("text", "")).strip()]
    return _text(streams[0]["text"]).strip() if streams else None


def outputs_html(outputs: list[dict], on_missing_alt) -> str:
    """Plain HTML for a list of stored outputs (used inside Output widgets)."""
    alts = alt_texts(outputs)
    parts = []
    for i, output in enumerate(outputs):
        data = output.get("data", {})
        if output.get("output_type") == "stream":
            parts.append(f"<pre>{html.escape(_text(output.get('text', '')))}</pre>")
        elif "image/png" in data:
            alt = alts[i] or on_missing_alt()
            parts.append(f'<img src="data:image/png;base64,{_text(data["image/png"]).strip()}" '
                         f'alt="{html.escape(alt)}">')
        elif "text/html" in data:
            parts.append(_text(data["text/html"]))
        elif "text/plain" in data:
            parts.append(f"<pre>{html.escape(_text(data['text/plain']))}</pre>")
    return "".join(parts)


def prepare(notebook: nbformat.NotebookNode, lang: str, label: str,
            missing_alt: list[str]) -> nbformat.NotebookNode:
    """The notebook ready to export: alt text on every image, widgets as static HTML,
    the widget state removed (so no widget manager script is asked for), a title."""
    states = widget_states(notebook.metadata)
    for number, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue

        def note_missing(number: int = number) -> str:
            missing_alt.append(t("site.missing_alt", lang=lang, page=label, cell=number))
            return t("site.chart_without_description", lang=lang)

        for i, alt in alt_texts(cell.outputs, printed(next_code_cell(notebook, number))).items():
            meta = cell.outputs[i].setdefault("metadata", {}).setdefault("image/png", {})
            meta["alt"] = alt or note_missing()
        for output in cell.outputs:
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                continue
            rendered = render_model(view["model_id"], states,
                                    lambda outs: outputs_html(outs, note_missing))
            output.data = ({"text/html": rendered} if rendered
                           else {"text/plain": output.data.get("text/plain", "")})
    notebook.metadata.pop("widgets", None)
    title = first_heading(notebook)
    if title:
        notebook.metadata["title"] = title
    return notebook


def first_heading(notebook: nbformat.NotebookNode) -> str:
    """The text of the notebook's first Markdown heading ('' when there is none)."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+)$", cell.source, flags=re.MULTILINE)
            if match:
                return match[1].strip()
    return ""


def _up(page: Path) -> str:
    return "../" * (len(page.parts) - 1)


def nav_html(page: Page, pages: list[Page]) -> str:
    """The bar on top of each page: the index, the same page in every other language, the
    read-only note."""
    up = _up(page.relative)
    languages = sorted({p.lang for p in pages})
    links = []
    for lang in languages:
        name = html.escape(t("site.language_name", lang=lang))
        if lang == page.lang:
            links.append(f'<strong lang="{lang}" aria-current="page">{name}</strong>')
            continue
        twin = Path(*[lang if part == page.lang else part for part in page.relative.parts])
        target = twin.as_posix() if any(p.relative == twin for p in pages) else f"index.html#{lang}"
        links.append(f'<a href="{up}{target}" hreflang="{lang}" lang="{lang}">{name}</a>')
    return (f'<nav class="asm-site-nav" aria-label="{html.escape(t("site.index", lang=page.lang))}">'
            f'<a href="{up}index.html">{html.escape(t("site.index", lang=page.lang))}</a>'
            f'<span>{html.escape(t("site.languages", lang=page.lang))}: {" · ".join(links)}</span>'
            f'<p>{html.escape(t("site.read_only", lang=page.lang))}</p></nav>')


_NOTEBOOK_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]+)\.ipynb(#[^"]*)?"')


def link_pages(page_html: str, page: Page, known: set[Path], problems: list[str]) -> str:
    """Relative links to notebooks point at their pages; a link to a notebook the site does
    not have (e.g. a module not translated yet) points at the index of the page's language
    and is reported."""
    def target(match: re.Match) -> str:
        linked = Path(os.path.normpath(page.relative.parent / f"{match[1]}.html"))
        if linked in known:
            return f'href="{match[1]}.html{match[2] or ""}"'
        problems.append(t("site.missing_page", lang=page.lang, page=page.source.name, link=f"{match[1]}.ipynb"))
        return f'href="{_up(page.relative)}index.html#{page.lang}"'

    return _NOTEBOOK_LINK.sub(target, page_html)


def index_html(pages: list[Page], titles: dict[Path, str]) -> str:
    """The site's front page: per language, the modules then the exercises."""
    languages = sorted({p.lang for p in pages})
    first = languages[0] if languages else "en"
    sections = []
    for lang in languages:
        parts = [f'<section id="{lang}" lang="{lang}"><h2>{html.escape(t("site.language_name", lang=lang))}</h2>']
        for kind, key in (("course", "site.course"), ("exercises", "site.exercises")):
            items = [p for p in pages if p.lang == lang and p.kind == kind]
            if items:
                parts.append(f"<h3>{html.escape(t(key, lang=lang))}</h3><ul>")
                parts += [f'<li><a href="{p.relative.as_posix()}">{html.escape(titles[p.relative])}</a></li>'
                          for p in items]
                parts.append("</ul>")
        parts.append(f'<p>{html.escape(t("site.read_only", lang=lang))}</p></section>')
        sections.append("".join(parts))
    title = html.escape(t("site.title", lang=first))
    return (f'<!DOCTYPE html>\n<html lang="{first}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>{title}</title>'
            f'<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.5}}'
            f'</style></head><body><main><h1>{title}</h1>{"".join(sections)}</main></body></html>\n')


def build_site(root: Path, out: Path) -> SiteReport:
    """Write the site of every notebook under ``root`` into ``out`` (replacing its pages)."""
    started = time.monotonic()
    pages = discover(root)
    if not pages:
        raise FileNotFoundError(t("site.no_course", folder=root))
    report = SiteReport(out=out, pages=pages)
    exporter = HTMLExporter(template_name="asm_site", extra_template_basedirs=[str(TEMPLATE_DIR)])
    titles: dict[Path, str] = {}
    known = {p.relative for p in pages}
    for page in pages:
        notebook = nbformat.read(page.source, as_version=4)
        label = page.source.relative_to(root).as_posix()
        notebook = prepare(notebook, page.lang, label, report.missing_alt)
        titles[page.relative] = notebook.metadata.get("title") or page.source.stem
        exporter.language_code = page.lang
        body, _ = exporter.from_notebook_node(notebook, resources={
            "site_nav": nav_html(page, pages), "site_css": SITE_CSS,
            "metadata": {"name": titles[page.relative]}})
        target = out / page.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(link_pages(body, page, known, report.missing_pages), encoding="utf-8")
    (out / "index.html").write_text(index_html(pages, titles), encoding="utf-8")
    report.seconds = time.monotonic() - started
    return report
