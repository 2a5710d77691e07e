"""End to end: two country teams fill prompts across modules, export their plans, and the Word
file opens in LibreOffice (converted to PDF by the real `soffice`, read back with `pdftotext`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from test_plan import complete_plan

from asm_course import answers
from asm_course.plan import FORM_ID, build_plan
from asm_course.plan_check import check_plan
from asm_course.plan_export import export_plan

PROMPTS = {
    "BOL": {"m00.plan1": "Decide where to pilot retorts first.",
            "m02.plan1": "The Ministry of Mining leads, with AJAM and the environment ministry.",
            "m03.plan1": "We quote 120 t of mercury a year; we will triangulate it with imports.",
            "m04.plan2": "Merge the two environmental steps for cooperatives."},
    "HND": {"m01.plan1": "The general mining law sets the small-scale categories.",
            "m02.plan3": "Reach miners through their associations in Olancho and El Paraíso.",
            "m04.plan3": "Publish records per stage and department every quarter."},
}


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: install the Debian packages libreoffice-writer and poppler-utils (.ci/run does)"
    return path


def docx_text(docx: Path, work: Path) -> str:
    """Convert with LibreOffice (its own throw-away profile) and return the PDF's text."""
    profile = work / "lo-profile"
    run = subprocess.run([_tool("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                         capture_output=True, text=True, timeout=180)
    pdf = work / (docx.stem + ".pdf")
    assert run.returncode == 0 and pdf.exists(), run.stdout + run.stderr
    return subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def teams(tmp_path: Path) -> dict[str, Path]:
    """One folder per team with its module answers files, as a submission would hold them."""
    folders = {}
    for iso3, prompts in PROMPTS.items():
        folder = tmp_path / iso3
        folder.mkdir()
        for prompt_id, text in prompts.items():
            answers.save_answer(prompt_id, text, folder)
        answers.save_answer(FORM_ID, complete_plan(iso3).to_dict(), folder)
        folders[iso3] = folder
    return folders


def test_two_teams_export_word_and_html_that_libreoffice_reads(teams: dict[str, Path], tmp_path: Path):
    for iso3, lang, country, heading in (("BOL", "en", "Bolivia", "Baseline figures"),
                                         ("HND", "es", "Honduras", "Cifras de línea de base")):
        plan = build_plan([teams[iso3]])
        assert check_plan(plan) == []
        out = export_plan(plan, lang, tmp_path / "export")
        text = docx_text(out["docx"], tmp_path / iso3)
        flat = " ".join(text.split())
        assert country in flat and heading in flat
        for note in PROMPTS[iso3].values():           # the team's module notes made it into the document
            assert " ".join(note.split()[:4]) in flat
        first_page = text.split("\f")[0]
        assert ("Summary" if lang == "en" else "Resumen") in first_page
        assert "artisanalmining.org" in flat            # figures carry their source
        page = out["html"].read_text(encoding="utf-8")
        assert country in page and f"lang='{lang}'" in page
    assert "Bolivia" not in docx_text(tmp_path / "export" / "return_to_work_plan_HND_es.docx", tmp_path / "again")


def test_an_incomplete_plan_says_what_is_missing_in_the_document(tmp_path: Path):
    plan = complete_plan("BOL")
    plan.actions[2].accountable = ""
    plan.actions[2].end = "2028-06-30"
    plan.indicators[1].baseline = None
    out = export_plan(plan, "en", tmp_path)
    flat = " ".join(docx_text(out["docx"], tmp_path).split())
    assert "has no owner" in flat and "after the 12 months of the plan" in flat and "has no baseline" in flat
    summary = Document(str(out["docx"])).tables[0]
    assert summary.rows[0].cells[0].text == "Section" and len(summary.rows) == 9
    assert "2 open" in summary.rows[4].cells[2].text and summary.rows[1].cells[2].text == "Complete"
