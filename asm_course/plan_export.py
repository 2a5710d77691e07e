"""Export of a return-to-work plan: Word (python-docx), Markdown and a self-contained HTML page.

All three are rendered from one list of blocks (:func:`plan_blocks`), in the course language:
a one-page summary table first, then the eight sections, each with its figures and sources,
the notes the team wrote in the modules, and what is still missing. Uncertain figures carry
the mark "[U]" and the sentence saying what it means.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from asm_course.i18n import t
from asm_course.plan import SECTIONS, BaselineFigure, ReturnToWorkPlan
from asm_course.plan_check import Gap, check_plan, gaps_by_section

UNCERTAIN_MARK = "[U]"


@dataclass(frozen=True)
class Block:
    """One element of the document: a heading, a paragraph, a bullet list or a table."""

    kind: str                      # "title", "heading", "subheading", "para", "small", "bullets", "table", "break"
    text: str = ""
    rows: tuple = ()               # bullets: items; table: rows (the first is the header)


# --- content ---------------------------------------------------------------------------

def country_name(iso3: str, lang: str) -> str:
    """The country's name in ``lang`` from data/countries.csv (the code itself when unknown)."""
    from asm_course.data import load

    countries = load("countries").set_index("iso3")
    column = f"name_{lang}" if f"name_{lang}" in countries.columns else "name_en"
    return str(countries.loc[iso3, column]) if iso3 in countries.index else iso3 or "?"


def number(value: float | int | None) -> str:
    """A figure as people write it: 1,200 / 9.5 / 0.35; an empty value gives ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def figure_value(f: BaselineFigure, lang: str) -> str:
    """"120 t/yr", "20–50 sites" or "at least 50,000 records", marked [U] when uncertain."""
    if f.value is not None:
        text = f"{number(f.value)} {f.unit}".strip()
    elif f.value_high is not None:
        text = f"{number(f.value_low)}–{number(f.value_high)} {f.unit}".strip()
    else:
        text = t("plan.export.at_least", lang=lang, value=f"{number(f.value_low)} {f.unit}".strip())
    return f"{text} {UNCERTAIN_MARK}" if f.uncertain else text


def status_label(status: str, lang: str) -> str:
    from asm_course.data import label

    return label("status", status, lang)


def plan_blocks(plan: ReturnToWorkPlan, lang: str, gaps: list[Gap] | None = None) -> list[Block]:
    """The whole document as blocks: title, summary table, page break, the eight sections."""
    gaps = check_plan(plan) if gaps is None else gaps
    by_section = gaps_by_section(gaps)
    country = country_name(plan.iso3, lang)
    blocks = [Block("title", t("plan.export.title", lang=lang, country=country)),
              Block("small", t("plan.export.byline", lang=lang, team=plan.team.strip() or "—",
                               start=plan.start or "—", gaps=len(gaps))),
              Block("heading", t("plan.export.summary", lang=lang)),
              Block("table", rows=_summary_rows(plan, by_section, lang)),
              Block("small", t("plan.export.uncertain_note", lang=lang, mark=UNCERTAIN_MARK)),
              Block("break")]
    for n, section in enumerate(SECTIONS, 1):
        blocks.append(Block("heading", f"{n}. {t(f'plan.section.{section}', lang=lang)}"))
        blocks += _SECTION_BODY[section](plan, lang)
        notes = plan.notes_for(section)
        if notes:
            blocks.append(Block("subheading", t("plan.export.module_notes", lang=lang)))
            blocks.append(Block("bullets", rows=tuple(f"{_prompt_title(n.prompt_id, lang)} — {n.text}"
                                                      for n in notes)))
        missing = by_section[section]
        blocks.append(Block("subheading", t("plan.export.still_to_do", lang=lang)))
        blocks.append(Block("bullets", rows=tuple(g.text(lang) for g in missing)) if missing
                      else Block("para", t("plan.export.nothing_missing", lang=lang)))
    return blocks


def _prompt_title(prompt_id: str, lang: str) -> str:
    module = prompt_id.split(".")[0]
    try:
        title = t(f"{prompt_id}.title", lang=lang)
    except KeyError:
        return module
    first = re.split(r"(?<=[?:.])\s", title, maxsplit=1)[0]
    return f"{module}: {first}"


def _summary_rows(plan: ReturnToWorkPlan, by_section: dict[str, list[Gap]], lang: str) -> tuple:
    says = {
        "team": " · ".join(x for x in (plan.lead_agency.strip(), plan.mandate.strip()) if x),
        "baseline": "; ".join(f"{f.indicator}: {figure_value(f, lang)} ({f.year or '—'})" for f in plan.baseline),
        "objectives": "; ".join(o.text.strip() for o in plan.objectives if o.text.strip()),
        "actions": "; ".join(f"{a.text.strip()} ({a.accountable.strip() or '—'}, {a.end or '—'})"
                             for a in plan.actions if a.text.strip()),
        "indicators": "; ".join(f"{i.name.strip()}: {number(i.baseline) or '—'} → {number(i.target) or '—'} "
                                f"({i.target_year or '—'})" for i in plan.indicators if i.name.strip()),
        "risks": "; ".join(f"{r.text.strip()} → {r.safeguard.strip() or '—'}" for r in plan.risks if r.text.strip()),
        "stakeholders": " · ".join(x for x in (plan.stakeholder_plan.strip(), plan.gender_plan.strip()) if x),
        "milestones": " · ".join(f"{d}: {getattr(plan, f'milestone_{d}').strip()}"
                                 for d in (30, 90, 180) if getattr(plan, f"milestone_{d}").strip()),
    }
    header = (t("plan.export.col_section", lang=lang), t("plan.export.col_says", lang=lang),
              t("plan.export.col_gaps", lang=lang))
    rows = [header]
    for n, section in enumerate(SECTIONS, 1):
        gaps = by_section[section]
        status = (t("plan.export.complete", lang=lang) if not gaps
                  else t("plan.export.n_gaps", lang=lang, n=len(gaps), first=gaps[0].text(lang)))
        rows.append((f"{n}. {t(f'plan.section.{section}', lang=lang)}", _shorten(says[section]) or "—", status))
    return tuple(rows)


def _shorten(text: str, limit: int = 260) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _team(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    rows = ((t("plan.field.country", lang=lang), country_name(plan.iso3, lang)),
            (t("plan.field.team", lang=lang), plan.team.strip() or "—"),
            (t("plan.field.lead_agency", lang=lang), plan.lead_agency.strip() or "—"),
            (t("plan.field.mandate", lang=lang), plan.mandate.strip() or "—"),
            (t("plan.field.start", lang=lang), plan.start or "—"))
    return [Block("table", rows=((t("plan.export.col_item", lang=lang), t("plan.export.col_value", lang=lang)),)
                  + rows)]


def _baseline(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    if not plan.baseline:
        return []
    header = tuple(t(f"plan.export.col_{c}", lang=lang) for c in ("figure", "value", "year", "status", "source"))
    rows = tuple((f.indicator, figure_value(f, lang), str(f.year or "—"), status_label(f.status, lang),
                  f.source or "—") for f in plan.baseline)
    return [Block("table", rows=(header,) + rows)]


def _objectives(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    if not plan.objectives:
        return []
    header = tuple(t(f"plan.export.col_{c}", lang=lang) for c in ("n", "objective", "phase", "annex_c"))
    rows = tuple((str(n), o.text.strip() or "—",
                  " · ".join(t(f"plan.phase.{x}", lang=lang) for x in (o.phase, o.theme) if x) or "—",
                  o.annex_c or "—") for n, o in enumerate(plan.objectives, 1))
    return [Block("table", rows=(header,) + rows)]


def _actions(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    if not plan.actions:
        return []
    header = tuple(t(f"plan.export.col_{c}", lang=lang) for c in ("action", "raci", "dates", "budget", "approval"))
    rows = []
    for a in plan.actions:
        raci = "; ".join(f"{letter}: {who.strip()}" for letter, who in
                         (("R", a.responsible), ("A", a.accountable), ("C", a.consulted), ("I", a.informed))
                         if who.strip())
        rows.append((a.text.strip() or "—", raci or "—", f"{a.start or '—'} → {a.end or '—'}", a.budget.strip() or "—",
                     t(f"plan.approval.{a.approval}", lang=lang) if a.approval else "—"))
    return [Block("table", rows=(header,) + tuple(rows)), Block("small", t("plan.export.raci_note", lang=lang))]


def _indicators(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    if not plan.indicators:
        return []
    header = tuple(t(f"plan.export.col_{c}", lang=lang)
                   for c in ("indicator", "baseline", "target", "owner", "source", "frequency"))
    rows = []
    for i in plan.indicators:
        figure = plan.figure(i.baseline_figure) if i.baseline_figure else None
        base = f"{number(i.baseline)} {i.unit}".strip() if i.baseline is not None else "—"
        if i.baseline_year:
            base += f" ({i.baseline_year})"
        if figure is not None and figure.uncertain:
            base += f" {UNCERTAIN_MARK}" + (f" — {i.baseline_caveat.strip()}" if i.baseline_caveat.strip() else "")
        target = f"{number(i.target)} {i.unit}".strip() if i.target is not None else "—"
        if i.target_year:
            target += f" ({i.target_year})"
        source = i.source.strip() or (f"{figure.figure_id}: {figure.source}" if figure else "—")
        rows.append((i.name.strip() or "—", base, target, i.owner.strip() or "—", source, i.frequency.strip() or "—"))
    return [Block("table", rows=(header,) + tuple(rows))]


def _risks(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    if not plan.risks:
        return []
    header = tuple(t(f"plan.export.col_{c}", lang=lang) for c in ("risk", "group", "safeguard"))
    rows = tuple((r.text.strip() or "—", t(f"plan.group.{r.group}", lang=lang) if r.group else "—",
                  r.safeguard.strip() or "—") for r in plan.risks)
    return [Block("table", rows=(header,) + rows)]


def _stakeholders(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    return [Block("subheading", t("plan.field.stakeholder_plan", lang=lang)),
            Block("para", plan.stakeholder_plan.strip() or "—"),
            Block("subheading", t("plan.field.gender_plan", lang=lang)),
            Block("para", plan.gender_plan.strip() or "—")]


def _milestones(plan: ReturnToWorkPlan, lang: str) -> list[Block]:
    header = (t("plan.export.col_horizon", lang=lang), t("plan.export.col_milestone", lang=lang))
    rows = tuple((t("plan.export.days", lang=lang, days=d) if d < 365 else t("plan.export.twelve_months", lang=lang),
                  getattr(plan, f"milestone_{d}").strip() or "—") for d in (30, 90, 180, 365))
    return [Block("table", rows=(header,) + rows)]


_SECTION_BODY = {"team": _team, "baseline": _baseline, "objectives": _objectives, "actions": _actions,
                 "indicators": _indicators, "risks": _risks, "stakeholders": _stakeholders, "milestones": _milestones}


# --- renderers -------------------------------------------------------------------------

_MD_TEXT = {"title": "# {}", "heading": "## {}", "subheading": "### {}", "para": "{}", "small": "*{}*", "break": "---"}
_HTML_TEXT = {"title": "<h1>{}</h1>", "heading": "<h2>{}</h2>", "subheading": "<h3>{}</h3>",
              "para": "<p class='para'>{}</p>", "small": "<p class='small'>{}</p>", "break": "<hr>"}


def _render(blocks: list[Block], text: dict[str, str], escape, bullets, table) -> list[str]:
    """Blocks rendered by kind: text kinds through ``text`` templates, lists and tables by functions."""
    out = []
    for b in blocks:
        if b.kind == "bullets":
            out.append(bullets(b.rows))
        elif b.kind == "table":
            out.append(table(b.rows[0], b.rows[1:]))
        else:
            out.append(text[b.kind].format(escape(b.text)))
    return out


def _md_table(header: tuple, rows: tuple) -> str:
    lines = ["| " + " | ".join(_md_cell(c) for c in header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows])


def to_markdown(plan: ReturnToWorkPlan, lang: str) -> str:
    """The plan as Markdown (GitHub tables)."""
    parts = _render(plan_blocks(plan, lang), _MD_TEXT, str,
                    lambda items: "\n".join(f"- {_md_cell(i)}" for i in items), _md_table)
    return "\n\n".join(parts) + "\n"


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


PAGE_CSS = """body{font-family:Calibri,Carlito,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1a1a1a;line-height:1.4}h1{font-size:1.6rem;border-bottom:3px solid #0b5394;padding-bottom:.3rem}
h2{font-size:1.2rem;color:#0b5394;margin-top:1.6rem}h3{font-size:1rem;margin-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0}th,td{border:1px solid #999;
padding:.3rem .4rem;text-align:left;vertical-align:top}th{background:#dbe5f1}.small{font-size:.85rem;color:#444}
hr{border:0;border-top:1px dashed #999;margin:1.5rem 0}@media print{hr{page-break-after:always;border:0}}"""


def _html_table(header: tuple, rows: tuple) -> str:
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_body(plan: ReturnToWorkPlan, lang: str, gaps: list[Gap] | None = None) -> str:
    """The plan as an HTML fragment (for a gallery page or a notebook output)."""
    return "\n".join(_render(plan_blocks(plan, lang, gaps), _HTML_TEXT, html.escape,
                             lambda items: "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>",
                             _html_table))


def to_html(plan: ReturnToWorkPlan, lang: str) -> str:
    """The plan as one self-contained HTML page (no scripts, no external files)."""
    title = html.escape(t("plan.export.title", lang=lang, country=country_name(plan.iso3, lang)))
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{PAGE_CSS}</style></head><body>\n{html_body(plan, lang)}\n</body></html>\n")


def to_docx(plan: ReturnToWorkPlan, lang: str, path: Path) -> Path:
    """Write the plan as a Word document (A4, portrait) to ``path``; returns the path."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10)
    _set_language(normal, lang)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].font.color.rgb = RGBColor(0x0B, 0x53, 0x94)
    for b in plan_blocks(plan, lang):
        if b.kind == "title":
            doc.add_heading(b.text, level=0)
            doc.core_properties.title = b.text
        elif b.kind == "heading":
            doc.add_heading(b.text, level=1)
        elif b.kind == "subheading":
            doc.add_heading(b.text, level=3)
        elif b.kind == "para":
            doc.add_paragraph(b.text)
        elif b.kind == "small":
            doc.add_paragraph().add_run(b.text).font.size = Pt(8.5)
        elif b.kind == "bullets":
            for item in b.rows:
                doc.add_paragraph(item, style="List Bullet")
        elif b.kind == "table":
            _docx_table(doc, b.rows, Pt)
        elif b.kind == "break":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.core_properties.language = lang
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _docx_table(doc, rows: tuple, Pt) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    header = rows[0]
    table = doc.add_table(rows=len(rows), cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    widths = column_widths(rows, total_cm=17.0)
    for c, column in enumerate(table.columns):   # the grid is what LibreOffice lays out by
        column.width = Cm(widths[c])
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Cm(widths[c])
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(text))
            run.font.size = Pt(9)
            if r == 0:
                run.bold = True
                shade = OxmlElement("w:shd")
                shade.set(qn("w:val"), "clear")
                shade.set(qn("w:fill"), "DBE5F1")
                cell._tc.get_or_add_tcPr().append(shade)
    # the header row repeats on every page a long table runs over
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    doc.add_paragraph()


def column_widths(rows: tuple, total_cm: float) -> list[float]:
    """Column widths (cm) that follow the length of their texts: short codes narrow, prose wide."""
    weights = [max(min(max(len(str(row[c])) for row in rows), 50), 14) for c in range(len(rows[0]))]
    return [total_cm * w / sum(weights) for w in weights]


def _set_language(style, lang: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_pr = style.element.get_or_add_rPr()
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), {"es": "es-419", "en": "en-GB"}.get(lang, lang))
    r_pr.append(tag)


def export_plan(plan: ReturnToWorkPlan, lang: str, folder: Path, stem: str | None = None) -> dict[str, Path]:
    """Write the Word, Markdown and HTML versions into ``folder``; returns their paths by format."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = stem or f"return_to_work_plan_{plan.iso3 or 'team'}_{lang}"
    md, page = folder / f"{stem}.md", folder / f"{stem}.html"
    md.write_text(to_markdown(plan, lang), encoding="utf-8")
    page.write_text(to_html(plan, lang), encoding="utf-8")
    return {"docx": to_docx(plan, lang, folder / f"{stem}.docx"), "md": md, "html": page}
