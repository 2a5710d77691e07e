"""Widget apps of module m01 (legal definitions). Each wraps a function of
:mod:`asm_course.legal`; its state (``app.result``, ``app.summary.value``) can be driven in
tests by setting ``.value`` on a control."""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display

from asm_course import legal, plots
from asm_course.data import label
from asm_course.i18n import get_language, t
from asm_course.widgets.controls import country_options, fresh_chart, show_chart

SYMBOLS = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "==": "="}
STYLE = {"description_width": "initial"}


def criterion_text(criterion: str) -> str:
    """A criterion name in words, e.g. ``area_ha`` → "area (ha)"."""
    return t(f"m01.criterion.{criterion}")


def rule_text(row: pd.Series) -> str:
    """One criterion as a readable rule, e.g. "area (ha) ≤ 1,000"; a gap says so."""
    if pd.isna(row["criterion"]) or row["criterion"] == "":
        return t("m01.rule_none")
    name = criterion_text(row["criterion"])
    if pd.isna(row["value"]):
        return t("m01.rule_no_value", criterion=name)
    if row["criterion"].endswith("_allowed") or row["criterion"].endswith("_only"):
        return t(f"m01.rule_{row['criterion']}_{int(row['value'])}")
    return f"{name} {SYMBOLS.get(row['operator'], row['operator'])} {row['value']:,.0f}"


def category_name(row: pd.Series) -> str:
    """A category's name in the current language (from the data's own columns)."""
    return row["category_es"] if get_language() == "es" else row["category_en"]


def definition_rows(criteria: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """One country's criteria as the explorer shows them (category, rule, scope, status)."""
    rows = legal.country_criteria(criteria, iso3)
    return pd.DataFrame({
        "category": [category_name(r) for _, r in rows.iterrows()],
        "rule": [rule_text(r) for _, r in rows.iterrows()],
        "applies_to": [t(f"m01.scope.{s}") for s in rows["mineral_scope"]],
        "status": [label("status", s) for s in rows["status"]],
        "note": rows["note"].fillna("").tolist(),
    }, index=rows["criterion_id"].tolist())


def _html_table(frame: pd.DataFrame) -> str:
    heads = "".join(f"<th style='text-align:left;padding:2px 8px'>{t(f'm01.col.{c}')}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:2px 8px'>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>"


class DefinitionExplorer:
    """Pick a country; see its legal ASM categories and criteria, each with its status."""

    def __init__(self, criteria: pd.DataFrame, names: dict[str, str]) -> None:
        self.criteria = criteria
        codes = sorted(criteria["iso3"].unique())
        self.country = w.Dropdown(options=country_options(codes, names), value=codes[0],
                                  description=t("m01.widget_country"), style=STYLE)
        self.summary = w.HTML()
        self.table = w.HTML()
        self.result = pd.DataFrame()
        self.country.observe(lambda _change: self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.country, self.summary, self.table])

    def update(self) -> None:
        iso3 = self.country.value
        rows = legal.country_criteria(self.criteria, iso3)
        self.result = definition_rows(self.criteria, iso3)
        with_value = int(legal.has_threshold(rows).sum())
        if with_value == 0:
            self.summary.value = t("m01.explorer_gap", country=self.country.label)
        else:
            counts = legal.status_counts(rows).iloc[0]
            self.summary.value = t(
                "m01.explorer_summary", country=self.country.label, categories=int(counts["categories"]),
                thresholds=with_value, confirmed=int(counts["confirmed"] + counts["confirmed_secondary"]),
                uncertain=int(counts["uncertain"]), not_found=int(counts["not_found"]))
        self.table.value = _html_table(self.result)


def definition_explorer(criteria: pd.DataFrame, names: dict[str, str]) -> DefinitionExplorer:
    """Show the definition explorer and return it."""
    app = DefinitionExplorer(criteria, names)
    display(app.widget)
    return app


def cap_label(name: str, caps: legal.PeruCaps) -> str:
    """A Peru cap in words with its current value, e.g. "PMA capacity, metallic (t/day): 25"."""
    return t("m01.cap_label", cap=t(f"m01.cap.{name}"), value=getattr(caps, name))


class ThresholdApp:
    """Choose one of Peru's caps and move it; see how many operations change category."""

    def __init__(self, ops: pd.DataFrame, caps: legal.PeruCaps, cap: str = "pma_t_metallic") -> None:
        self.ops = ops
        self.caps = caps
        self.before = legal.classify_peru(ops, caps)
        names = legal.cap_names(caps)
        self.cap = w.Dropdown(options=[(cap_label(n, caps), n) for n in names], value=cap,
                              description=t("m01.widget_cap"), style=STYLE, layout=w.Layout(width="max-content"))
        self.value = w.FloatSlider(description=t("m01.widget_new_value"), style=STYLE, continuous_update=False,
                                   layout=w.Layout(width="32em"), readout_format=",.0f")
        self.summary = w.HTML()
        self.chart = w.Output()
        self.result = pd.DataFrame()
        self.changed = 0
        self._quiet = False
        self._reset_slider()
        self.cap.observe(lambda _change: (self._reset_slider(), self.update()), names="value")
        self.value.observe(lambda _change: None if self._quiet else self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.cap, self.value, self.summary, self.chart])

    def _reset_slider(self) -> None:
        current = float(getattr(self.caps, self.cap.value))
        self._quiet = True  # the slider's range changes first: no recomputation meanwhile
        self.value.max = max(current * 4, current + 10, self.value.min)
        self.value.min = 0.0
        self.value.step = 1.0 if current >= 20 else 0.5
        self.value.value = current
        self._quiet = False

    def new_caps(self) -> legal.PeruCaps:
        return legal.with_cap(self.caps, self.cap.value, float(self.value.value))

    def update(self) -> None:
        new = self.new_caps()
        after = legal.classify_peru(self.ops, new)
        self.result = legal.reclassification(self.ops, self.caps, new)
        self.changed = int((self.before != after).sum())
        moves = "; ".join(t("m01.move", n=int(n), source=t(f"m01.category.{a}"), target=t(f"m01.category.{b}"))
                          for a, b, n in self.result[["from", "to", "operations"]].itertuples(index=False))
        moves = moves or t("m01.no_move")
        self.summary.value = t("m01.threshold_summary", cap=t(f"m01.cap.{self.cap.value}"),
                               old=getattr(self.caps, self.cap.value), new=float(self.value.value),
                               changed=self.changed, total=len(self.ops), moves=moves)
        self.counts = pd.DataFrame({"before": legal.category_counts(self.before),
                                    "after": legal.category_counts(after)})
        self._draw()

    def _draw(self) -> None:
        if not fresh_chart(self.chart):
            return
        ax = before_after_chart(self.counts["before"], self.counts["after"], t("m01.chart_title"),
                                t("m01.chart_x"), t("m01.chart_y"))
        show_chart(self.chart, ax, before_after_text(self.counts))


def before_after_chart(before: pd.Series, after: pd.Series, title: str, xlabel: str, ylabel: str):
    """Two bars per category (current rule, changed rule), told apart by colour AND hatch."""
    fig, ax = plt.subplots(figsize=(6.5, 3.4))
    x = np.arange(len(before))
    for offset, values, key, colour, hatch in ((-0.2, before, "m01.legend_before", plots.OKABE_ITO[0], ""),
                                               (0.2, after, "m01.legend_after", plots.OKABE_ITO[1], "//")):
        bars = ax.bar(x + offset, values.to_numpy(dtype=float), width=0.4, color=colour, hatch=hatch,
                      edgecolor="black", label=t(key))
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in values], padding=2, fontsize=8)
    ax.set_xticks(x, [str(i) for i in before.index])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return ax


def before_after_text(counts: pd.DataFrame) -> str:
    """Text alternative of the before/after chart."""
    parts = "; ".join(t("m01.alt_pair", category=t(f"m01.category.{c}"), before=int(r["before"]), after=int(r["after"]))
                      for c, r in counts.iterrows())
    return t("m01.alt_before_after", title=t("m01.chart_title"), values=parts)


def threshold_app(ops: pd.DataFrame, caps: legal.PeruCaps, cap: str = "pma_t_metallic") -> ThresholdApp:
    """Show the threshold app and return it."""
    app = ThresholdApp(ops, caps, cap)
    display(app.widget)
    return app


class OperationClassifier:
    """Type one operation's area and capacity; see its category in Peru (exact at the caps)."""

    def __init__(self, caps: legal.PeruCaps, area_ha: float = 1000.0, capacity: float = 25.0) -> None:
        self.caps = caps
        self.deposit = w.Dropdown(options=[(label("deposit_type", d), d) for d in ("hard_rock", "placer")],
                                  value="hard_rock", description=t("m01.widget_deposit"), style=STYLE)
        self.mineral_class = w.Dropdown(options=[(label("mineral_class", m), m) for m in ("metallic", "non_metallic")],
                                        value="metallic", description=t("m01.widget_mineral_class"), style=STYLE)
        self.area = w.BoundedFloatText(value=area_ha, min=0, max=100_000, step=0.1,
                                       description=t("m01.widget_area"), style=STYLE)
        self.capacity = w.BoundedFloatText(value=capacity, min=0, max=100_000, step=0.1,
                                           description=t("m01.widget_capacity"), style=STYLE)
        self.summary = w.HTML()
        self.result = ""
        for control in (self.deposit, self.mineral_class, self.area, self.capacity):
            control.observe(lambda _change: self.update(), names="value")
        self.update()
        self.widget = w.VBox([self.deposit, self.mineral_class, self.area, self.capacity, self.summary])

    def operation(self) -> pd.Series:
        placer = self.deposit.value == "placer"
        return pd.Series({
            "deposit_type": self.deposit.value, "mineral_class": self.mineral_class.value,
            "area_ha": float(self.area.value),
            "capacity_t_per_day": np.nan if placer else float(self.capacity.value),
            "capacity_m3_per_day": float(self.capacity.value) if placer else np.nan,
        })

    def update(self) -> None:
        op = self.operation()
        self.result = legal.classify_pe(op, self.caps)
        _, pma_cap, ppm_cap = legal.capacity_and_caps(op, self.caps)
        unit = t("m01.unit_m3") if self.deposit.value == "placer" else t("m01.unit_t")
        pma = t("m01.cap_missing") if pma_cap is None else f"{pma_cap:,.0f} {unit}"
        ppm = t("m01.cap_missing") if ppm_cap is None else f"{ppm_cap:,.0f} {unit}"
        self.summary.value = t("m01.classifier_summary", category=t(f"m01.category.{self.result}"),
                               pma_area=self.caps.pma_area_ha, pma_cap=pma,
                               ppm_area=self.caps.ppm_area_ha, ppm_cap=ppm)


def operation_classifier(caps: legal.PeruCaps, **defaults: float) -> OperationClassifier:
    """Show the one-operation classifier and return it."""
    app = OperationClassifier(caps, **defaults)
    display(app.widget)
    return app
