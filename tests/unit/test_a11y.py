"""Accessibility of the apps, charts and tables, without a browser (the browser side is in
test_browser_a11y.py).

- every app is built as its course notebook builds it, and every control in it has a
  description (its visible label and accessible name); no control is of a kind that a
  keyboard cannot work in JupyterLab (``Dropdown``, ``Select``, ``SelectMultiple``);
- every slider keeps a track of at least 26em beside its label;
- every chart an app draws is an ``<img>`` with its text alternative as alt text;
- the table helper shows labels, dashes and readable numbers, and leaves the data alone;
- the stored course notebooks show their tables through it, keep their widget state, and the
  participant lab writes its focus outline and trusts the course notebooks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as w
import nbformat
import numpy as np
import pandas as pd
import pytest

from asm_course import i18n, legal, mercury, tables, value_chain
from asm_course.data import load
from asm_course.widgets import base, m00, m01, m02, m03, m04, m05, m06, m07, m08, m09

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
TEACHING = sorted((REPO / "course").glob("*/m[0-9][0-9]_*.ipynb"))  # every language
KEYBOARD_TRAPS = (w.Dropdown, w.Select, w.SelectMultiple)   # arrow keys move JupyterLab's cell selection


@pytest.fixture(autouse=True)
def _english(monkeypatch, tmp_path):
    i18n.set_language("en")
    monkeypatch.setenv("ASM_COURSE_ANSWERS_DIR", str(tmp_path))   # the plan form saves here
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    yield
    i18n._current = None


def _names(table: str = "countries") -> dict[str, str]:
    countries = load(table)
    return dict(zip(countries["iso3"], countries["name_en"] + " (" + countries["iso3"] + ")", strict=True))


def _peru() -> pd.DataFrame:
    operations = load("operations")
    return operations[operations["iso3"] == "PER"]


def _caps() -> legal.PeruCaps:
    return legal.peru_caps(load("legal_criteria"))


# Every app, built with the data its course notebook gives it.
APPS: dict[str, Callable[[], object]] = {
    "m00.GoldValueApp": lambda: m00.GoldValueApp(gold_t=27.7, price_usd_per_oz=1250),
    "m00.EstimatesExplorer": lambda: m00.EstimatesExplorer(load("workforce_estimates"), _names()),
    "m01.DefinitionExplorer": lambda: m01.DefinitionExplorer(load("legal_criteria"), _names()),
    "m01.OperationClassifier": lambda: m01.OperationClassifier(_caps(), area_ha=1000, capacity=25),
    "m01.ThresholdApp": lambda: m01.ThresholdApp(_peru(), _caps()),
    "m02.RaciChecker": lambda: m02.RaciChecker(load("agency_mandates"), _names()),
    "m02.StakeholderGrid": lambda: m02.StakeholderGrid(load("stakeholders"), _names()),
    "m02.RepresentationExplorer": lambda: m02.RepresentationExplorer(
        load("consultation_participants"), load("population_shares"), _names()),
    "m03.TriangulationExplorer": lambda: m03.TriangulationExplorer(load("workforce_estimates"), _names()),
    "m03.PlausibilityApp": lambda: m03.PlausibilityApp(load("workforce_estimates"), load("gold_production"), _names()),
    "m04.FunnelExplorer": lambda: m04.FunnelExplorer(load("registry_records"), load("reinfo_regions")),
    "m04.ProcedureSimulator": lambda: m04.ProcedureSimulator(load("formalization_steps"), load("miner_income"),
                                                             _names(), iso3="PER"),
    "m05.PracticeMixExplorer": lambda: m05.PracticeMixExplorer(
        load("sites_mercury"), mercury.ratio_parameters(load("hg_au_ratios")), _names(), iso3="BRA"),
    "m06.RiskMatrixApp": lambda: m06.RiskMatrixApp(load("ohs_tasks")),
    "m07.ScopeSwitcher": lambda: m07.ScopeSwitcher(load("women_share")),
    "m07.DataGapAudit": lambda: m07.DataGapAudit(load("women_share"), load("countries"),
                                                 load("workforce_by_role_sex"), iso3="COL"),
    "m08.RoyaltySmugglingApp": lambda: m08.RoyaltySmugglingApp(rate_here=2.5, rate_neighbour=1.5,
                                                               price_usd_per_g=40, output_t=30),
    "m08.ChainPriceExplorer": lambda: m08.ChainPriceExplorer(
        load("gold_chain"), value_chain.world_prices(load("global_figures")), chain_id="PER-2018"),
    "m09.ProgressTracker": lambda: m09.ProgressTracker(load("indicators")),
    "m09.PlanForm": lambda: m09.PlanForm({"BOL": "Bolivia", "HND": "Honduras"}),
}


def widgets_in(root: w.Widget) -> Iterator[w.Widget]:
    """Every widget under ``root`` (children of boxes, accordions and tabs)."""
    yield root
    for child in getattr(root, "children", ()):
        yield from widgets_in(child)


def controls_in(root: w.Widget) -> list[w.Widget]:
    """What a participant operates: value widgets other than read-only HTML, and check lists."""
    return [x for x in widgets_in(root)
            if isinstance(x, base.Checklist)
            or (isinstance(x, w.ValueWidget) and not isinstance(x, w.HTML | w.Label | w.HTMLMath))]


@pytest.fixture(scope="module")
def built() -> dict[str, object]:
    i18n.set_language("en")
    return {name: make() for name, make in APPS.items()}


def test_every_app_of_every_module_is_covered():
    defined = {f"{module.__name__.rsplit('.', 1)[1]}.{name}"
               for module in (m00, m01, m02, m03, m04, m05, m06, m07, m08, m09)
               for name, value in vars(module).items()
               if isinstance(value, type) and value.__module__ == module.__name__
               and (issubclass(value, base.App) or name == "PlanForm")}
    assert defined == set(APPS)


@pytest.mark.parametrize("name", APPS)
def test_every_control_has_a_description_and_works_by_keyboard(built, name):
    controls = controls_in(built[name].widget)
    assert controls, "an app without controls"
    for control in controls:
        assert not isinstance(control, KEYBOARD_TRAPS), f"{type(control).__name__} cannot be worked by keyboard"
        assert str(getattr(control, "description", "")).strip(), f"a {type(control).__name__} without a description"
        if not isinstance(control, base.Checklist):   # the label's title, else ipywidgets writes "null" there
            assert control.tooltip == control.description, control.description


@pytest.mark.parametrize("name", APPS)
def test_option_buttons_name_their_choice_in_the_tooltip(built, name):
    for control in controls_in(built[name].widget):
        if isinstance(control, w.ToggleButtons):
            assert len(control.tooltips) == len(control.options)
            assert all(tip.startswith(f"{control.description}: ") for tip in control.tooltips)
            assert control.style.button_width == "auto"   # whole labels, no ellipsis


@pytest.mark.parametrize("name", APPS)
def test_every_slider_keeps_a_track_of_26em_beside_its_label(built, name):
    for control in controls_in(built[name].widget):
        if isinstance(control, w.FloatSlider | w.IntSlider):
            width, label = control.layout.width, control.style.description_width
            assert width.endswith("em") and label.endswith("em"), (control.description, width, label)
            assert float(width[:-2]) - float(label[:-2]) >= base.TRACK_EM, control.description
            assert control.layout.max_width == "100%" and not control.continuous_update


def _alt(html_text: str) -> str:
    found = re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)"', html_text)
    assert found, "no <img> with alt text in the chart area"
    return found[1]


@pytest.mark.parametrize("name", [n for n in APPS if n in {
    "m00.EstimatesExplorer", "m01.ThresholdApp", "m02.StakeholderGrid", "m02.RepresentationExplorer",
    "m03.TriangulationExplorer", "m04.FunnelExplorer", "m04.ProcedureSimulator", "m09.ProgressTracker"}])
def test_every_app_chart_is_an_image_with_its_text_alternative(built, name):
    app = built[name]
    alt = _alt(app.chart.value)
    assert len(alt) > 40 and "see the chart" not in alt
    assert "<details><summary>The chart in words</summary>" in app.chart.value


def test_the_four_charts_that_had_no_text_alternative_now_describe_their_values(built):
    assert "Values:" in _alt(built["m00.EstimatesExplorer"].chart.value)
    assert "manage closely:" in _alt(built["m02.StakeholderGrid"].chart.value)
    assert "Values:" in _alt(built["m02.RepresentationExplorer"].chart.value)
    assert re.search(r"\d–\d", _alt(built["m03.TriangulationExplorer"].chart.value))


def test_a_chart_is_skipped_while_nbgrader_runs(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    app = APPS["m04.FunnelExplorer"]()
    assert app.chart.value == "" and app.result is not None


def test_alt_text_is_escaped_so_quotes_do_not_end_it():
    import matplotlib.pyplot as plt

    from asm_course.widgets.controls import chart_html

    _, ax = plt.subplots()
    ax.bar(["a"], [1])
    text = chart_html(ax, 'Chart "A" <b>')
    assert 'alt="Chart &quot;A&quot; &lt;b&gt;"' in text


def test_the_plan_form_check_list_ticks_and_restores_by_value():
    checklist = base.Checklist("Figures", [("One", "a"), ("Two", "b"), ("Three", "c")])
    changes = []
    checklist.observe(lambda change: changes.append(change["new"]), names="value")
    checklist.children[2].value = True        # tick "Two" (children[0] is the description)
    checklist.children[1].value = True
    assert checklist.value == ("b", "a") and changes[-1] == ("b", "a")
    checklist.value = ("c", "zzz")            # unknown values are dropped
    assert checklist.value == ("c",) and [box.value for box in checklist.children[1:]] == [False, False, True]
    checklist.options = [("Three", "c"), ("Four", "d")]
    assert checklist.value == ("c",) and checklist.children[1].description == "Three"


# --- tables ------------------------------------------------------------------------------

def test_a_table_shows_labels_dashes_and_readable_numbers_and_leaves_the_data_alone():
    frame = pd.DataFrame({"iso3": ["BOL", "PER"], "workers": pd.array([230000, None], dtype="Int64"),
                          "year": [2021.0, np.nan], "ratio": [0.5, 1.25], "flagged": [True, False],
                          "source": ["https://example.org", None]}, index=[15, 22])
    before = frame.copy()
    shown = tables.table(frame)
    assert list(shown.frame.columns) == ["Country (ISO3)", "Workers (people)", "Year", "Ratio",
                                         "Flagged", "Source"]
    assert shown.frame.values.tolist() == [["BOL", "230,000", "2021", "0.50", "yes", "https://example.org"],
                                           ["PER", "—", "—", "1.25", "no", "not found"]]
    page = shown._repr_html_()
    assert "<NA>" not in page and "NaN" not in page and ">15<" not in page   # row numbers are not shown
    assert '<th scope="col" style="text-align:right">Workers (people)<br><code' in page
    assert "<code style=\"font-weight:normal;font-size:85%\">workers</code>" in page
    assert "Workers (people)" in repr(shown) and "<NA>" not in repr(shown)
    pd.testing.assert_frame_equal(frame, before)


def test_a_named_index_is_a_row_header_and_a_dataclass_a_table_of_its_fields():
    counts = legal.status_counts(load("legal_criteria"))
    shown = tables.table(counts)
    assert shown.frame.index.name == "Country (ISO3)" and "Not found" in shown.frame.columns
    assert '<th scope="row" style="text-align:left">BOL</th>' in shown._repr_html_()
    caps = tables.table(_caps())
    assert "PMA area (ha)" in caps.frame.index and caps.frame.loc["PMA area (ha)", "Value"] == "1,000"
    assert caps.frame.loc["PMA capacity, non-metallic (t per day)", "Value"] == "—"
    assert "PeruCaps(" not in repr(caps) and "<code" in caps._repr_html_()   # names kept for legal.with_cap


def test_a_transposed_table_gives_each_row_its_own_digits_and_years_no_separator():
    shown = tables.table(pd.Series({"n": 8.0, "median": 115000.0, "high_to_low": 5.3, "oldest": 1999.0}, name="BOL"))
    assert shown.frame["BOL"].tolist() == ["8", "115,000", "5.3", "1999"]
    assert list(shown.frame.index) == ["Estimates (n)", "Median", "High ÷ low", "Oldest (year)"]


def test_coded_values_through_the_catalogue_on_request_and_in_spanish():
    frame = pd.DataFrame({"status": ["confirmed_secondary", "not_found"], "sex": ["female", "male"]})
    assert tables.table(frame).frame.iloc[0].tolist() == ["confirmed_secondary", "female"]
    assert tables.table(frame, values=True).frame.iloc[0].tolist() == ["confirmed (secondary source)", "female"]
    i18n.set_language("es")
    spanish = tables.table(frame, values=True, names=False)
    assert list(spanish.frame.columns) == ["Estado", "Sexo"] and spanish.frame.iloc[1].tolist() == ["no encontrado", "hombre"]
    assert "<code" not in spanish._repr_html_()


def test_every_column_label_has_a_spanish_text_of_its_own():
    english, spanish = i18n.catalogue("en"), i18n.catalogue("es")
    keys = [k for k in english if k.startswith("tables.")]
    assert len(keys) > 200
    for key in keys:
        assert spanish[key], key
    same = [k for k in keys if spanish[k] == english[k] and k.startswith("tables.column.")]
    # words that are the same in both languages (Municipal, Regional, Mineral …) and nothing else
    assert set(same) <= {f"tables.column.{c}" for c in ("mineral", "municipal", "regional")}, same


@dataclass
class _Cell:
    notebook: str
    index: int
    outputs: list


def _result_cells() -> list[_Cell]:
    found = []
    for path in TEACHING:
        notebook = nbformat.read(path, as_version=4)
        for i, cell in enumerate(notebook.cells):
            results = [o for o in cell.get("outputs", []) if o.get("output_type") == "execute_result"]
            if cell.cell_type == "code" and results:
                found.append(_Cell(f"{path.parent.name}/{path.name}", i, results))
    return found


def test_course_notebooks_show_their_tables_for_people():
    shown = 0
    for cell in _result_cells():
        for output in cell.outputs:
            page = output.get("data", {}).get("text/html", "")
            plain = output.get("data", {}).get("text/plain", "")
            where = f"{cell.notebook} cell {cell.index}"
            assert 'class="dataframe"' not in page, f"{where}: a raw DataFrame (wrap it in tables.table)"
            assert not re.match(r"\w+\(\w+=", plain), f"{where}: a dataclass repr"
            if 'class="asm-table"' in page:
                shown += 1
                assert "<NA>" not in page and ">NaN<" not in page and ">nan<" not in page, where
                for header in re.findall(r'<th scope="col"[^>]*>([^<]*)', page):
                    assert not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", header), f"{where}: header {header!r}"
    assert shown >= 60 * len({p.parent.name for p in TEACHING})


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_course_notebooks_store_the_state_of_their_widgets(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    shown = {o["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
             for c in notebook["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})}
    state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert shown and shown <= set(state), "a widget output whose state is not stored"
    kinds = {model["model_name"] for model in state.values()}
    assert not kinds & {"DropdownModel", "SelectModel", "SelectMultipleModel"}, kinds


# --- the participant lab -----------------------------------------------------------------

def test_the_lab_writes_a_focus_outline_and_its_own_notary_and_trusts_the_course(tmp_path):
    from nbformat.sign import NotebookNotary

    from asm_course import lab_config
    from asm_course.lab import course_notebooks

    state = lab_config.StateFolders.inside(tmp_path / "state")
    settings = lab_config.LabSettings(root=REPO, start_page="course/en/start_here.ipynb", port=8888,
                                      token="x", locale="en", trainer=False, open_browser=False)
    lab_config.write_state(settings, state)
    css = state.custom_css.read_text(encoding="utf-8")
    assert "outline: 3px solid" in css and ".noUi-handle:focus" in css and "button:focus-visible" in css
    config = json.loads((state.config / "jupyter_server_config.json").read_text())
    assert config["LabApp"]["custom_css"] is True
    assert config["NotebookNotary"] == {"data_dir": str(state.notary)}
    notebooks = course_notebooks(REPO)
    assert {p.resolve() for p in notebooks} >= {p.resolve() for p in TEACHING}  # every language
    assert lab_config.trust_notebooks(state, notebooks) == notebooks
    notary = NotebookNotary(data_dir=str(state.notary))
    assert all(notary.check_signature(nbformat.read(p, as_version=4)) for p in notebooks)
    assert (state.notary / "nbsignatures.db").is_file() and (state.notary / "notebook_secret").is_file()
    changed = nbformat.read(notebooks[0], as_version=4)
    changed.cells[0].source += "\n"
    assert not notary.check_signature(changed)   # a notebook changed afterwards is not trusted
    notary.store.close()
