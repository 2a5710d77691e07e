"""The data package: schema, real figures, synthetic tables, loader and its error messages."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from asm_course import data as data_mod
from asm_course import datagen, i18n
from asm_course.data import DataError, catalogue, label, load, provenance, sources
from asm_course.formalization import OTHER_REGIONS
from asm_course.i18n import set_language
from asm_course.value_chain import TROY_OUNCE_G

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
PACKAGE = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = [r["name"] for r in PACKAGE["resources"]]
SYNTHETIC = [r["name"] for r in PACKAGE["resources"] if r["asm:kind"] == "synthetic"]
REAL = [r["name"] for r in PACKAGE["resources"] if r["asm:kind"] == "real"]
BIN = Path(sys.executable).parent


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session", autouse=True)
def data_untouched():
    """No test may modify the committed data folder."""
    before = folder_hash(DATA)
    yield
    assert folder_hash(DATA) == before, "a test modified files in data/"


@pytest.fixture(autouse=True)
def english_and_repo_data(monkeypatch):
    """English messages and the repository's data folder; both restored after the test."""
    monkeypatch.delenv(data_mod.ENV_VAR, raising=False)
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    monkeypatch.setattr(i18n, "_current", None)


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), **kwargs.pop("env", {})}
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=600, **kwargs)


# --------------------------------------------------------------------------- package


@pytest.mark.parametrize("name", RESOURCES)
def test_every_resource_loads_typed(name):
    df = load(name)
    assert len(df) > 0
    fields = {f["name"]: f for f in next(r for r in PACKAGE["resources"] if r["name"] == name)["schema"]["fields"]}
    assert list(df.columns) == list(fields)
    expected = {"number": "float64", "boolean": "boolean", "string": "string", "date": "datetime64"}
    for col, spec in fields.items():
        if spec["type"] == "integer":
            want = "int64" if spec.get("constraints", {}).get("required") else "Int64"
        else:
            want = expected[spec["type"]]
        assert str(df[col].dtype).startswith(want), (col, df[col].dtype)


def test_frictionless_validates_the_package():
    result = run([str(BIN / "frictionless"), "validate", str(DATA / "datapackage.json")])
    assert result.returncode == 0, result.stdout[-3000:]


def test_generator_check_passes():
    result = run([sys.executable, "-m", "asm_course.datagen", "--check"], cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_generator_output_is_byte_identical(tmp_path):
    assert datagen.main(["--src", str(DATA), "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "datapackage.json" in written and "README.md" in written
    for name in written:
        assert (tmp_path / name).read_bytes() == (DATA / name).read_bytes(), name


def test_check_detects_a_stale_file(tmp_path):
    copy = shutil.copytree(DATA, tmp_path / "data")
    (copy / "operations.csv").write_text("operation_id\n", encoding="utf-8")
    assert datagen.main(["--src", str(copy), "--check"]) == 1


def test_descriptor_metadata_complete():
    for r in PACKAGE["resources"]:
        for key in ("name", "path", "title", "description", "asm:kind", "sources", "licenses", "schema"):
            assert r.get(key), (r["name"], key)
        assert "\n" not in r["description"]
        assert all(s.get("title") and s.get("path") for s in r["sources"]), r["name"]
        for f in r["schema"]["fields"]:
            assert f.get("type") and f.get("description"), (r["name"], f["name"])
        if "iso3" in [f["name"] for f in r["schema"]["fields"]] and r["name"] != "countries" and not r.get("asm:raw"):
            refs = [fk["reference"]["resource"] for fk in r["schema"].get("foreignKeys", [])]
            assert "countries" in refs, r["name"]
        if r["asm:kind"] == "synthetic":
            assert r["asm:generator"] == "asm_course/datagen/" and r["asm:seed"] == datagen.SEED


def test_files_are_utf8_with_unix_line_ends():
    for r in PACKAGE["resources"]:
        raw = (DATA / r["path"]).read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw and raw.endswith(b"\n"), r["path"]


def test_required_resources_exist():
    required = {
        "countries", "workforce_estimates", "women_share", "gold_production", "legal_criteria", "royalties",
        "mercury", "hg_au_ratios", "authorities", "global_figures", "reinfo_regions", "operations",
        "operations_raw", "registry_records", "formalization_steps", "miner_income", "sites_mercury",
        "workforce_by_role_sex", "incidents", "hours_worked", "gold_chain", "stakeholders", "agency_mandates",
        "consultation_participants", "population_shares", "indicators",
    }
    assert required <= set(RESOURCES)


def test_data_folder_under_5_mb():
    assert sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file()) < 5_000_000


# --------------------------------------------------------------------------- real figures


def row(name: str, key: str) -> pd.Series:
    df = load(name)
    return df.set_index(df.columns[0]).loc[key]


def test_confirmed_figures_match_the_domain_brief():
    assert row("gold_production", "COL-2017-EXP")["gold_t"] == 58
    assert row("gold_production", "COL-2017-PROD")["gold_t"] == 40.1
    assert row("gold_production", "COL-2016-PROD")["gold_t"] == 61.8
    assert row("gold_production", "BOL-2010-COOP")["gold_t"] == 5.4
    assert row("gold_production", "BOL-2022-COOP")["gold_t"] == 53.1
    assert row("women_share", "COL-subsistence")["women_share_pct"] == 51.4
    assert row("royalties", "BOL-AU-TOTAL")["rate_pct"] == 2.5
    assert (row("royalties", "BOL-AU-DEPT")["share_pct"], row("royalties", "BOL-AU-MUNI")["share_pct"]) == (85, 15)
    assert row("legal_criteria", "PER-PPM-AREA")["value"] == 2000
    assert row("legal_criteria", "PER-PPM-CAP-MET")["value"] == 350
    assert row("legal_criteria", "PER-PPM-CAP-NONMET")["value"] == 1200
    assert row("legal_criteria", "BRA-PLG-IND-AREA")["value"] == 50
    assert row("reinfo_regions", "Puno")["active"] == 4247
    assert row("women_share", "ECU-members")["women"] == 1500
    assert row("workforce_estimates", "ECU-01")["workers"] == 11500
    assert (row("mercury", "HND")["hg_t_per_year"], row("mercury", "HND")["gold_t_per_year"]) == (9.5, 1.8)
    assert (row("mercury", "BOL")["hg_t_per_year"], row("mercury", "BOL")["gold_t_per_year"]) == (120, 37)
    for name, key in [("gold_production", "COL-2017-EXP"), ("legal_criteria", "PER-PPM-AREA"), ("royalties", "BOL-AU-TOTAL"), ("reinfo_regions", "Puno")]:
        assert row(name, key)["status"] == "confirmed"


def test_uncertain_items_are_not_shown_as_confirmed():
    for key in ("PER-PMA-AREA", "PER-PMA-CAP-MET", "PER-PPM-CAP-PLACER", "COL-SUB-GOLD-YEAR-A", "COL-SUB-GOLD-YEAR-B", "ECU-SMALL-CAP"):
        assert row("legal_criteria", key)["status"] == "uncertain", key
    assert row("gold_production", "ECU-2020-PRIMARY")["status"] == "uncertain"
    assert row("royalties", "GTM-ALL-TOTAL")["status"] == "uncertain"
    ratios = load("hg_au_ratios").set_index("practice")
    assert set(ratios.drop("mercury_free")["status"]) == {"uncertain"}
    assert pd.isna(ratios.loc["concentrate_retort", "ratio_central"])


def test_not_found_rows_have_no_values():
    work = load("workforce_estimates")
    for iso in ("MEX", "GTM"):
        rows = work[work.iso3 == iso]
        assert list(rows.status) == ["not_found"]
        assert rows[["workers", "workers_low", "workers_high", "year"]].isna().all().all()
    for name, value in (("legal_criteria", "value"), ("royalties", "rate_pct"), ("gold_production", "gold_t")):
        df = load(name)
        assert df.loc[df.status == "not_found", value].isna().all(), name


def test_every_country_has_a_workforce_row_and_names_in_two_languages():
    countries = load("countries")
    assert len(countries) == 9 and countries.workshop_participant.all()
    assert countries[["name_en", "name_es"]].notna().all().all()
    assert set(load("workforce_estimates").iso3) == set(countries.iso3)
    assert load("legal_criteria")[["category_en", "category_es"]].notna().all().all()


def test_reinfo_totals_match_published_totals():
    reinfo = load("reinfo_regions")
    figures = load("national_figures").set_index("figure_id")
    assert reinfo.active.sum() == figures.loc["PER-REINFO-MINART-ACTIVE", "value"] == 20531
    assert reinfo.suspended.sum() == figures.loc["PER-REINFO-MINART-SUSPENDED", "value"] == 61649
    assert list(reinfo.loc[reinfo.status == "derived", "region"]) == [OTHER_REGIONS]
    assert reinfo.source.str.contains("minart").all() and reinfo.source_suspended.str.contains("rumbominero").all()


# --------------------------------------------------------------------------- synthetic tables


def test_synthetic_is_marked_everywhere():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in SYNTHETIC:
        df = load(name)
        assert df.attrs["kind"] == "synthetic" and "not real statistics" in df.attrs["note"]
        assert "synthetic" in provenance(name)
        line = next(x for x in readme.splitlines() if x.startswith(f"| `{name}` |"))
        assert "**synthetic**" in line
    for name in REAL:
        assert load(name).attrs["kind"] == "real"


def test_registry_records_match_reinfo_by_region():
    counts = load("registry_records").groupby("region").size()
    active = load("reinfo_regions").set_index("region")["active"]
    assert counts.sort_index().to_dict() == active.sort_index().to_dict()


def test_registry_funnel_is_monotone():
    r = load("registry_records")
    assert not (r.formalized & ~r.has_mining_right_or_contract).any()
    assert not (r.has_mining_right_or_contract & ~r.has_environmental_instrument).any()
    assert r.loc[r.formalized, "days_pending"].isna().all()


def test_operations_include_legal_threshold_edges():
    ops = load("operations")
    per, col = ops[ops.iso3 == "PER"], ops[ops.iso3 == "COL"]
    for area in (1000, 2000):
        assert (per.area_ha == area).any() and (per.area_ha > area).any() and (per.area_ha < area).any()
    for cap in (25, 350, 1200):
        assert (per.capacity_t_per_day == cap).any() and (per.capacity_t_per_day == cap + 1).any()
    for m3 in (200, 3000):
        assert (per.capacity_m3_per_day == m3).any()
    for area in (150, 5000, 10000):
        assert (col.area_ha == area).any()
    assert {360, 420} <= set(col.gold_g_per_year.dropna())
    assert ops.loc[ops.deposit_type == "placer", "capacity_t_per_day"].isna().all()
    assert ops.loc[ops.deposit_type == "hard_rock", "capacity_m3_per_day"].isna().all()
    assert ops.loc[ops.iso3 != "PER", "in_reinfo"].isna().all()


def test_women_shares_follow_their_anchors():
    w = load("workforce_by_role_sex")
    totals = w.groupby(["iso3", "sex"]).workers.sum().unstack()
    share = totals.female / totals.sum(axis=1) * 100
    assert abs(share["COL"] - 51.4) < 5 and abs(share["ECU"] - 13) < 5


def test_raci_table_has_deliberate_gaps():
    m = load("agency_mandates")
    letters = m.groupby(["iso3", "task"]).raci.agg(lambda s: "".join(sorted(s)))
    assert (~letters.str.contains("A")).any()
    assert (letters.str.count("A") > 1).any()
    assert (~letters.str.contains("R")).any()
    assert (letters.str.count("A").eq(1) & letters.str.contains("R")).any()


def test_gold_chain_prices_rise_along_the_chain():
    chain = load("gold_chain").sort_values(["chain_id", "link_order"])
    assert chain.groupby("chain_id").price_usd_per_g.apply(lambda s: s.is_monotonic_increasing).all()


def test_gold_chain_stays_between_the_miner_and_the_world_price():
    """miner < every trader < exporter <= the world price of the chain's year (global_figures)."""
    prices = load("global_figures").set_index("indicator_id")
    for chain_id, links in load("gold_chain").sort_values("link_order").groupby("chain_id"):
        year = int(links.year.iloc[0])
        assert f"gold_price_{year}" in prices.index, f"{chain_id}: no world gold price for {year} in global_figures"
        world = prices.loc[f"gold_price_{year}", "value"] / TROY_OUNCE_G
        paid = links.set_index("link").price_usd_per_g
        assert paid.diff().dropna().gt(0).all(), f"{chain_id}: each link must pay more than the one before: {paid.to_dict()}"
        assert paid["exporter"] <= world, f"{chain_id}: exporter pays {paid['exporter']} USD/g, above the {year} world price {world:.2f}"
        assert paid["pit"] < paid["exporter"]


# A task's hazard names what can kill; the known pattern of ASM accidents (the ILO names collapses
# as the leading cause of fatal accidents) puts these three at the top of severity.
DEADLIEST_HAZARDS = ("collapse", "falls from height", "explosives")


def test_ohs_severities_follow_the_known_pattern_of_accidents():
    tasks = load("ohs_tasks")
    deadliest = tasks.hazard.str.contains("|".join(DEADLIEST_HAZARDS))
    assert deadliest.sum() == len(DEADLIEST_HAZARDS), tasks.hazard.tolist()
    assert tasks.loc[deadliest, "severity"].min() > tasks.loc[~deadliest, "severity"].max(), (
        tasks[["task", "hazard", "severity"]].to_string())
    assert (tasks.loc[deadliest, "severity"] == 5).all()
    # dust, mercury vapour and poor air are serious (chronic, disabling) but below the three
    chronic = tasks.hazard.str.contains("dust|mercury|ventilation")
    assert tasks.loc[chronic & ~deadliest, "severity"].between(3, 4).all()
    assert tasks.loc[tasks.hazard.str.contains("overexertion|noise"), "severity"].max() <= 2


# Which bodies can plausibly own an indicator, by words of the indicator (independent of the
# generator's own table): nobody owns environmental, safety or registry figures from a central bank.
PLAUSIBLE_OWNERS = {
    "mercury|retort|environmental": {"Environment ministry", "Regional government"},
    "royalty": {"Tax authority", "Mining ministry", "Mining agency"},
    "fatal|safety": {"Labour ministry", "Health ministry", "Mining agency"},
    "registry|registered|concession|formalization|women": {"Mining ministry", "Mining agency", "Regional government"},
}


def test_indicator_owners_fit_the_indicator():
    indicators = load("indicators").dropna(subset=["owner"])
    assert len(indicators) >= 8
    for _, ind in indicators.iterrows():
        owners = [o for words, o in PLAUSIBLE_OWNERS.items() if pd.Series([ind.indicator]).str.contains(words, case=False)[0]]
        assert owners, f"{ind.indicator_id}: no rule for '{ind.indicator}'; add one to PLAUSIBLE_OWNERS"
        assert ind.owner in owners[0], f"{ind.indicator_id} '{ind.indicator}' is owned by {ind.owner}; expected one of {owners[0]}"


def test_indicators_that_count_records_have_whole_values():
    counts = load("indicators").query("unit == 'records'")
    assert len(counts) >= 1
    for column in ("baseline", "target", "latest"):
        values = counts[column].dropna()
        assert (values == values.round()).all(), f"{column}: {values.tolist()}"


def test_national_mercury_ratios_are_not_called_site_values():
    note = load("hg_au_ratios").set_index("practice").loc["whole_ore_amalgamation", "note"]
    assert "national" in note and "not site values" in note


def test_indicators_have_deliberate_gaps():
    assert load("indicators").isna().any(axis=1).sum() >= 2


def test_raw_resource_is_messy_and_textual():
    raw = load("operations_raw")
    assert raw.attrs["raw"] and raw.attrs["kind"] == "synthetic"
    assert all(str(t) == "string" for t in raw.dtypes)
    assert raw.id.duplicated().any()
    assert {"Perú", "peru", "PER"} & set(raw.country)
    assert raw.area_ha.str.contains(",", na=False).any()


# --------------------------------------------------------------------------- loader API


def test_catalogue_lists_every_resource():
    cat = catalogue()
    assert len(cat) >= 12 and list(cat.columns) == ["name", "title", "kind", "rows", "description"]
    assert set(cat.name) == set(RESOURCES)
    assert cat.set_index("name").loc["registry_records", "rows"] == 20531


def test_catalogue_labels_follow_the_language():
    set_language("es")
    assert list(catalogue().columns) == ["nombre", "título", "tipo", "filas", "descripción"]


def test_sources_and_provenance():
    cites = sources("legal_criteria")
    assert any("dremsm.gob.pe" in c for c in cites)
    assert "published figures" in provenance("legal_criteria")
    assert "seed 2018" in provenance("operations")


def test_labels_in_two_languages():
    assert label("status", "confirmed") == "confirmed"
    assert label("status", "confirmed", lang="es") == "confirmado"
    assert label("status", "unknown-code") == "unknown-code"


def test_i18n_catalogues_have_identical_keys():
    root = REPO / "asm_course" / "i18n"
    en = json.loads((root / "en" / "data.json").read_text(encoding="utf-8"))
    es = json.loads((root / "es" / "data.json").read_text(encoding="utf-8"))
    assert en.keys() == es.keys() and all(k.startswith("data.") for k in en)


def test_load_returns_a_copy():
    first = load("countries")
    first.loc[0, "name_en"] = "changed"
    first.attrs["kind"] = "changed"
    again = load("countries")
    assert again.loc[0, "name_en"] != "changed" and again.attrs["kind"] == "real"


def test_load_from_another_directory(tmp_path):
    code = "from asm_course.data import load, data_dir; print(len(load('countries')), data_dir())"
    result = run([sys.executable, "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "9" and Path(result.stdout.split()[1]) == DATA


def test_env_var_selects_another_copy(tmp_path, monkeypatch):
    copy = shutil.copytree(DATA, tmp_path / "mydata")
    monkeypatch.setenv(data_mod.ENV_VAR, str(copy))
    assert data_mod.data_dir() == copy
    assert len(load("countries")) == 9


def test_changed_file_is_reread(tmp_path, monkeypatch):
    copy = shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.setenv(data_mod.ENV_VAR, str(copy))
    assert len(load("hg_au_ratios")) == 4
    path = copy / "hg_au_ratios.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    assert len(load("hg_au_ratios")) == 3


# --------------------------------------------------------------------------- bad data


@pytest.fixture
def copy(tmp_path, monkeypatch) -> Path:
    """A private copy of data/ that the loader reads instead of the repository's."""
    folder = shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.setenv(data_mod.ENV_VAR, str(folder))
    return folder


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def error_of(name: str) -> DataError:
    with pytest.raises(DataError) as caught:
        load(name)
    return caught.value


def assert_names_all(err: DataError, file: str, line: int | None, column: str | None) -> None:
    msg = str(err)
    assert err.file.name == file and str(err.file) in msg
    assert err.row == line and err.column == column
    if line is not None:
        assert f"line {line}" in msg
    if column is not None:
        assert f"column '{column}'" in msg
    assert err.rule and f"rule '{err.rule}'" in msg
    assert err.fix and f"Fix: {err.fix}" in msg
    assert isinstance(err, ValueError)


def test_missing_file(copy):
    (copy / "operations.csv").unlink()
    err = error_of("operations")
    assert_names_all(err, "operations.csv", None, None)
    assert "exists" in err.rule


def test_unknown_resource_lists_valid_names(copy):
    err = error_of("operation")
    assert_names_all(err, "datapackage.json", None, None)
    assert "'operation'" in str(err) and "operations" in err.fix and "registry_records" in err.fix


def test_missing_column(copy):
    path = copy / "operations.csv"
    rows = read_rows(path)
    i = rows[0].index("workers")
    write_rows(path, [r[:i] + r[i + 1 :] for r in rows])
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 1, "workers")
    assert err.rule == "column present"


def test_unexpected_column(copy):
    path = copy / "operations.csv"
    write_rows(path, [r + (["notes"] if i == 0 else ["x"]) for i, r in enumerate(read_rows(path))])
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 1, "notes")
    assert err.rule == "no unexpected column"


def test_wrong_type(copy):
    set_cell(copy / "operations.csv", 12, "area_ha", "abc")
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 12, "area_ha")
    assert err.rule == "type number" and err.value == "abc" and "value 'abc'" in str(err)


def test_thousands_separator_is_a_type_error(copy):
    set_cell(copy / "operations.csv", 7, "workers", "1,200")
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 7, "workers")
    assert err.rule == "type integer" and "without separators" in err.fix


def test_empty_required_value(copy):
    set_cell(copy / "operations.csv", 20, "area_ha", "")
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 20, "area_ha")
    assert err.rule == "required"


def test_value_below_minimum(copy):
    set_cell(copy / "operations.csv", 12, "area_ha", "-3")
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 12, "area_ha")
    assert err.rule == "minimum 0" and "value '-3'" in str(err)


def test_value_not_in_enum(copy):
    set_cell(copy / "operations.csv", 9, "deposit_type", "tunnel")
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 9, "deposit_type")
    assert "hard_rock" in err.rule and "placer" in err.fix


def test_unknown_country_code(copy):
    set_cell(copy / "operations.csv", 15, "iso3", "PERU")
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 15, "iso3")
    assert "countries" in err.rule and "BOL" in err.fix


def test_duplicate_primary_key_names_both_lines(copy):
    path = copy / "operations.csv"
    rows = read_rows(path)
    set_cell(path, 8, "operation_id", rows[2][0])
    err = error_of("operations")
    assert_names_all(err, "operations.csv", 8, "operation_id")
    assert "line 3" in str(err) and "8" in err.fix


def test_wrong_encoding_names_line_and_byte(copy):
    path = copy / "reinfo_regions.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("latin-1"))  # 'Apurímac' on line 6 is no longer UTF-8
    err = error_of("reinfo_regions")
    assert_names_all(err, "reinfo_regions.csv", 6, "region")
    assert "UTF-8" in err.rule and "byte" in str(err)


def test_truncated_last_row(copy):
    path = copy / "operations.csv"
    raw = path.read_bytes()
    lines = raw.count(b"\n")
    last = raw.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(raw[: last] + b",".join(raw[last:].split(b",")[:3]))  # file cut after 3 fields
    err = error_of("operations")
    assert_names_all(err, "operations.csv", lines, "mineral")
    assert "fields per row" in err.rule and "cut off" in err.fix


def test_unterminated_quote(copy):
    path = copy / "countries.csv"
    lines = path.read_text(encoding="utf-8").count("\n")
    with path.open("a", encoding="utf-8") as fh:
        fh.write('XXX,"Atlantis,Atlántida,,true\n')
    err = error_of("countries")
    assert_names_all(err, "countries.csv", lines + 1, None)
    assert "quote" in err.rule


def test_error_messages_in_spanish(copy):
    set_cell(copy / "operations.csv", 12, "area_ha", "-3")
    set_language("es")
    err = error_of("operations")
    assert "línea 12" in str(err) and "columna 'area_ha'" in str(err) and "Solución:" in str(err)


# --------------------------------------------------------------------------- packaging


@pytest.mark.slow
def test_installed_wheel_carries_the_data(tmp_path):
    """A non-editable install finds the data in asm_course/_data, from any directory."""
    env = {"PIP_NO_INDEX": "1", "PIP_NO_CACHE_DIR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "wheels"), str(REPO)], env=env)
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((tmp_path / "wheels").glob("asm_course-*.whl"))
    site = tmp_path / "site"
    installed = run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)], env=env)
    assert installed.returncode == 0, installed.stderr[-3000:]
    code = "from asm_course.data import load, data_dir; print(len(load('registry_records')), data_dir())"
    env = {k: v for k, v in os.environ.items() if k != data_mod.ENV_VAR} | {"PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    rows, folder = result.stdout.split()
    assert rows == "20531" and Path(folder) == site / "asm_course" / "_data"
