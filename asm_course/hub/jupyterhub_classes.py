"""The JupyterHub parts of the workshop hub: an authenticator on the class list with
first-use passwords, and a local spawner that runs each person's JupyterLab as their own
system user, in the course environment, opening the course start page in their language."""

from __future__ import annotations

import os
import pwd
import resource
import shutil
from pathlib import Path

from jupyterhub.auth import LocalAuthenticator
from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Dict, Int, Unicode

from asm_course import layout
from asm_course.hub.passwords import PasswordStore


class ClassListAuthenticator(LocalAuthenticator):
    """Only people on the class list log in; the first password they use becomes theirs."""

    password_file = Unicode(config=True, help="JSON file of password hashes (root only).")
    languages = Dict(config=True, help="username -> course language, from the class list.")

    async def authenticate(self, handler, data):
        username = self.normalize_username(data.get("username", ""))
        if username not in self.languages:
            return None
        if PasswordStore(Path(self.password_file)).check_or_set(username, data.get("password", "")):
            return username
        return None


class CourseSpawner(LocalProcessSpawner):
    """JupyterLab of the course environment, as the person's system user, with per-user
    limits (address space per process, number of processes) and the course in their home."""

    languages = Dict(config=True, help="username -> course language, from the class list.")
    memory_mb = Int(1536, config=True, help="address-space limit of each of the user's processes")
    nproc = Int(256, config=True, help="most processes the user may run")

    def _lang(self) -> str:
        return self.languages.get(self.user.name, "en")

    def get_env(self):
        env = super().get_env()
        env["ASM_COURSE_LANG"] = self._lang()
        return env

    async def start(self):
        self.default_url = "/lab/tree/" + layout.start_page(self._lang())
        copy_course_into_home(self.user.name)
        return await super().start()

    def make_preexec_fn(self, name):
        switch_user = super().make_preexec_fn(name)
        memory, nproc = self.memory_mb * 1024 * 1024, self.nproc

        def limits_then_switch():
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
            os.nice(5)  # the hub and the proxy stay responsive when users compute
            switch_user()

        return limits_then_switch


def copy_course_into_home(username: str) -> None:
    """The course notebooks and exercises in the user's home, owned by them (first start only:
    their own edits are never overwritten)."""
    entry = pwd.getpwnam(username)
    home = Path(entry.pw_dir)
    if not home.is_dir():  # e.g. the home folder was deleted while the account stayed
        home.mkdir(mode=0o700, parents=True)
        os.chown(home, entry.pw_uid, entry.pw_gid)
    source = layout.repository_root() or layout.packaged_content()
    for name in layout.CONTENT_FOLDERS:
        target = home / name
        if target.exists() or not (source / name).is_dir():
            continue
        shutil.copytree(source / name, target)
        for folder, dirs, files in os.walk(target):
            for item in [folder, *(os.path.join(folder, f) for f in dirs + files)]:
                os.chown(item, entry.pw_uid, entry.pw_gid)
