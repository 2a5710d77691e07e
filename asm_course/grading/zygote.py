"""A warm kernel factory: one process imports the heavy modules once (ipykernel,
pandas, matplotlib, ipywidgets, the course checkers) and then forks a FRESH kernel
process for every notebook. No participant code ever runs in the factory itself, so
each kernel starts from the same pristine state as a newly launched one, minus the
import time. Each forked kernel is sandboxed (see ``sandbox.py``) before it runs.

jupyter_client starts kernels by command line, so the kernel spec runs a tiny proxy
(``python -m asm_course.grading.zygote client SOCKET POLICY {connection_file}``): it
asks the factory for a kernel, forwards interrupts and stays alive exactly as long as
that kernel; if the proxy is killed, the kernel kills itself.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys

START_FILE = "kernel-start.json"  # in the kernel's home: did the kernel start, or why not
EXIT_FILE = "kernel-exit.json"  # in the job folder: how the last kernel ended (from the factory)
DEFAULT_PRELOAD = ("asm_course.grading.jobs", "nbgrader.apps", "nbgrader.converters.autograde",
                   "nbclient", "ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "numpy", "pandas",
                   "matplotlib", "matplotlib.font_manager", "matplotlib_inline.backend_inline",
                   "ipywidgets", "asm_course.checks")


# ----------------------------------------------------------------------- server
def serve(sock_path: str, preload: list[str]) -> None:
    """Run the factory: import ``preload``, then fork one kernel per request."""
    import importlib

    from asm_course.grading.sandbox import die_with_parent

    die_with_parent()
    sys.path[:] = [p for p in sys.path if p not in ("", "/", os.getcwd())]
    for name in preload:
        try:
            importlib.import_module(name)
        except Exception:  # an optional module: the kernel imports it itself if needed
            pass
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(sock_path)
    os.chmod(sock_path, 0o600)
    server.listen(64)
    exit_files: dict[int, str] = {}
    signal.signal(signal.SIGCHLD, lambda *_: _reap(exit_files))
    from asm_course.grading.interpreter import python_needs
    from asm_course.grading.paths import package_root

    sys.stdout.write("ready " + json.dumps(python_needs(str(package_root()))) + "\n")
    sys.stdout.flush()
    while True:
        conn, _ = server.accept()
        with conn:
            try:
                request = json.loads(_readline(conn))
            except ValueError:
                continue
            # SIGCHLD waits until the exit file is registered, even if the child dies at once
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
            pid = os.fork()
            if pid and request.get("exit_file"):
                exit_files[pid] = request["exit_file"]
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
            if pid == 0:
                server.close()
                conn.close()
                code = 70
                try:
                    if request.get("kind") == "job":
                        _job_child(request)
                    else:
                        _kernel_child(request)
                    code = 0
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
                except BaseException:
                    import traceback

                    traceback.print_exc()
                finally:
                    os._exit(code)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _reap(exit_files: dict[int, str]) -> None:
    """Reap every finished child; for a kernel, write how it ended to its exit file
    (exit code or signal, and its peak memory) for the job to explain a dead kernel."""
    while True:
        try:
            pid, code, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        path = exit_files.pop(pid, None)
        if path:
            info = {"pid": pid, "code": os.WEXITSTATUS(code) if os.WIFEXITED(code) else None,
                    "signal": os.WTERMSIG(code) if os.WIFSIGNALED(code) else None,
                    "peak_mb": usage.ru_maxrss // 1024}
            try:
                with open(path + ".tmp", "w", encoding="utf-8") as fh:
                    json.dump(info, fh)
                os.replace(path + ".tmp", path)
            except OSError:
                pass


def _readline(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode()


def _job_child(request: dict) -> None:
    """In the forked child: grade one participant (see ``jobs.run_job``)."""
    from pathlib import Path

    from asm_course.grading import jobs
    from asm_course.grading.sandbox import die_with_parent

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()
    die_with_parent()
    data = request["job"]
    job = jobs.Job(**{**data, "folder": Path(data["folder"]), "template": Path(data["template"])})
    log = os.open(job.folder / "job.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    jobs.run_job(job)


class Forked:
    """A process forked by the factory (not our child): poll and kill via a pidfd."""

    def __init__(self, pid: int):
        self.pid = pid
        try:
            self._fd: int | None = os.pidfd_open(pid)
        except OSError:
            self._fd = None

    def is_alive(self) -> bool:
        if self._fd is None:
            return False
        readable, _, _ = select.select([self._fd], [], [], 0)
        return not readable

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def spawn_job(sock_path: str, job: dict) -> Forked:
    """Ask the factory to fork a grading job; returns a handle on it."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(sock_path)
        conn.sendall(json.dumps({"kind": "job", "job": job}).encode() + b"\n")
        return Forked(json.loads(_readline(conn))["pid"])


def _kernel_child(request: dict) -> None:
    """In the forked child: sandbox this process, then become an IPython kernel."""
    import threading

    from asm_course.grading import sandbox

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setsid()
    policy = sandbox.Policy(**request["policy"])
    cwd = request["cwd"]
    try:
        watch = os.pidfd_open(request["proxy_pid"])
    except (OSError, AttributeError):
        watch = None
    with open(request["connection_file"], encoding="utf-8") as fh:
        connection = fh.read()
    for sub in ("", "runtime", "mpl", "ipython", "jupyter", "jupyter-data", "cache", "config"):
        os.makedirs(os.path.join(policy.home, sub), exist_ok=True)
    conn_copy = os.path.join(policy.home, "runtime", "kernel-connection.json")
    with open(conn_copy, "w", encoding="utf-8") as fh:
        fh.write(connection)
    # how far the kernel got, for the job to explain a kernel that never started; the
    # file is opened before the sandbox is built, so it stays writable whatever happens
    marker = os.open(os.path.join(policy.home, START_FILE), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        switched = policy.uid is not None and sandbox.can_isolate()
        if switched and policy.uid is not None:
            sandbox.isolate_filesystem(policy.hide, [*policy.keep, cwd, policy.home], policy.tmp_mb)
            sandbox.chown_tree(policy.home, policy.uid)
            sandbox.drop_privileges(policy.uid)
        sandbox.die_with_parent()
        sandbox.apply_limits(policy, switched)
        os.umask(0o077)
        os.chdir(cwd)
        env = sandbox.kernel_env(policy, request.get("env", {}), os.path.dirname(sys.executable))
        os.environ.clear()
        os.environ.update(env)
        sys.path[:] = ["", *policy.pythonpath, *[p for p in sys.path if p not in policy.pythonpath]]
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        if watch is not None:
            def _watchdog() -> None:
                select.select([watch], [], [])
                os._exit(1)  # the proxy is gone: nobody is listening any more

            threading.Thread(target=_watchdog, daemon=True, name="asm-proxy-watch").start()
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize(["-f", conn_copy, *request.get("argv", [])])
    except BaseException as exc:
        os.write(marker, json.dumps({"started": False,
                                     "error": f"{type(exc).__name__}: {exc}"[:800]}).encode())
        raise
    os.write(marker, json.dumps({"started": True}).encode())
    os.close(marker)
    app.start()


# ----------------------------------------------------------------------- proxy
def client(sock_path: str, policy_path: str, connection_file: str, argv: list[str]) -> int:
    """The kernel command jupyter_client runs: get a kernel from the factory and
    live as long as it does, forwarding signals."""
    from asm_course.grading.sandbox import PASS_ENV, die_with_parent

    die_with_parent()
    with open(policy_path, encoding="utf-8") as fh:
        policy = json.load(fh)
    request = {"connection_file": os.path.abspath(connection_file), "cwd": os.getcwd(),
               "policy": policy, "argv": argv, "proxy_pid": os.getpid(),
               "exit_file": os.path.join(os.path.dirname(os.path.abspath(policy_path)), EXIT_FILE),
               "env": {k: os.environ[k] for k in PASS_ENV if k in os.environ}}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(sock_path)
        conn.sendall(json.dumps(request).encode() + b"\n")
        pid = json.loads(_readline(conn))["pid"]

    def forward(signum, _frame):
        try:
            os.kill(pid, signum)
        except OSError:
            pass
        if signum != signal.SIGINT:
            os._exit(128 + signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, forward)
    try:
        fd = os.pidfd_open(pid)
    except OSError:
        return 0
    while True:
        readable, _, _ = select.select([fd], [], [])
        if readable:
            return 0


def start_factory(sock_path: str, env: dict[str, str], log_path: str,
                  preload: list[str] | None = None):
    """Start the factory process and wait until it is ready; returns the Popen and the
    paths its interpreter needs (``interpreter.python_needs``)."""
    import subprocess

    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "asm_course.grading.zygote", "serve", sock_path,
             *(preload if preload is not None else DEFAULT_PRELOAD)],
            env=env, stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL,
            cwd="/", start_new_session=True)
    line = proc.stdout.readline().decode() if proc.stdout else ""
    if not line.startswith("ready "):
        proc.kill()
        proc.wait()
        raise RuntimeError("the kernel factory did not start")
    return proc, json.loads(line[len("ready "):])


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(client(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]))
