"""`asm-course lab`: port choice, the server's own configuration, the participant's view of
the work folder, error texts, the install progress of `make lab`, the .gitignore rules, and
real JupyterLab servers started, queried through their REST API and stopped by a signal."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

from asm_course import cli, i18n, lab_install, lab_server, layout
from asm_course.authoring import REPO
from asm_course.lab import choose_port, ready_box
from asm_course.lab_config import (
    NBGRADER_SERVER_EXTENSIONS,
    LabSettings,
    StateFolders,
    child_environment,
    free_port,
    port_is_free,
    write_state,
)
from asm_course.lab_folder import LabError, participant_view, start_page

START_TIMEOUT = 240  # a cold JupyterLab on a busy 2-core machine


@pytest.fixture
def listening() -> Iterator[int]:
    """A port some other program listens on (127.0.0.1)."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", free_port(9400)))
        other.listen()
        yield other.getsockname()[1]


# --- ports ------------------------------------------------------------------------------

@pytest.mark.unit
def test_a_busy_port_is_detected_and_the_next_free_one_is_used(listening):
    assert not port_is_free(listening)
    chosen, note = choose_port(listening)
    assert chosen > listening and port_is_free(chosen)
    assert f"Port {listening} is busy" in note and f"port {chosen}" in note


@pytest.mark.unit
def test_a_port_held_on_every_interface_is_busy_too():
    with socket.socket() as other:
        other.bind(("0.0.0.0", free_port(9450)))
        other.listen()
        assert not port_is_free(other.getsockname()[1])


@pytest.mark.unit
def test_a_free_port_asked_for_is_used_without_a_note():
    port = free_port(9500)
    assert choose_port(port) == (port, None)


# --- the server's configuration ---------------------------------------------------------

def settings(tmp_path: Path, trainer: bool = False, locale: str = "es_ES") -> LabSettings:
    return LabSettings(root=tmp_path / "view", start_page="course/en/start_here.ipynb", port=9123,
                       token="abc123", locale=locale, trainer=trainer, open_browser=False)


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.unit
def test_participant_configuration_is_written_into_the_state_folder_only(tmp_path):
    state = StateFolders.inside(tmp_path / "state")
    write_state(settings(tmp_path), state)
    server = read_json(state.config / "jupyter_server_config.json")
    assert server["ServerApp"]["root_dir"] == str(tmp_path / "view")
    assert server["ServerApp"]["ip"] == "127.0.0.1" and server["ServerApp"]["port"] == 9123
    assert server["ServerApp"]["default_url"] == "/lab/tree/course/en/start_here.ipynb"
    assert server["IdentityProvider"]["token"] == "abc123"
    assert server["ServerApp"]["jpserver_extensions"] == {name: False for name in NBGRADER_SERVER_EXTENSIONS}
    lab = server["LabApp"]
    assert {lab["app_settings_dir"], lab["user_settings_dir"], lab["workspaces_dir"]} == {
        str(state.app_settings), str(state.user_settings), str(state.workspaces)}
    disabled = read_json(state.config / "labconfig" / "page_config.json")["disabledExtensions"]
    assert disabled == {"@jupyterlab/apputils-extension:announcements": True, "@jupyter/nbgrader": True}
    assert read_json(state.app_settings / "overrides.json") == {
        "@jupyterlab/translation-extension:plugin": {"locale": "es_ES"},
        "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True}}
    assert list(state.user_settings.iterdir()) == [] and list(state.workspaces.iterdir()) == []
    assert (state.config / "jupyter_server_config.json").stat().st_mode & 0o077 == 0, "the token file is private"


@pytest.mark.unit
def test_trainer_configuration_keeps_nbgrader_and_drops_only_the_news(tmp_path):
    state = StateFolders.inside(tmp_path / "state")
    write_state(settings(tmp_path, trainer=True, locale="en"), state)
    assert "jpserver_extensions" not in read_json(state.config / "jupyter_server_config.json")["ServerApp"]
    assert read_json(state.config / "labconfig" / "page_config.json")["disabledExtensions"] == {
        "@jupyterlab/apputils-extension:announcements": True}


@pytest.mark.unit
def test_the_server_reads_its_configuration_first_and_never_from_home(tmp_path):
    state = StateFolders.inside(tmp_path / "state")
    env = child_environment(state, {"HOME": "/home/someone", "JUPYTER_CONFIG_PATH": "/etc/site-jupyter"})
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(state.config), "/etc/site-jupyter"]
    assert env["JUPYTER_CONFIG_DIR"] == str(state.config)
    assert env["JUPYTER_RUNTIME_DIR"] == str(state.runtime)


# --- what is served ---------------------------------------------------------------------

def course_tree(folder: Path, *langs: str) -> Path:
    for lang in langs:
        (folder / "course" / lang).mkdir(parents=True)
        (folder / layout.start_page(lang)).write_text("{}")
    (folder / "exercises").mkdir(exist_ok=True)
    (folder / "solutions").mkdir(exist_ok=True)
    return folder


@pytest.mark.unit
def test_the_participant_view_holds_course_and_exercises_but_not_solutions(tmp_path):
    work = course_tree(tmp_path, "en")
    view = participant_view(work)
    assert sorted(p.name for p in view.iterdir()) == ["course", "exercises"]
    assert (view / layout.start_page("en")).is_file()
    (view / "my_notes.ipynb").write_text("{}")
    assert participant_view(work) == view and (view / "my_notes.ipynb").is_file(), "a second start keeps files"


@pytest.mark.unit
def test_the_start_page_of_the_language_asked_for(tmp_path):
    assert start_page(course_tree(tmp_path, "en", "es"), "es").path == "course/es/start_here.ipynb"


@pytest.mark.unit
def test_a_language_without_course_pages_opens_the_english_page_with_a_note(tmp_path):
    page = start_page(course_tree(tmp_path, "en"), "es")
    assert page.path == "course/en/start_here.ipynb"
    assert f"no course/es/start_here.ipynb in {tmp_path}" in page.note
    assert "languages available here: en" in page.note


@pytest.mark.unit
def test_messages_name_the_work_folder_rather_than_its_view(tmp_path):
    work = course_tree(tmp_path, "en")
    assert f"in {work} yet" in start_page(participant_view(work), "es", shown=work).note


@pytest.mark.unit
def test_no_start_page_at_all_says_what_was_looked_for_and_where(tmp_path):
    (tmp_path / "course").mkdir()
    with pytest.raises(LabError) as problem:
        start_page(tmp_path, "es")
    message = str(problem.value)
    assert f"No course/es/start_here.ipynb in {tmp_path}" in message
    assert "--dir" in message and "not a clone" not in message


@pytest.mark.unit
def test_the_command_reports_a_folder_without_course_pages(tmp_path, capsys):
    (tmp_path / "course").mkdir()  # present, so nothing is copied in, but without a start page
    (tmp_path / "exercises").mkdir()
    try:
        assert cli.main(["lab", "--dir", str(tmp_path), "--lang", "en", "--no-browser"]) == 2
    finally:
        i18n.set_language("en")
    assert f"No course/en/start_here.ipynb in {tmp_path}" in capsys.readouterr().err


@pytest.mark.unit
def test_an_unknown_language_names_the_choices(capsys):
    assert cli.main(["lab", "--lang", "fr", "--no-browser"]) == 2
    assert "Unknown language 'fr' for --lang; choose one of: en, es, pt." in capsys.readouterr().err


@pytest.mark.unit
def test_every_lab_message_has_a_spanish_entry():
    keys = [k for k in i18n.catalogue("en") if k.startswith(("lab.", "install."))]
    assert keys and all(i18n.catalogue("es").get(k) for k in keys)


@pytest.mark.unit
def test_the_ready_box_keeps_the_address_on_one_line():
    url = "http://127.0.0.1:8888/lab/tree/course/en/start_here.ipynb?token=" + "a" * 32
    lines = ready_box(["Open:", f"  {url}", "Stop: Ctrl+C"]).splitlines()
    assert len(lines) == 5 and len({len(line) for line in lines}) == 1
    assert any(line.startswith(f"│   {url} ") for line in lines)


# --- make lab: install progress and git ---------------------------------------------------

@pytest.mark.unit
def test_install_progress_reads_pip_output():
    progress = lab_install.Progress()
    shown = [progress.read(line) for line in (
        "Obtaining file:///src/asm-course\n", "Collecting pandas==3.1.1\n", "  Using cached pandas.whl\n",
        "Requirement already satisfied: six==1.17.0 in ./.venv\n",
        "Installing collected packages: pandas, asm-course\n")]
    assert shown == ["packages checked: 1", "packages checked: 2", None, "packages checked: 3",
                     "packages to install: 2 (the longest step: one to a few minutes) ..."]


@pytest.mark.unit
def test_a_failed_install_shows_the_end_of_pip_output_and_the_log(tmp_path):
    log = tmp_path / "install.log"
    out = tmp_path / "out.txt"
    with out.open("w") as stream:
        code = lab_install.run(log, ["--no-index", str(tmp_path / "no-such-project")], out=stream)
    shown = out.read_text()
    assert code != 0
    assert f"all of it is in {log}" in shown
    assert "no-such-project" in shown and "no-such-project" in log.read_text()


@pytest.mark.unit
def test_answers_files_and_the_lab_view_are_ignored_by_git():
    paths = ["exercises/en/m00_getting_started/m00_answers.json", "course/en/m12_answers.json",
             ".asm-course-lab/participant/course"]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=REPO,
                             capture_output=True, text=True).stdout.split()
    assert ignored == paths
    kept = subprocess.run(["git", "check-ignore", "--no-index", "exercises/en/m00_getting_started/m00_exercises.ipynb"],
                          cwd=REPO, capture_output=True, text=True)
    assert kept.returncode == 1, "an exercise notebook must not be ignored"


# --- the server process -------------------------------------------------------------------

def child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], start_new_session=True, stdout=subprocess.PIPE, text=True)


@pytest.mark.unit
def test_a_server_that_ignores_sigterm_is_killed_after_the_grace_time(monkeypatch):
    monkeypatch.setattr(lab_server, "GRACE_SECONDS", 1)
    stubborn = child("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('deaf', flush=True);"
                     " time.sleep(600)")
    assert stubborn.stdout.readline() == "deaf\n"
    lab_server.stop(stubborn)
    assert stubborn.returncode == -signal.SIGKILL


@pytest.mark.unit
def test_waiting_for_a_server_that_exits_first_returns_false():
    assert lab_server.wait_until_serving(child("raise SystemExit(3)"), free_port(9550)) is False


# --- real servers -------------------------------------------------------------------------

@dataclass
class LabRun:
    """One `asm-course lab` process and what it printed."""

    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    output: queue.Queue = field(default_factory=queue.Queue)
    url: str = ""
    token: str = ""
    port: int = 0

    def api(self, path: str, method: str = "GET", body: dict | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def page_config(self) -> dict:
        """The configuration JupyterLab's page is served with."""
        page = self.api("/lab")[1].decode()
        return json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                    page, re.S)[1])

    def rest_of_output(self) -> list[str]:
        """Everything printed after the box, once the process has ended."""
        self.process.wait(timeout=60)
        rest = []
        while (line := self.output.get(timeout=10)) is not None:
            rest.append(line)
        return rest


def start_lab(*args: str) -> LabRun:
    """Start `asm-course lab --no-browser ARGS` and wait until it has printed its box."""
    process = subprocess.Popen([sys.executable, "-m", "asm_course.cli", "lab", "--no-browser", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    run = LabRun(process)

    def pump() -> None:
        for line in process.stdout:
            run.output.put(line)
        run.output.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    while not (run.lines and run.lines[-1].startswith("╰")):
        line = run.output.get(timeout=max(deadline - time.monotonic(), 0.1))
        assert line is not None, "asm-course lab ended before it was ready:\n" + "".join(run.lines)
        run.lines.append(line)
    found = re.search(r"(http://127\.0\.0\.1:(\d+)/lab/tree/\S+\?token=(\w+))", "".join(run.lines))
    run.url, run.port, run.token = found[1], int(found[2]), found[3]
    return run


def stop_and_check_nothing_is_left(run: LabRun, signum: int) -> list[str]:
    """Send ``signum`` to `asm-course lab`; no process it started and no listening port may
    remain. Returns what it printed after the box."""
    left = psutil.Process(run.process.pid).children(recursive=True)
    assert any("jupyterlab" in " ".join(p.cmdline()) for p in left), "the server is a child of the command"
    run.process.send_signal(signum)
    rest = run.rest_of_output()
    assert run.process.returncode == (-signal.SIGKILL if signum == signal.SIGKILL else 0)
    gone, alive = psutil.wait_procs(left, timeout=30)
    assert alive == [], f"left running: {[p.cmdline() for p in alive]}"
    assert port_is_free(run.port), f"something still listens on port {run.port}"
    return rest


def start_kernel(run: LabRun) -> None:
    """Start a kernel through the REST API, so that its end is checked too."""
    status, body = run.api("/api/kernels", method="POST")
    assert status == 201, body


@pytest.mark.slow
def test_participant_lab_hides_solutions_prints_its_box_last_and_stops_on_sigterm():
    run = start_lab()
    try:
        assert run.url.endswith(f"/lab/tree/course/en/start_here.ipynb?token={run.token}")
        assert run.lines[-1].startswith("╰") and "Ctrl+C" in "".join(run.lines[-4:])
        assert not any("ServerApp" in line or "LabApp" in line for line in run.lines), "server logs on screen"
        log = Path(re.search(r"messages: (\S+jupyterlab\.log)", "".join(run.lines))[1])
        assert "Jupyter Server" in log.read_text(), "the server's log goes to the file named in the box"

        status, body = run.api("/api/contents")
        assert status == 200 and sorted(item["name"] for item in json.loads(body)["content"]) == [
            "course", "exercises"]
        for path in ("solutions", "solutions/en", "course/../solutions", "course/../../solutions",
                     "course/%2E%2E/%2E%2E/solutions", "..%2Fsolutions/en"):
            assert run.api(f"/api/contents/{path}")[0] in (400, 403, 404), f"/api/contents/{path} is reachable"
        assert run.api("/api/contents/exercises/en/m00_getting_started/m00_exercises.ipynb")[0] == 200
        assert run.api("/formgrader")[0] == 404, "nbgrader's formgrader must be off for participants"
        disabled = run.page_config()["disabledExtensions"]
        assert {"@jupyter/nbgrader", "@jupyterlab/apputils-extension:announcements"} <= set(disabled)
        start_kernel(run)
    except BaseException:
        run.process.kill()
        raise
    rest = stop_and_check_nothing_is_left(run, signal.SIGTERM)
    assert rest == ["\n", "Stopping JupyterLab ...\n", "JupyterLab has stopped.\n"], "output after the box"


@pytest.mark.slow
def test_a_busy_port_is_skipped_and_ctrl_c_stops_everything(listening):
    run = start_lab("--port", str(listening))
    try:
        assert f"Port {listening} is busy" in "".join(run.lines)
        assert run.port > listening
        start_kernel(run)
    except BaseException:
        run.process.kill()
        raise
    stop_and_check_nothing_is_left(run, signal.SIGINT)


def saved_workspaces(run: LabRun) -> list[str]:
    status, body = run.api("/lab/api/workspaces")
    assert status == 200, body
    return json.loads(body)["workspaces"]["ids"]


@pytest.mark.slow
def test_closing_the_terminal_stops_everything_and_the_next_start_restores_no_tab():
    first = start_lab()
    try:
        tabs = {"main-area": {"current": "notebook:course/en/m00_getting_started.ipynb"},
                "notebook:course/en/m00_getting_started.ipynb": {
                    "data": {"path": "course/en/m00_getting_started.ipynb", "factory": "Notebook"}}}
        status, body = first.api("/lab/api/workspaces/default", method="PUT",
                                 body={"data": tabs, "metadata": {"id": "default"}})
        assert status == 204, body
        assert saved_workspaces(first) == ["default"]
    except BaseException:
        first.process.kill()
        raise
    stop_and_check_nothing_is_left(first, signal.SIGHUP)
    second = start_lab()
    try:
        assert saved_workspaces(second) == [], "a tab of the last session would be restored"
    finally:
        stop_and_check_nothing_is_left(second, signal.SIGTERM)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the server is tied to the command by Linux's prctl")
def test_even_a_killed_command_leaves_no_server():
    run = start_lab()
    start_kernel(run)
    assert stop_and_check_nothing_is_left(run, signal.SIGKILL) == []


@pytest.mark.slow
def test_trainer_lab_shows_solutions_and_nbgrader(tmp_path):
    run = start_lab("--trainer", "--dir", str(tmp_path))
    try:
        names = {item["name"] for item in json.loads(run.api("/api/contents")[1])["content"]}
        assert {"course", "exercises", "solutions"} <= names
        assert run.api("/formgrader")[0] != 404
        assert run.page_config()["disabledExtensions"] == ["@jupyterlab/apputils-extension:announcements"]
    finally:
        stop_and_check_nothing_is_left(run, signal.SIGTERM)
