"""``asm-course plans``: every team's return-to-work plan, from the submissions, as documents
and one offline HTML gallery for the closing session.

Each participant folder under ``submitted/`` holds the answers files of the modules it
submitted; :func:`asm_course.plan.build_plan` turns them into a plan (the m09 form plus the
prompt answers of every module). The gallery has an index (one row per team: country,
sections complete, points still open) and one page per team with its summary table, the
whole plan and what the validator found missing. No scripts, no external files.
"""

from __future__ import annotations

import argparse
import html
from dataclasses import dataclass
from pathlib import Path

from asm_course.i18n import t
from asm_course.plan import SECTIONS, ReturnToWorkPlan, build_plan
from asm_course.plan_check import Gap, check_plan, gaps_by_section
from asm_course.plan_export import PAGE_CSS, country_name, export_plan, html_body


@dataclass
class TeamPlan:
    """One submission's plan and what is missing in it."""

    participant: str
    plan: ReturnToWorkPlan
    gaps: list[Gap]

    @property
    def sections_complete(self) -> int:
        return sum(1 for gaps in gaps_by_section(self.gaps).values() if not gaps)


def team_plans(submitted: Path) -> list[TeamPlan]:
    """The plan of every participant folder in ``submitted`` that holds any plan answer."""
    out: list[TeamPlan] = []
    if not submitted.is_dir():
        return out
    for folder in sorted(p for p in submitted.iterdir() if p.is_dir()):
        plan = build_plan(sorted(d for d in folder.iterdir() if d.is_dir()))
        if plan.notes or plan != ReturnToWorkPlan(notes=plan.notes):
            out.append(TeamPlan(folder.name, plan, check_plan(plan)))
    return out


def _page(title: str, lang: str, body: str) -> str:
    extra = ("nav{margin-bottom:1rem;font-size:.9rem}.gaps li{margin-bottom:.2rem}"
             "td.num{text-align:right}")
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<link rel='icon' href='data:,'><style>{PAGE_CSS}{extra}</style></head><body>\n{body}\n</body></html>\n")


def _stem(team: TeamPlan) -> str:
    return f"{team.participant}_{team.plan.iso3 or 'team'}"


def write_gallery(teams: list[TeamPlan], out: Path, lang: str) -> Path:
    """Write every team's documents into ``out/documents`` and the gallery pages into ``out``;
    returns the index page."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for team in teams:
        stem = _stem(team)
        export_plan(team.plan, lang, out / "documents", stem=stem)
        country = country_name(team.plan.iso3, lang)
        nav = (f"<nav><a href='index.html'>{html.escape(t('plan.gallery.back', lang=lang))}</a> · "
               f"<a href='documents/{stem}.docx'>Word</a> · <a href='documents/{stem}.md'>Markdown</a></nav>")
        gaps = "".join(f"<li><b>{html.escape(t(f'plan.section.{g.section}', lang=lang))}:</b> "
                       f"{html.escape(g.text(lang))}</li>" for g in team.gaps)
        found = (f"<h2>{html.escape(t('plan.gallery.gaps', lang=lang, n=len(team.gaps)))}</h2>"
                 f"<ul class='gaps'>{gaps}</ul>" if team.gaps else "")
        body = nav + f"<p class='small'>{html.escape(t('plan.gallery.team', lang=lang, who=team.participant))}</p>"
        (out / f"{stem}.html").write_text(_page(country, lang, body + html_body(team.plan, lang, team.gaps) + found),
                                          encoding="utf-8")
        rows.append(f"<tr><td><a href='{stem}.html'>{html.escape(country)}</a></td>"
                    f"<td>{html.escape(team.participant)}</td>"
                    f"<td class='num'>{team.sections_complete} / {len(SECTIONS)}</td>"
                    f"<td class='num'>{len(team.gaps)}</td>"
                    f"<td>{html.escape(team.gaps[0].text(lang)) if team.gaps else '—'}</td></tr>")
    header = "".join(f"<th scope='col'>{html.escape(t(f'plan.gallery.col_{c}', lang=lang))}</th>"
                     for c in ("country", "team", "complete", "open", "first"))
    table = (f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>" if rows
             else f"<p>{html.escape(t('plan.gallery.none', lang=lang))}</p>")
    title = t("plan.gallery.title", lang=lang)
    index = out / "index.html"
    index.write_text(_page(title, lang, f"<h1>{html.escape(title)}</h1>"
                                        f"<p>{html.escape(t('plan.gallery.intro', lang=lang, n=len(teams)))}</p>"
                                        + table), encoding="utf-8")
    return index


def add_command(subparsers, common: argparse.ArgumentParser) -> None:
    """Register ``asm-course plans`` (uses the trainer commands' common options)."""
    p = subparsers.add_parser("plans", parents=[common], help=t("plan.gallery.help"),
                              description=t("plan.gallery.help"))
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help=t("plan.gallery.help_out"))
    p.set_defaults(run=run_plans)


def run_plans(args) -> int:
    from asm_course.grading.commands import _setup

    course, _source, _db, lang = _setup(args, need_source=False)
    teams = team_plans(course.submitted)
    index = write_gallery(teams, args.out or course.root / "plans", lang)
    print(t("plan.gallery.done", n=len(teams), path=str(index)), flush=True)
    return 0
