"""Explorer apps of module m07: the scope switcher over women's shares and the data-gap audit.

Each app (an :class:`~asm_course.widgets.base.App`) wraps domain functions of
:mod:`asm_course.gender`; its state (``app.result``, ``app.summary.value``) can be driven in
tests by setting ``.value`` on a control.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from asm_course import gender
from asm_course.i18n import t
from asm_course.widgets.base import App, choice, radio
from asm_course.widgets.controls import country_options, html_bars

MIXED = ""  # the value of the "every published figure" choice of the scope switcher


def scope_label(scope: str) -> str:
    """Display name of a scope, e.g. "Registered subsistence miners"."""
    return t(f"m07.app.scope.{scope}")


def status_label(status: str) -> str:
    """Display name of a status, e.g. "confirmed (secondary source)"."""
    return t(f"m07.app.status.{status}")


class ScopeSwitcher(App):
    """Show women's shares either all together (mixed scopes, as they are often quoted) or one
    scope at a time; the summary says how many scopes the view mixes and which figures are
    not usable."""

    def __init__(self, shares: pd.DataFrame, scope: str = MIXED) -> None:
        super().__init__()
        self.chart = w.HTML()   # an HTML bar chart (controls.html_bars): it redraws in a millisecond
        self.shares = shares
        present = gender.scopes_in(gender.published_shares(shares))
        self.scope = radio(t("m07.app.scope"),
                           [(t("m07.app.all_scopes"), MIXED)] + [(scope_label(s), s) for s in present], scope)
        self.result = pd.DataFrame()
        self.watch(self.scope)
        self.arrange(self.scope)

    def labels(self) -> list[str]:
        """Bar labels: the country code, with the scope when the view mixes scopes."""
        mixed = len(gender.scopes_in(self.result)) > 1
        return [f"{r.iso3} ({scope_label(r.scope)})" if mixed else r.iso3 for r in self.result.itertuples()]

    def update(self) -> None:
        self.result = gender.published_shares(self.shares, self.scope.value or None)
        scopes = gender.scopes_in(self.result)
        rows = "".join(
            t("m07.app.share_row", iso3=r.iso3, scope=scope_label(r.scope), pct=r.women_share_pct,
              year="" if pd.isna(r.year) else int(r.year), status=status_label(r.status))
            for r in self.result.itertuples())
        verdict = (t("m07.app.mixed", n=len(scopes), scopes=", ".join(scope_label(s) for s in scopes))
                   if len(scopes) > 1 else t("m07.app.same_scope"))
        weak = self.result.loc[~self.result["usable"], "iso3"].tolist()
        caveat = t("m07.app.not_usable", countries=", ".join(weak)) if weak else ""
        self.summary.value = t("m07.app.share_summary", rows=rows, verdict=verdict, caveat=caveat)
        self._draw()

    def _draw(self) -> None:
        values = pd.Series(self.result["women_share_pct"].to_numpy(), index=self.labels())
        title = t("m07.app.share_title", scope=scope_label(self.scope.value) if self.scope.value
                  else t("m07.app.all_scopes"))
        self.chart.value = html_bars(values, title, t("m07.app.figure_axis"), t("m07.app.share_axis"), "{:g}%")


def scope_switcher(shares: pd.DataFrame, scope: str = MIXED) -> ScopeSwitcher:
    """Show the scope switcher and return it."""
    app = ScopeSwitcher(shares, scope)
    app.show()
    return app


class DataGapAudit(App):
    """Pick a country; see every figure on women's participation the course holds for it,
    with its scope and status, and whether it has a usable share (the audit verdict)."""

    def __init__(self, shares: pd.DataFrame, countries: pd.DataFrame, workforce: pd.DataFrame | None = None,
                 iso3: str | None = None) -> None:
        super().__init__()
        self.shares = shares
        self.audit = gender.data_gaps(shares, countries, workforce)
        names = dict(zip(countries["iso3"], countries["name_en"], strict=True)) if "name_en" in countries else {}
        codes = list(self.audit.index)
        self.country = choice(t("common.country"), country_options(codes, names), iso3 or codes[0])
        self.result = pd.Series(dtype=object)
        gaps = int(self.audit["gap"].sum())
        self.overall = w.HTML(t("m07.app.audit_overall", gaps=gaps, total=len(self.audit),
                                share=gaps / len(self.audit)))
        self.watch(self.country)
        self.arrange(self.country, below=[self.overall], chart=False)

    def update(self) -> None:
        iso3 = self.country.value
        self.result = self.audit.loc[iso3]
        own = self.shares[self.shares["iso3"] == iso3]
        rows = "".join(
            t("m07.app.figure_row", share_id=r.share_id, scope=scope_label(r.scope),
              pct="–" if pd.isna(r.women_share_pct) else f"{r.women_share_pct:g}%",
              women="–" if pd.isna(r.women) else f"{int(r.women):,}", status=status_label(r.status),
              note="" if pd.isna(r.note) else r.note)
            for r in own.itertuples())
        verdict = (t("m07.app.verdict_gap") if self.result["gap"]
                   else t("m07.app.verdict_ok", share_id=self.result["best_share_id"], pct=self.result["best_pct"],
                          scope=scope_label(self.result["best_scope"])))
        sites = t("m07.app.sites_yes" if self.result["site_data"] else "m07.app.sites_no")
        self.summary.value = t("m07.app.audit_summary", country=self.country.label, rows=rows,
                               verdict=verdict, sites=sites)


def data_gap_audit(shares: pd.DataFrame, countries: pd.DataFrame, workforce: pd.DataFrame | None = None,
                   iso3: str | None = None) -> DataGapAudit:
    """Show the data-gap audit and return it."""
    app = DataGapAudit(shares, countries, workforce, iso3)
    app.show()
    return app
