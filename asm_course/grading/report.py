"""``asm-course report``: one self-contained HTML page for the trainer (charts are
embedded PNGs with alt text; no JavaScript, external CSS or fonts)."""

from __future__ import annotations

import base64
import html
import io
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from asm_course.grading import status as st
from asm_course.grading.grades import PENDING, TOTAL, Row
from asm_course.i18n import t

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
CSS = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem;max-width:70rem;color:#1a1a1a}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left}
th{background:#eef}td.num{text-align:right}img{max-width:100%;height:auto}.muted{color:#555}"""


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _img(fig, alt: str) -> str:
    return f'<figure><img src="data:image/png;base64,{_png(fig)}" alt="{html.escape(alt)}"><figcaption>{html.escape(alt)}</figcaption></figure>'


def _table(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th scope=\"col\">{html.escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c:g}</td>' if isinstance(c, float) else
                         f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _histogram(module: str, percents: list[float]):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3))
    ax = fig.subplots()
    ax.hist(percents, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], color=PALETTE[0],
            edgecolor="white")
    ax.set_title(t("grading.report.hist_title", module=module))
    ax.set_xlabel(t("grading.report.hist_x"))
    ax.set_ylabel(t("grading.report.hist_y"))
    return fig


def _question_bars(module: str, means: list[tuple[str, float]]):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 0.45 * len(means) + 1.2))
    ax = fig.subplots()
    names = [q for q, _ in means]
    ax.barh(names, [m for _, m in means], color=PALETTE[2])
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_title(t("grading.report.q_title", module=module))
    ax.set_xlabel(t("grading.report.q_x"))
    for i, (_, m) in enumerate(means):  # values as text: no meaning by colour alone
        ax.text(min(m + 1, 90), i, f"{m:.0f}%", va="center")
    return fig


def build(rows: list[Row], saved: dict) -> str:
    """The report page as a string."""
    by_module: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_module[row.module].append(row)
    parts = [f"<h1>{html.escape(t('grading.report.title'))}</h1>",
             f"<p class=\"muted\">{html.escape(t('grading.report.generated', when=datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')))}</p>"]
    overview: list[list[object]] = []
    hardest: list[list[object]] = []
    missing: list[list[object]] = []
    charts: list[str] = []
    for module, mrows in sorted(by_module.items()):
        totals = [r for r in mrows if r.question == TOTAL]
        count = Counter(r.status for r in totals).__getitem__
        graded = [r for r in totals if r.status == st.GRADED and r.score is not None and r.max_score]
        percents = [100 * (r.score or 0) / r.max_score for r in graded]
        overview.append([module, len(totals), count(st.GRADED), count(st.FAILED), count(PENDING),
                         count(st.NOT_SUBMITTED),
                         float(round(statistics.mean(percents), 1)) if percents else "",
                         float(round(statistics.median(percents), 1)) if percents else ""])
        missing += [[module, r.participant] for r in totals if r.status == st.NOT_SUBMITTED]
        means = []
        for question in dict.fromkeys(r.question for r in mrows if r.question != TOTAL):
            scored = [r for r in mrows if r.question == question and r.status == st.GRADED
                      and r.score is not None and r.max_score and not r.needs_manual_grade]
            if scored:
                mean = 100 * statistics.mean((r.score or 0) / r.max_score for r in scored)
                means.append((question, mean))
                hardest.append([module, question, float(round(mean, 1)), len(scored)])
        if percents:
            charts.append(_img(_histogram(module, percents), t(
                "grading.report.hist_alt", module=module, n=len(percents),
                mean=f"{statistics.mean(percents):.0f}", low=f"{min(percents):.0f}",
                high=f"{max(percents):.0f}")))
        if means:
            hard = min(means, key=lambda m: m[1])
            charts.append(_img(_question_bars(module, means), t(
                "grading.report.q_alt", module=module, n=len(means), hardest=hard[0],
                mean=f"{hard[1]:.0f}")))
    parts.append(f"<h2>{html.escape(t('grading.report.overview'))}</h2>")
    parts.append(_table([t("grading.col.module"), t("grading.report.participants"),
                         t("grading.status.graded"), t("grading.report.failed"),
                         t("grading.report.pending"), t("grading.status.not_submitted"),
                         t("grading.report.mean"), t("grading.report.median")], overview))
    parts.append(f"<h2>{html.escape(t('grading.report.charts'))}</h2>")
    parts += charts or [f"<p>{html.escape(t('grading.report.no_scores'))}</p>"]
    parts.append(f"<h2>{html.escape(t('grading.report.hardest'))}</h2>")
    hardest.sort(key=lambda r: float(str(r[2])))
    parts.append(_table([t("grading.col.module"), t("grading.report.question"),
                         t("grading.report.mean"), t("grading.report.n")], hardest[:10]))
    parts.append(f"<h2>{html.escape(t('grading.report.missing'))}</h2>")
    parts.append(_table([t("grading.col.module"), t("grading.col.participant")], missing)
                 if missing else f"<p>{html.escape(t('grading.report.none'))}</p>")
    manual = [[r.module, r.participant, r.question, r.score if r.score is not None else "",
               r.comment] for r in rows if r.comment]
    parts.append(f"<h2>{html.escape(t('grading.report.manual'))}</h2>")
    parts.append(_table([t("grading.col.module"), t("grading.col.participant"),
                         t("grading.report.question"), t("grading.col.score"),
                         t("grading.report.comment")], manual)
                 if manual else f"<p>{html.escape(t('grading.report.none'))}</p>")
    problems = []
    for module, people in sorted(saved.get("assignments", {}).items()):
        for person, entry in sorted(people.items()):
            if entry["status"] == st.FAILED or entry.get("flags"):
                problems.append([module, person, t(f"grading.status.{entry['status']}"),
                                 entry.get("reason") or "", "; ".join(entry.get("flags", [])),
                                 "; ".join(entry.get("notes", []))])
    parts.append(f"<h2>{html.escape(t('grading.report.problems'))}</h2>")
    parts.append(_table([t("grading.col.module"), t("grading.col.participant"), t("grading.col.status"),
                         t("grading.report.reason"), t("grading.report.flags"), t("grading.report.notes")],
                        problems) if problems else f"<p>{html.escape(t('grading.report.none'))}</p>")
    title = html.escape(t("grading.report.title"))
    return (f"<!DOCTYPE html>\n<html lang=\"{html.escape(_lang())}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{title}</title><style>{CSS}</style></head><body><main>"
            + "\n".join(parts) + "</main></body></html>\n")


def _lang() -> str:
    from asm_course.i18n import get_language

    return get_language()


def write(rows: list[Row], saved: dict, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build(rows, saved), encoding="utf-8")
    return out
