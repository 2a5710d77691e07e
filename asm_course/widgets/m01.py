"""Widget apps of module m01 (legal definitions). Each wraps a function of
:mod:`asm_course.legal`; its state (``app.result``, ``app.summary.value``) can be driven in
tests by setting ``.value`` on a control."""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from asm_course import legal, plots
from asm_course.data import label
from asm_course.i18n import get_language, t
from asm_course.widgets.base import App, choice, number_box, slider
from asm_course.widgets.controls import country_options

SYMBOLS = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "==": "="}


def criterion_text(criterion: str) -> str:
    """A criterion name in words, e.g. ``area_ha`` → "area (ha)"."""
    return t(f"m01.app.criterion.{criterion}")


def rule_text(row: pd.Series) -> str:
    """One criterion as a readable rule, e.g. "area (ha) ≤ 1,000"; a gap says so."""
    if pd.isna(row["criterion"]) or row["criterion"] == "":
        return t("m01.app.rule_none")
    name = criterion_text(row["criterion"])
    if pd.isna(row["value"]):
        return t("m01.app.rule_no_value", criterion=name)
    if row["criterion"].endswith("_allowed") or row["criterion"].endswith("_only"):
        return t(f"m01.app.rule_{row['criterion']}_{int(row['value'])}")
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
        "applies_to": [t(f"m01.app.scope.{s}") for s in rows["mineral_scope"]],
        "status": [label("status", s) for s in rows["status"]],
        "note": rows["note"].fillna("").tolist(),
    }, index=rows["criterion_id"].tolist())


def _html_table(frame: pd.DataFrame) -> str:
    heads = "".join(f"<th style='text-align:left;padding:2px 8px'>{t(f'm01.app.col.{c}')}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:2px 8px'>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table>"


class DefinitionExplorer(App):
    """Pick a country; see its legal ASM categories and criteria, each with its status."""

    def __init__(self, criteria: pd.DataFrame, names: dict[str, str]) -> None:
        super().__init__()
        self.criteria = criteria
        self.country = choice(t("common.country"), country_options(sorted(criteria["iso3"].unique()), names))
        self.table = w.HTML()
        self.watch(self.country)
        self.arrange(self.country, below=[self.table], chart=False)

    def update(self) -> None:
        iso3 = self.country.value
        rows = legal.country_criteria(self.criteria, iso3)
        self.result = definition_rows(self.criteria, iso3)
        with_value = int(legal.has_threshold(rows).sum())
        if with_value == 0:
            self.summary.value = t("m01.app.explorer_gap", country=self.country.label)
        else:
            counts = legal.status_counts(rows).iloc[0]
            self.summary.value = t(
                "m01.app.explorer_summary", country=self.country.label, categories=int(counts["categories"]),
                thresholds=with_value, confirmed=int(counts["confirmed"] + counts["confirmed_secondary"]),
                uncertain=int(counts["uncertain"]), not_found=int(counts["not_found"]))
        self.table.value = _html_table(self.result)


def definition_explorer(criteria: pd.DataFrame, names: dict[str, str]) -> DefinitionExplorer:
    """Show the definition explorer and return it."""
    app = DefinitionExplorer(criteria, names)
    app.show()
    return app


def cap_label(name: str, caps: legal.PeruCaps) -> str:
    """A Peru cap in words with its current value, e.g. "PMA capacity, metallic (t/day): 25"."""
    return t("m01.app.cap_label", cap=t(f"m01.app.cap.{name}"), value=getattr(caps, name))


class ThresholdApp(App):
    """Choose one of Peru's caps and move it; see how many operations change category."""

    def __init__(self, ops: pd.DataFrame, caps: legal.PeruCaps, cap: str = "pma_t_metallic") -> None:
        super().__init__()
        self.ops = ops
        self.caps = caps
        self.before = legal.classify_peru(ops, caps)
        self.cap = choice(t("m01.app.cap"), [(cap_label(n, caps), n) for n in legal.cap_names(caps)], cap)
        self.value = slider(t("m01.app.new_value"), 0.0, 0.0, 100.0, 1.0, readout_format=",.0f")
        self.changed = 0
        self._quiet = False
        self._reset_slider()
        self.watch(self.cap, then=self._new_cap)
        self.watch(self.value, then=lambda: None if self._quiet else self.update())
        self.arrange(self.cap, self.value)

    def _new_cap(self) -> None:
        self._reset_slider()
        self.update()

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
        moves = "; ".join(t("m01.app.move", n=int(n), source=t(f"m01.app.category.{a}"), target=t(f"m01.app.category.{b}"))
                          for a, b, n in self.result[["from", "to", "operations"]].itertuples(index=False))
        moves = moves or t("m01.app.no_move")
        self.summary.value = t("m01.app.threshold_summary", cap=t(f"m01.app.cap.{self.cap.value}"),
                               old=getattr(self.caps, self.cap.value), new=float(self.value.value),
                               changed=self.changed, total=len(self.ops), moves=moves)
        self.counts = pd.DataFrame({"before": legal.category_counts(self.before),
                                    "after": legal.category_counts(after)})
        self.draw(lambda: before_after_chart(self.counts["before"], self.counts["after"], t("m01.app.chart_title"),
                                             t("m01.app.chart_x"), t("m01.app.chart_y")),
                  lambda _ax: before_after_text(self.counts))


def before_after_chart(before: pd.Series, after: pd.Series, title: str, xlabel: str, ylabel: str):
    """Two bars per category (current rule, changed rule), told apart by colour AND hatch."""
    fig, ax = plt.subplots(figsize=(6.5, 3.4))
    x = np.arange(len(before))
    for offset, values, key, colour, hatch in ((-0.2, before, "m01.app.legend_before", plots.OKABE_ITO[0], ""),
                                               (0.2, after, "m01.app.legend_after", plots.OKABE_ITO[1], "//")):
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
    parts = "; ".join(t("m01.app.alt_pair", category=t(f"m01.app.category.{c}"), before=int(r["before"]), after=int(r["after"]))
                      for c, r in counts.iterrows())
    return t("m01.app.alt_before_after", title=t("m01.app.chart_title"), values=parts)


def threshold_app(ops: pd.DataFrame, caps: legal.PeruCaps, cap: str = "pma_t_metallic") -> ThresholdApp:
    """Show the threshold app and return it."""
    app = ThresholdApp(ops, caps, cap)
    app.show()
    return app


class OperationClassifier(App):
    """Type one operation's area and capacity; see its category in Peru (exact at the caps)."""

    def __init__(self, caps: legal.PeruCaps, area_ha: float = 1000.0, capacity: float = 25.0) -> None:
        super().__init__()
        self.caps = caps
        self.deposit = choice(t("m01.app.deposit"), [(label("deposit_type", d), d) for d in ("hard_rock", "placer")])
        self.mineral_class = choice(t("m01.app.mineral_class"),
                                      [(label("mineral_class", m), m) for m in ("metallic", "non_metallic")])
        self.area = number_box(t("m01.app.area"), area_ha, 0, 100_000)
        self.capacity = number_box(t("m01.app.capacity"), capacity, 0, 100_000)
        self.watch(self.deposit, self.mineral_class, self.area, self.capacity)
        self.arrange(self.deposit, self.mineral_class, self.area, self.capacity, chart=False)

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
        unit = t("m01.app.unit_m3") if self.deposit.value == "placer" else t("m01.app.unit_t")
        pma = t("m01.app.cap_missing") if pma_cap is None else f"{pma_cap:,.0f} {unit}"
        ppm = t("m01.app.cap_missing") if ppm_cap is None else f"{ppm_cap:,.0f} {unit}"
        self.summary.value = t("m01.app.classifier_summary", category=t(f"m01.app.category.{self.result}"),
                               pma_area=self.caps.pma_area_ha, pma_cap=pma,
                               ppm_area=self.caps.ppm_area_ha, ppm_cap=ppm)


def operation_classifier(caps: legal.PeruCaps, **defaults: float) -> OperationClassifier:
    """Show the one-operation classifier and return it."""
    app = OperationClassifier(caps, **defaults)
    app.show()
    return app
