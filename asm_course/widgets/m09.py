"""Apps of module m09: the progress tracker and the return-to-work plan form.

The tracker (an :class:`~asm_course.widgets.base.App`) wraps :mod:`asm_course.monitoring`
(indicator, year -> path value, gap, RAG); the form (not an explorer app: no summary, no
chart, no result) edits a :class:`asm_course.plan.ReturnToWorkPlan`, saves it at every change with
:mod:`asm_course.answers` (like every answer widget) and shows what
:func:`asm_course.plan_check.check_plan` still finds missing. Both can be driven in tests
by setting ``.value`` on a control.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.axes import Axes

from asm_course import answers, monitoring, plots
from asm_course.i18n import get_language, t
from asm_course.plan import (
    ANNEX_C,
    APPROVALS,
    FORM_ID,
    PHASES,
    RISK_GROUPS,
    THEMES,
    ReturnToWorkPlan,
    baseline_candidates,
    build_plan,
    exercise_folders,
    form_folder,
)
from asm_course.plan_check import check_plan
from asm_course.widgets.base import App, Checklist, choice, int_slider, set_options
from asm_course.widgets.controls import country_options

_STYLE = {"description_width": "initial"}
RAG_MARK = {"green": "●", "amber": "▲", "red": "■"}   # shape as well as colour: no meaning by colour alone
RAG_COLOUR = {"green": "#009E73", "amber": "#E69F00", "red": "#D55E00"}


class ProgressTracker(App):
    """Pick an indicator and a year; see the value the linear path expects, the gap of the
    latest value to it and the red/amber/green status, with the thresholds stated."""

    def __init__(self, indicators: pd.DataFrame, indicator_id: str | None = None, year: int | None = None) -> None:
        super().__init__()
        self.table = indicators.set_index("indicator_id")
        trackable = monitoring.progress_table(indicators).index
        options = [(f"{i} · {self.table.loc[i, 'iso3']} · {self.table.loc[i, 'indicator']}", i) for i in trackable]
        self.indicator = choice(t("m09.app.indicator"), options, indicator_id or options[0][1])
        self.year = int_slider(t("common.year"), 0, 0, 9999)   # the indicator's years are set by _new_indicator
        self.result: dict[str, Any] = {}
        self._quiet = True   # the first update() runs in _new_indicator, once the slider holds its years
        self.watch(self.indicator, then=lambda: self._new_indicator(year=None))
        self.watch(self.year)
        self.arrange(self.indicator, self.year)
        self._new_indicator(year)

    @property
    def row(self) -> pd.Series:
        return self.table.loc[self.indicator.value]

    def _new_indicator(self, year: int | None) -> None:
        row = self.row
        self._quiet = True
        self.year.max = 9999   # widen first, so that min never passes max on the way
        self.year.min, self.year.max = int(row["baseline_year"]), int(row["target_year"])
        self.year.value = year if year is not None else int(row["latest_year"])
        self._quiet = False
        self.update()

    def update(self) -> None:
        """Status of the latest value against the path at the chosen year."""
        if self._quiet:
            return
        row = self.row
        self.result = monitoring.progress(row, self.year.value)
        status = str(self.result["status"])
        self.summary.value = t(
            "m09.app.summary", indicator=html.escape(str(row["indicator"])), unit=html.escape(str(row["unit"])),
            latest=row["latest"], latest_year=int(row["latest_year"]), year=self.year.value,
            path=self.result["path_value"], gap=self.result["gap"], achieved=self.result["achieved"],
            expected=self.result["expected"], colour=RAG_COLOUR[status], mark=RAG_MARK[status],
            status=t(f"m09.app.rag_{status}"), green=monitoring.GREEN_AT, amber=monitoring.AMBER_AT)
        self.draw(lambda: self._chart(row), lambda _ax: self._chart_text(row))

    def _chart(self, row: pd.Series) -> Axes:
        _, ax = plt.subplots(figsize=(7, 3.6))
        years = [int(row["baseline_year"]), int(row["target_year"])]
        ax.plot(years, [row["baseline"], row["target"]], color=plots.OKABE_ITO[0], linestyle="--",
                label=t("m09.app.path_label"))
        ax.plot([int(row["latest_year"])], [row["latest"]], marker="D", color=plots.OKABE_ITO[5], linestyle="none",
                label=t("m09.app.latest_label"))
        ax.plot([self.year.value], [self.result["path_value"]], marker="o", color=plots.OKABE_ITO[0],
                linestyle="none", label=t("m09.app.expected_label", year=self.year.value))
        ax.set_title(t("m09.app.chart_title", iso3=row["iso3"], indicator=row["indicator"]))
        ax.set_xlabel(t("common.year"))
        ax.set_ylabel(t("m09.app.value_axis", unit=row["unit"]))
        ax.legend(loc="best", fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        return ax

    def _chart_text(self, row: pd.Series) -> str:
        return t("m09.app.chart_text", path=self.result["path_value"], year=self.year.value,
                 latest=row["latest"], latest_year=int(row["latest_year"]), unit=row["unit"])


def progress_tracker(indicators: pd.DataFrame, indicator_id: str | None = None) -> ProgressTracker:
    """Show the progress tracker and return it."""
    app = ProgressTracker(indicators, indicator_id)
    app.show()
    return app


# --- the plan form ---------------------------------------------------------------------

OBJECTIVE_ROWS, ACTION_ROWS, INDICATOR_ROWS, RISK_ROWS = 3, 5, 4, 3


def _text(key: str, width: str = "100%", **fields: Any) -> w.Text:
    label = t(f"m09.app.form.{key}", **fields)
    return w.Text(description=label, tooltip=label, style=_STYLE, continuous_update=False,
                  layout=w.Layout(width=width))


def _area(key: str) -> w.Textarea:
    label = t(f"m09.app.form.{key}")
    return w.Textarea(description=label, tooltip=label, style=_STYLE, continuous_update=False,
                      layout=w.Layout(width="100%", height="4em"))


def _pick(key: str, codes: tuple, label_prefix: str, **fields: Any) -> w.ToggleButtons:
    """A row of buttons ("—" for none yet, then one per code): chosen by Tab and Space."""
    options = [("—", "")] + [(t(f"{label_prefix}.{c}") if label_prefix else c, c) for c in codes]
    return choice(t(f"m09.app.form.{key}", **fields), options, "", description_width="initial")


def _number_text(value: Any) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


class PlanForm:
    """The team's return-to-work plan, section by section; saved at every change."""

    def __init__(self, names: dict[str, str], folder: Path | None = None) -> None:
        self.folder = folder or form_folder(answers.answers_path("m09").parent)
        stored = answers.read_answer(FORM_ID, folder)
        self.plan = ReturnToWorkPlan.from_dict(stored if isinstance(stored, dict) else {})
        self._quiet = True
        self.country = choice(t("common.country"), [("—", "")] + country_options(sorted(names), names), "",
                                description_width="initial")
        self.team, self.lead, self.mandate = _text("team"), _text("lead_agency"), _text("mandate")
        self.start = _text("start", width="320px")
        self.start.placeholder = "2027-02-01"
        self.figures = Checklist(t("m09.app.form.figures"))
        self.objectives = [(_text("objective", n=n), _pick("phase", PHASES, "plan.phase"),
                            _pick("theme", THEMES, "plan.phase"),
                            _pick("annex_c", ANNEX_C, "")) for n in range(1, OBJECTIVE_ROWS + 1)]
        self.actions = [dict(text=_text("action", n=n), objective=_pick("serves", ("1", "2", "3"), ""),
                             responsible=_text("responsible", "240px"), accountable=_text("accountable", "240px"),
                             consulted=_text("consulted", "240px"), informed=_text("informed", "240px"),
                             start=_text("action_start", "220px"), end=_text("action_end", "220px"),
                             budget=_text("budget", "100%"), approval=_pick("approval", APPROVALS, "plan.approval"))
                        for n in range(1, ACTION_ROWS + 1)]
        self.indicators = [dict(name=_text("indicator", n=n), objective=_pick("serves", ("1", "2", "3"), ""),
                                unit=_text("unit", "200px"),
                                baseline_figure=choice(t("m09.app.form.baseline_figure"), [("—", "")], "",
                                                         description_width="initial"),
                                baseline=_text("baseline", "200px"), baseline_year=_text("baseline_year", "200px"),
                                baseline_caveat=_text("caveat"), target=_text("target", "200px"),
                                target_year=_text("target_year", "200px"), owner=_text("owner", "260px"),
                                source=_text("source", "100%"), frequency=_text("frequency", "240px"))
                           for n in range(1, INDICATOR_ROWS + 1)]
        self.risks = [(_text("risk", n=n), _pick("group", RISK_GROUPS, "plan.group"), _text("safeguard"))
                      for n in range(1, RISK_ROWS + 1)]
        self.stakeholder_plan, self.gender_plan = _area("stakeholder_plan"), _area("gender_plan")
        self.milestones = {d: _text("milestone", days=d) for d in (30, 90, 180, 365)}
        self.gaps = w.HTML()
        self.saved = w.HTML()
        self.export_button = w.Button(description=t("m09.app.form.export"), button_style="primary",
                                      layout=w.Layout(width="max-content"))
        self.export_status = w.HTML()
        self._restore()
        self._quiet = False
        for control in self._controls():
            control.observe(self._changed, names="value")
        self.export_button.on_click(lambda _button: self.export())
        self._refresh_gaps()
        self.widget = self._layout()

    def _controls(self) -> list[w.ValueWidget]:
        out = [self.country, self.team, self.lead, self.mandate, self.start, self.figures,
               self.stakeholder_plan, self.gender_plan, *self.milestones.values()]
        out += [c for row in self.objectives for c in row] + [c for row in self.risks for c in row]
        out += [c for row in self.actions for c in row.values()] + [c for row in self.indicators for c in row.values()]
        return out

    def _restore(self) -> None:
        p = self.plan
        self.country.value = p.iso3 if p.iso3 in [v for _, v in self.country.options] else ""
        self._country_figures()
        self.team.value, self.lead.value, self.mandate.value, self.start.value = p.team, p.lead_agency, p.mandate, p.start
        known = [v for _, v in self.figures.options]
        self.figures.value = tuple(f.figure_id for f in p.baseline if f.figure_id in known)
        self._figure_choices()
        for objective_row, o in zip(self.objectives, p.objectives, strict=False):  # the form has room to spare
            for control, value in zip(objective_row, (o.text, o.phase, o.theme, o.annex_c), strict=True):
                control.value = value
        for action_row, a in zip(self.actions, p.actions, strict=False):
            for key, control in action_row.items():
                value = getattr(a, key)
                control.value = str(value) if key == "objective" and value else (value or "")
        for indicator_row, i in zip(self.indicators, p.indicators, strict=False):
            for key, control in indicator_row.items():
                value = getattr(i, key)
                if key == "baseline_figure" and value not in [v for _, v in control.options]:
                    value = ""
                control.value = _number_text(value) if not isinstance(value, str) else value
        for risk_row, r in zip(self.risks, p.risks, strict=False):
            for control, value in zip(risk_row, (r.text, r.group, r.safeguard), strict=True):
                control.value = value
        self.stakeholder_plan.value, self.gender_plan.value = p.stakeholder_plan, p.gender_plan
        for days, control in self.milestones.items():
            control.value = getattr(p, f"milestone_{days}")

    def _country_figures(self) -> None:
        self.candidates = {f.figure_id: f for f in baseline_candidates(self.country.value)} if self.country.value else {}
        self.figures.options = [(f"{f.indicator}: {_number_text(f.value if f.value is not None else f.value_low)}"
                                 f" {f.unit} ({f.year or '—'}) [{f.status}]", f.figure_id)
                                for f in self.candidates.values()]

    def _figure_choices(self) -> None:
        options = [("—", "")] + [(label, v) for label, v in self.figures.options if v in self.figures.value]
        for row in self.indicators:
            keep = row["baseline_figure"].value
            set_options(row["baseline_figure"], options)
            row["baseline_figure"].value = keep if keep in [v for _, v in options] else ""

    def _changed(self, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        self._quiet = True
        if change["owner"] is self.country:
            self._country_figures()
        if change["owner"] in (self.country, self.figures):
            self._figure_choices()
        for row in self.indicators:        # picking a figure fills in its value and year, once
            if change["owner"] is row["baseline_figure"] and change["new"] in self.candidates:
                figure = self.candidates[change["new"]]
                row["baseline"].value = _number_text(figure.value if figure.value is not None else figure.value_low)
                row["baseline_year"].value = _number_text(figure.year)
                row["unit"].value = row["unit"].value or figure.unit
        self._quiet = False
        self.save()

    def current(self) -> ReturnToWorkPlan:
        """The plan as the form shows it now (rows left blank are not part of it)."""
        def filled(values: dict[str, Any]) -> bool:
            return any(str(v).strip() for v in values.values())

        data: dict[str, Any] = {
            "iso3": self.country.value, "team": self.team.value, "lead_agency": self.lead.value,
            "mandate": self.mandate.value, "start": self.start.value.strip(),
            "baseline": [vars(self.candidates[i]) for i in self.figures.value if i in self.candidates],
            "objectives": [dict(text=a.value, phase=b.value, theme=c.value, annex_c=d.value)
                           for a, b, c, d in self.objectives if a.value.strip()],
            "actions": [values for values in ({k: c.value for k, c in row.items()} for row in self.actions)
                        if filled({k: v for k, v in values.items() if k not in ("objective", "approval")})],
            "indicators": [values for values in ({k: c.value for k, c in row.items()} for row in self.indicators)
                           if filled({k: v for k, v in values.items() if k != "objective"})],
            "risks": [dict(text=a.value, group=b.value, safeguard=c.value) for a, b, c in self.risks
                      if a.value.strip() or c.value.strip()],
            "stakeholder_plan": self.stakeholder_plan.value, "gender_plan": self.gender_plan.value,
            **{f"milestone_{d}": c.value for d, c in self.milestones.items()},
        }
        return ReturnToWorkPlan.from_dict(data)

    def save(self) -> None:
        """Store the plan beside the notebook and show what is still missing."""
        self.plan = self.current()
        ok = answers.save_answer(FORM_ID, self.plan.to_dict(), self.folder)
        self.saved.value = t("m09.app.form.saved") if ok else ""
        self._refresh_gaps()

    def _refresh_gaps(self) -> None:
        gaps = check_plan(self.current())
        items = "".join(f"<li><b>{html.escape(t(f'plan.section.{g.section}'))}:</b> {html.escape(g.text())}</li>"
                        for g in gaps)
        self.gaps.value = (t("m09.app.form.gaps", n=len(gaps)) + f"<ul>{items}</ul>" if gaps
                           else t("m09.app.form.no_gaps"))

    def export(self) -> dict[str, Path]:
        """Write the Word, Markdown and HTML versions beside the notebook (with the module notes)."""
        from asm_course.plan_export import export_plan

        plan = build_plan(exercise_folders(self.folder), form=self.current().to_dict())
        paths = export_plan(plan, get_language(), self.folder)
        self.export_status.value = t("m09.app.form.exported", folder=html.escape(str(self.folder)),
                                     files=", ".join(p.name for p in paths.values()))
        return paths

    def _layout(self) -> w.Widget:
        """One panel per section (an accordion, opened by click or Enter), then the gaps and Export."""
        def flow(*children: w.Widget) -> w.Widget:
            return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap"))

        panels = {
            "team": [self.country, self.team, self.lead, self.mandate, self.start],
            "baseline": [w.HTML(t("m09.app.form.figures_help")), self.figures],
            "objectives": [w.VBox([a, flow(b, c, d)]) for a, b, c, d in self.objectives],
            "actions": [w.VBox([r["text"], flow(r["objective"], r["approval"], r["start"], r["end"]),
                                flow(r["responsible"], r["accountable"], r["consulted"], r["informed"]), r["budget"]])
                        for r in self.actions],
            "indicators": [w.VBox([r["name"], flow(r["objective"], r["unit"], r["frequency"], r["owner"]),
                                   r["baseline_figure"], flow(r["baseline"], r["baseline_year"], r["target"],
                                                              r["target_year"]), r["baseline_caveat"], r["source"]])
                           for r in self.indicators],
            "risks": [w.VBox([a, flow(b), c]) for a, b, c in self.risks],
            "stakeholders": [self.stakeholder_plan, self.gender_plan],
            "milestones": list(self.milestones.values()),
        }
        self.sections = w.Accordion(children=[w.VBox(children) for children in panels.values()],
                                    titles=tuple(f"{n}. {t(f'plan.section.{key}')}" for n, key in enumerate(panels, 1)),
                                    selected_index=0)
        return w.VBox([self.sections, self.saved, self.gaps, self.export_button, self.export_status])


def plan_form(names: dict[str, str]) -> PlanForm:
    """Show the plan form (``names``: ISO3 -> country name) and return it."""
    form = PlanForm(names)
    display(form.widget)
    return form
