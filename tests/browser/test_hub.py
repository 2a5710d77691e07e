"""The workshop server for real, on 127.0.0.1: `asm-course hub start` (JupyterHub, the
npm-installed configurable-http-proxy, the class-list authenticator, one system user per
person, the idle culler), a trainer and three participants, nbgrader's exchange end to end
(release, fetch, submit — one participant through headless Chromium answering a widget
question —, collect, `asm-course autograde`, `feedback`, return of feedback), the scores,
who can read what, and the start time, spawn time and memory of each server.

Needs root: it makes system users (removed afterwards) and, on this machine, a private mount
namespace for the hub (see OPEN_PYENV)."""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest
import requests
from browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium, run_all
from grading_fixtures import _strip_markers, fill

from asm_course.hub.command import deploy_folder
from asm_course.nbgrader_settings import COURSE_ID

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "m00_getting_started"
NOTEBOOK = "m00_exercises.ipynb"
TIMEOUT = 240  # seconds: a cold start on a loaded 2-core machine
MEMORY_MB = 1536


def require(condition: bool, message: str) -> None:
    if not condition:
        pytest.skip(message)


def wait_for(predicate, timeout: float = TIMEOUT, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


# This machine's Python lives under /root (pyenv), which other users cannot enter, while each
# participant's JupyterLab runs as that participant. A real server makes the course venv from a
# system Python instead (deploy/jupyterhub/README.md). Here the hub runs in a private mount
# namespace in which /root is an empty 0711 folder holding only pyenv: every user reaches the
# course venv's interpreter at its usual path, nothing changes outside the namespace, and
# root's home stays out of reach of the test.
OPEN_PYENV = """set -e
mkdir -p "$BASE/pyenv"
mount --bind /root/.pyenv "$BASE/pyenv"
mount -t tmpfs -o mode=0711 tmpfs /root
mkdir /root/.pyenv
mount --bind "$BASE/pyenv" /root/.pyenv
exec "$@"
"""


def in_namespace(base: Path) -> list[str]:
    """The command prefix that runs the hub where participants can use the course venv."""
    if not os.path.realpath(sys.executable).startswith("/root/"):
        return []
    return ["unshare", "--mount", "--propagation", "private", "env", f"BASE={base}", "sh", "-c", OPEN_PYENV, "sh"]


def as_user(user: str, *command: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
    """Run ``command`` as the system user ``user`` (their uid, gid and home) with the course
    environment, in the hub's mount namespace (``kw["hub_pid"]``)."""
    entry = pwd.getpwnam(user)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": entry.pw_dir, "LANG": "C.UTF-8",
           "JUPYTER_CONFIG_PATH": kw.pop("config_path", "")}
    tool = {"asm-course": [sys.executable, "-m", "asm_course.cli"], "nbgrader": [sys.executable, "-m", "nbgrader"]}
    result = subprocess.run(["nsenter", f"--target={kw.pop('hub_pid')}", "--mount", f"--wd={entry.pw_dir}", "--",
                             "setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups",
                             *tool.get(command[0], command[:1]), *command[1:]], capture_output=True, text=True, env=env, cwd=entry.pw_dir,
                            timeout=kw.pop("timeout", TIMEOUT), **kw)
    if check:
        assert result.returncode == 0, f"{command} as {user}:\n{result.stdout}\n{result.stderr}"
    return result


class Hub:
    """The running hub of this test module and what it measured."""

    def __init__(self, base: Path, url: str, people: dict[str, str], process: subprocess.Popen, log: Path):
        self.base, self.url, self.people, self.process, self.log = base, url, people, process, log
        self.exchange = base / "exchange"
        self.config_path = str(base / "state" / "singleuser-config")
        self.measured: dict[str, object] = {}

    def login(self, user: str) -> requests.Session:
        """Log in through the hub's login page (first use sets the password) and wait until the
        user's JupyterLab answers; records the spawn time."""
        session = requests.Session()
        session.get(f"{self.url}hub/login", timeout=30)
        started = time.monotonic()
        response = session.post(f"{self.url}hub/login", timeout=TIMEOUT, data={
            "username": user, "password": self.people[user], "_xsrf": session.cookies.get("_xsrf")})
        assert response.status_code == 200, response.text[:500]

        def ready():  # the page goes through the hub's OAuth, which gives the server's cookie
            r = session.get(f"{self.url}user/{user}/lab", timeout=30)
            return r.status_code == 200 and f"/user/{user}/lab" in r.url

        try:
            wait_for(ready, what=f"{user}'s server")
        except AssertionError:
            raise AssertionError(f"{user}'s server did not come up:\n" + self.log.read_text()[-4000:]) from None
        self.measured.setdefault("spawn_s", {})[user] = round(time.monotonic() - started, 1)
        return session

    def as_user(self, user: str, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        return as_user(user, *command, check=check, hub_pid=self.process.pid, config_path=self.config_path)

    def user_api(self, session: requests.Session, user: str, method: str, path: str, **kw) -> requests.Response:
        # the user's server sets its own _xsrf cookie beside the hub's (path /hub/)
        xsrf = next(c.value for c in session.cookies if c.name == "_xsrf" and not (c.path or "").startswith("/hub"))
        response = session.request(method, f"{self.url}user/{user}/{path}", timeout=TIMEOUT,
                                   headers={"X-XSRFToken": xsrf}, **kw)
        assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text[:500]}"
        return response


def user_processes(user: str) -> list[psutil.Process]:
    uid = pwd.getpwnam(user).pw_uid
    return [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid]


def memory_mb(user: str) -> dict[str, float]:
    """RSS and PSS (shared pages split between processes) of all the user's processes."""
    rss = pss = 0
    for process in user_processes(user):
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        rss, pss = rss + info.rss, pss + info.pss
    return {"rss_mb": round(rss / 2**20), "pss_mb": round(pss / 2**20)}


@pytest.fixture(scope="module")
def hub():
    require(os.geteuid() == 0, "the hub test needs root (it creates system users)")
    folder = deploy_folder()
    require(folder is not None and (folder / "node_modules/.bin/configurable-http-proxy").exists(),
            "configurable-http-proxy is not installed: run make hub-setup")
    base = Path(tempfile.mkdtemp(prefix="asm-hub-", dir="/tmp"))
    base.chmod(0o755)
    tag = secrets.token_hex(2)
    trainer, participants = f"t{tag}-trainer", [f"t{tag}-p{i}" for i in (1, 2, 3)]
    people = {name: secrets.token_urlsafe(12) for name in [trainer, *participants]}
    classlist = base / "classlist.csv"
    classlist.write_text("username,name,role,lang\n" + f"{trainer},Trainer,trainer,en\n"
                         + "".join(f"{p},Participant {i},participant,en\n" for i, p in enumerate(participants, 1)))
    from asm_course.lab import free_port

    port = free_port(8300)
    log = base / "hub.log"
    started = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(
            [*in_namespace(base), sys.executable, "-m", "asm_course.cli", "hub", "start", "--classlist", str(classlist),
             "--ip", "127.0.0.1", "--port", str(port), "--state", str(base / "state"),
             "--exchange", str(base / "exchange"), "--home-base", str(base / "home"),
             "--memory-mb", str(MEMORY_MB)],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    running = Hub(base, url, people, process, log)
    try:
        def up():
            assert process.poll() is None, log.read_text()
            try:
                return requests.get(f"{url}hub/api/", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_for(up, what="the hub")
        running.measured["hub_start_s"] = round(time.monotonic() - started, 1)
        hub_tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
        running.measured["hub_proxy_culler_rss_mb"] = round(sum(p.memory_info().rss for p in hub_tree) / 2**20)
        running.trainer, running.participants = trainer, participants
        yield running
    finally:
        os.killpg(process.pid, signal.SIGTERM)   # the hub, its proxy and the idle culler
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        for name in people:
            try:
                leftovers = user_processes(name)      # the servers the hub started for them
            except KeyError:
                continue
            for leftover in leftovers:
                leftover.kill()
            psutil.wait_procs(leftovers, timeout=15)
            removed = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
            assert removed.returncode in (0, 12), removed.stderr  # 12: home already gone
        shutil.rmtree(base, ignore_errors=True)
        print("\nhub measurements:", json.dumps(running.measured))


def correct_answers() -> dict[str, str]:
    source = nbformat.read(REPO / "solutions/en" / ASSIGNMENT / NOTEBOOK, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: _strip_markers(c.source) for c in source.cells
            if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"}


BROWSER_POST = """async ([path, body]) => {
  const xsrf = document.cookie.split('; ').find(c => c.startsWith('_xsrf='))?.split('=')[1];
  const r = await fetch(path, {method: 'POST', headers: {'X-XSRFToken': decodeURIComponent(xsrf || '')},
                               body: new URLSearchParams(body)});
  return [r.status, await r.text()];
}"""


def browser_participant(hub: Hub, user: str) -> None:
    """Log in through the hub page, fetch the exercise, answer the widget question, save, submit."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    answers_file = hub.base / "home" / user / ASSIGNMENT / "m00_answers.json"
    form = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{hub.url}hub/login", timeout=TIMEOUT * 1000)
        page.fill("#username_input", user)
        page.fill("#password_input", hub.people[user])
        started = time.monotonic()
        page.click("#login_submit")
        # JupyterLab opens on the course start page in the participant's language
        page.wait_for_url(re.compile(rf"/user/{user}/lab/tree/course/en/start_here\.ipynb"), timeout=TIMEOUT * 1000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=TIMEOUT * 1000)
        hub.measured.setdefault("spawn_s", {})[user + " (browser, to the start page)"] = round(
            time.monotonic() - started, 1)
        status, text = page.evaluate(BROWSER_POST, [f"/user/{user}/assignments/fetch", form])
        assert status == 200 and ASSIGNMENT in text, text[:300]
        # a fresh workspace: only the exercise is open (not the start page restored beside it)
        page.goto(f"{hub.url}user/{user}/lab/workspaces/exercise/tree/{ASSIGNMENT}/{NOTEBOOK}?reset",
                  timeout=TIMEOUT * 1000)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=TIMEOUT * 1000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=TIMEOUT * 1000)
        run_all(page)
        executed = page.locator(".jp-InputArea-prompt", has_text=re.compile(r"\[\d+\]"))
        if executed.count() == 0:
            # the kernel was still connecting and the run was lost (prompts stay "[ ]"): run again,
            # as a participant would
            run_all(page)
        try:
            page.get_by_role("radio", name=re.compile("Give the range")).check(timeout=TIMEOUT * 1000)
        except Exception:
            page.screenshot(path="/tmp/deploy_hub_failure.png", full_page=True)
            raise
        wait_for(answers_file.exists, timeout=60, what="the widget answer file")
        assert json.loads(answers_file.read_text()) == {"m00.q6": "c"}
        hub.measured["memory_with_kernel"] = memory_mb(user)
        page.keyboard.press("Control+s")
        wait_for(lambda: "m00.q6.widget" in (hub.base / "home" / user / ASSIGNMENT / NOTEBOOK).read_text()
                 and page.locator(".jp-mod-dirty").count() == 0, timeout=60, what="the saved notebook")
        status, text = page.evaluate(BROWSER_POST, [f"/user/{user}/assignments/submit", form])
        assert status == 200 and '"success": false' not in text, text[:300]
        assert errors == [], errors
        browser.close()


def test_class_list_mistakes_name_file_row_and_column(tmp_path):
    from asm_course.hub.classlist import ClassListError, read_class_list

    path = tmp_path / "classlist.csv"
    cases = {
        "username,name,role,lang\nana,Ana,trainer,en\nluis,Luis,teacher,en\n": ("row 3", "column role", "teacher"),
        "username,name,role,lang\nana,Ana,trainer,en\nana,Ana B,participant,es\n": ("row 3", "column username"),
        "username,name,role,lang\nAna Pérez,Ana,trainer,en\n": ("row 2", "column username", "Ana Pérez"),
        "username,name,role,lang\nana,Ana,trainer,fr\n": ("row 2", "column lang", "fr"),
        "username,name,role\nana,Ana,trainer\n": ("lang", "username,name,role,lang"),
        "username,name,role,lang\nluis,Luis,participant,en\n": ("trainer",),
    }
    for text, expected in cases.items():
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ClassListError) as error:
            read_class_list(path, ["en", "es"])
        assert str(path) in str(error.value) and all(part in str(error.value) for part in expected), error.value
    path.write_text("username,name,role,lang\nana,Ana,trainer,es\nluis,Luis,participant,en\n", encoding="utf-8")
    people = read_class_list(path, ["en", "es"])
    assert [(p.username, p.is_trainer, p.lang) for p in people] == [("ana", True, "es"), ("luis", False, "en")]


def test_first_use_password_becomes_the_users_and_can_be_reset(tmp_path):
    from asm_course.hub.passwords import PasswordStore

    store = PasswordStore(tmp_path / "state" / "passwords.json")
    assert not store.check_or_set("ana", "short")               # too short: nothing is set
    assert store.check_or_set("ana", "a long secret")           # first use sets it
    assert not store.check_or_set("ana", "another secret")      # then only that one works
    assert store.check_or_set("ana", "a long secret")
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"
    assert "a long secret" not in store.path.read_text()
    assert store.clear("ana") and not store.clear("ana")
    assert store.check_or_set("ana", "a new secret")


@pytest.mark.browser
@pytest.mark.slow
def test_workshop_round_trip(hub):
    trainer, (p1, p2, p3) = hub.trainer, hub.participants
    grading = f"{hub.base}/home/{trainer}/grading"
    course_dir = [f"--CourseDirectory.root={grading}"]

    # everyone logs in at once, as at the start of a workshop session
    sessions: dict[str, requests.Session] = {}
    threads = [threading.Thread(target=lambda u=u: sessions.__setitem__(u, hub.login(u))) for u in (trainer, p1, p2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(sessions) == {trainer, p1, p2}, hub.log.read_text()[-3000:]
    home_p1 = hub.base / "home" / p1
    assert (home_p1 / "course/en/start_here.ipynb").is_file()          # the course is in each home
    assert oct(home_p1.stat().st_mode & 0o777) == "0o700"
    server = next(p for p in user_processes(p1) if "jupyterhub.singleuser" in " ".join(p.cmdline()))
    limits = Path(f"/proc/{server.pid}/limits").read_text()              # the per-user limits are applied
    assert re.search(rf"Max address space\s+{MEMORY_MB * 2**20}\s", limits), limits
    assert re.search(r"Max processes\s+256\s", limits), limits
    hub.measured["memory_server_only"] = memory_mb(p1)
    assert any("jupyterhub_idle_culler" in " ".join(p.cmdline()) for p in psutil.Process(hub.process.pid).children(True))

    # the trainer releases m00 to the exchange
    hub.as_user(trainer, "asm-course", "release", ASSIGNMENT, "--course-dir", grading)
    hub.as_user(trainer, "nbgrader", "release_assignment", ASSIGNMENT, *course_dir,
                "--CourseDirectory.release_directory=release/en")
    assert (hub.exchange / COURSE_ID / "outbound" / ASSIGNMENT / NOTEBOOK).is_file()

    # two participants through their own JupyterLab's nbgrader API, one in the browser
    form = {"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}
    for user in (p1, p2):
        listed = hub.user_api(sessions[user], user, "POST", "assignments/fetch", data=form).json()
        assert any(a["assignment_id"] == ASSIGNMENT for a in listed["value"]), listed
    path = f"api/contents/{ASSIGNMENT}/{NOTEBOOK}"
    fetched = nbformat.from_dict(hub.user_api(sessions[p1], p1, "GET", path).json()["content"])
    answered = fill(fetched, correct_answers())
    hub.user_api(sessions[p1], p1, "PUT", path, json={"type": "notebook", "format": "json",
                                                      "content": json.loads(nbformat.writes(answered))})
    hub.user_api(sessions[p1], p1, "PUT", f"api/contents/{ASSIGNMENT}/m00_answers.json",
                 json={"type": "file", "format": "text", "content": json.dumps({"m00.q6": "c"})})
    for user in (p1, p2):  # p2 hands in the blank exercise
        result = hub.user_api(sessions[user], user, "POST", "assignments/submit", data=form).json()
        assert result.get("success", True) is not False, result
    browser_participant(hub, p3)

    # nobody reads another's work: homes are private, the inbound cannot be listed
    inbound = hub.exchange / COURSE_ID / "inbound"
    assert len(os.listdir(inbound)) == 3
    assert hub.as_user(p2, "ls", str(hub.exchange / COURSE_ID / "outbound" / ASSIGNMENT)).returncode == 0
    for target in (f"{home_p1}/{ASSIGNMENT}/{NOTEBOOK}", str(inbound), grading):
        denied = hub.as_user(p2, "ls", target, check=False)
        assert denied.returncode != 0 and "Permission denied" in denied.stderr, (target, denied)

    # the trainer collects, autogrades, writes feedback and returns it
    hub.as_user(trainer, "nbgrader", "collect", ASSIGNMENT, *course_dir)
    started = time.monotonic()
    graded = hub.as_user(trainer, "asm-course", "autograde", ASSIGNMENT, "--course-dir", grading, "--jobs", "2",
                     check=False)
    hub.measured["autograde_3_s"] = round(time.monotonic() - started, 1)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    hub.as_user(trainer, "asm-course", "feedback", ASSIGNMENT, "--course-dir", grading)
    hub.as_user(trainer, "asm-course", "hub", "return-feedback", ASSIGNMENT, "--course-dir", grading)
    for user in (p1, p2):
        hub.user_api(sessions[user], user, "POST", "assignments/fetch_feedback", data=form)
    hub.as_user(p3, "nbgrader", "fetch_feedback", ASSIGNMENT)
    for user in (p1, p2, p3):
        pages = list((hub.base / "home" / user / ASSIGNMENT / "feedback").glob(f"*/{NOTEBOOK[:-6]}.html"))
        assert len(pages) == 1, (user, pages)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{grading}/gradebook.db", COURSE_ID) as gradebook:
        scores = {u: gradebook.find_submission(ASSIGNMENT, u).score for u in (p1, p2, p3)}
    assert scores == {p1: 10.0, p2: 0.0, p3: 1.0}   # all auto points; blank; the widget question only
