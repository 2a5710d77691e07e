"""The JupyterLab server process of ``asm-course lab``: started with its own state, waited
for until it answers on its port, and stopped with the command.

The server runs in its own session (so a Ctrl-C in the terminal reaches only
``asm-course lab``, which then stops it in order) and, on Linux, is told by the kernel
to stop if ``asm-course lab`` itself dies without cleaning up. Its log goes to a file.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from asm_course.lab_config import StateFolders, child_environment

STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s)
GRACE_SECONDS = 20   # Jupyter shuts its kernels down on SIGTERM; after this it is killed
_PR_SET_PDEATHSIG = 1


class Stop(Exception):
    """A stop signal reached ``asm-course lab``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stop(signum: int, _frame: object) -> None:
    raise Stop(signum)


def catch_stop_signals() -> None:
    """Turn Ctrl-C, SIGTERM and SIGHUP into ``Stop`` so the server is stopped in order."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stop)


def _die_with_parent() -> None:  # runs in the child, between fork and exec
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start(state: StateFolders, cwd: Path) -> subprocess.Popen:
    """Start ``jupyter lab`` in ``cwd`` (the folder it serves, where nbgrader looks for its
    configuration) with the configuration in ``state``; its output goes to the log."""
    with state.log.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "jupyterlab"],
            cwd=cwd, env=child_environment(state), stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)


def answers(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:``port``."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_until_serving(process: subprocess.Popen, port: int, poll: float = 0.2) -> bool:
    """Wait until the server listens on ``port`` (True) or exits first (False)."""
    while process.poll() is None:
        if answers(port):
            return True
        time.sleep(poll)
    return False


def stop(process: subprocess.Popen) -> None:
    """Stop the server and wait for it: SIGTERM (it shuts its kernels down), then SIGKILL
    of its whole session after ``GRACE_SECONDS`` or at a second stop signal."""
    try:
        _signal_session(process, signal.SIGTERM)
        process.wait(timeout=GRACE_SECONDS)
    except (Stop, KeyboardInterrupt, subprocess.TimeoutExpired):
        _signal_session(process, signal.SIGKILL)
        process.wait()


def _signal_session(process: subprocess.Popen, signum: int) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:  # it ended meanwhile
            pass


def log_tail(path: Path, lines: int = 15) -> str:
    """The last lines of the server log, to show when it failed to start."""
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
