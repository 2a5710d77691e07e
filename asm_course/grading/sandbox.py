"""Least privilege for participant code: resource limits, a scrubbed environment and,
when running as root, a private mount namespace and an unprivileged uid.

Only the standard library is imported here: this runs in every kernel process.
Linux only for the namespace part; elsewhere only limits and environment apply.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import signal
import stat
from dataclasses import asdict, dataclass, field

CLONE_NEWNS = 0x00020000
MS_BIND, MS_MOVE, MS_REC, MS_PRIVATE, MS_NOSUID, MS_NODEV = 4096, 8192, 16384, 1 << 18, 2, 4
PR_SET_PDEATHSIG = 1
UID_BASE = 3_000_000_000  # unprivileged uids with no passwd entry, one per grading job
THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
              "NUMEXPR_NUM_THREADS": "1"}
PASS_ENV = ("NBGRADER_EXECUTION", "NBGRADER_VALIDATING", "ASM_COURSE_LANG", "LANG", "LC_ALL", "TZ")


@dataclass
class Policy:
    """What a kernel may use. Paths are absolute; ``uid`` None means "do not switch user"."""

    memory_mb: int | None = 2048
    cpu_seconds: int | None = None
    fsize_mb: int = 64
    nproc: int = 128
    uid: int | None = None
    home: str = ""
    pythonpath: list[str] = field(default_factory=list)
    hide: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    tmp_mb: int = 64

    def to_dict(self) -> dict:
        return asdict(self)


def can_isolate() -> bool:
    """Root on Linux: private mount namespace and uid switch are available."""
    return hasattr(os, "geteuid") and os.geteuid() == 0 and os.path.exists("/proc/self/ns/mnt")


def probe_isolation() -> bool:
    """Whether a child process can really make a private mount namespace here (a
    container without CAP_SYS_ADMIN cannot)."""
    if not can_isolate():
        return False
    pid = os.fork()
    if pid == 0:
        try:
            libc = _libc()
            ok = libc.unshare(CLONE_NEWNS) == 0
            if ok:
                _mount(libc, "none", "/", None, MS_REC | MS_PRIVATE)
            os._exit(0 if ok else 1)
        except BaseException:
            os._exit(1)
    _, code = os.waitpid(pid, 0)
    return code == 0


def job_uid(slot: int) -> int:
    """A uid unique to this run and job slot (so jobs cannot signal each other)."""
    return UID_BASE + (os.getpid() % 1_000_000) * 1000 + slot % 1000


def kernel_env(policy: Policy, inherited: dict[str, str], python_bin: str) -> dict[str, str]:
    """The whole environment of a kernel: nothing of the trainer's but the basics."""
    home = policy.home
    env = {
        "PATH": os.pathsep.join([python_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": home, "USER": "participant", "LOGNAME": "participant",
        "TMPDIR": "/tmp", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        "PYTHONPATH": os.pathsep.join(policy.pythonpath),
        "MPLCONFIGDIR": os.path.join(home, "mpl"), "IPYTHONDIR": os.path.join(home, "ipython"),
        "JUPYTER_CONFIG_DIR": os.path.join(home, "jupyter"),
        "JUPYTER_DATA_DIR": os.path.join(home, "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": os.path.join(home, "runtime"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"), "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", **THREAD_ENV,
    }
    env.update({k: inherited[k] for k in PASS_ENV if k in inherited})
    return env


# ------------------------------------------------------------------ filesystem
def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def _mount(libc, source, target, fstype, flags, data=None) -> None:
    enc = lambda s: s.encode() if isinstance(s, str) else s  # noqa: E731
    if libc.mount(enc(source), enc(target), enc(fstype), flags, enc(data)) != 0:
        err = ctypes.get_errno()
        raise SandboxError(err, f"mount {source} on {target}: {os.strerror(err)}")


def _under(path: str, parent: str) -> bool:
    return path == parent or path.startswith(parent.rstrip("/") + "/")


def closed_ancestors(paths: list[str]) -> list[str]:
    """Folders above ``paths`` that other users cannot enter (a home folder of mode 0700
    or 0750 holding pyenv's Python): the unprivileged kernel could not reach what lies
    inside. Hiding them too gives an open empty folder with only the kept paths in it."""
    found = set()
    for path in paths:
        for candidate in {os.path.abspath(path), os.path.realpath(path)}:
            folder = os.path.dirname(candidate)
            while folder not in ("/", ""):
                try:
                    if not os.stat(folder).st_mode & stat.S_IXOTH:
                        found.add(folder)
                except OSError:
                    pass
                folder = os.path.dirname(folder)
    return sorted(found)


class SandboxError(OSError):
    """The private file-system view could not be built (names the path)."""


def isolate_filesystem(hide: list[str], keep: list[str], tmp_mb: int = 64) -> None:
    """In a new mount namespace, cover each folder of ``hide`` with an empty tmpfs,
    then bind back the paths of ``keep`` that lie inside it (same paths).

    ``keep`` may name symlinks (as ``interpreter.symlink_chain`` lists them): a symlink
    inside a hidden folder is re-created there, pointing where it pointed; its target
    must be kept too. Example: hide ``/root`` but keep the pyenv Python that lives in it.
    """
    libc = _libc()
    if libc.unshare(CLONE_NEWNS) != 0:
        raise SandboxError(ctypes.get_errno(), "unshare(CLONE_NEWNS) failed")
    _mount(libc, "none", "/", None, MS_REC | MS_PRIVATE)
    hide = sorted({os.path.realpath(h) for h in hide if h}, key=len)
    keep = [os.path.abspath(k) for k in keep if k and os.path.lexists(k)]
    links = {k: os.readlink(k) for k in keep if os.path.islink(k)}
    real = sorted({os.path.realpath(k) for k in keep if k not in links}, key=len)
    for h in hide:
        if not os.path.isdir(h) or h == "/":
            continue
        inside = [k for k in real if _under(k, h) and k != h]
        # a keep inside another keep is carried along by the outer bind
        inside = [k for k in inside if not any(o != k and _under(k, o) for o in inside)]
        handles = []
        try:
            for k in inside:  # O_PATH handles still reach the paths once they are covered
                handles.append((os.open(k, os.O_PATH | os.O_CLOEXEC), k))
            opts = (f"size={tmp_mb}m,mode=1777" if h in ("/tmp", "/var/tmp", "/dev/shm")
                    else "size=1m,mode=0755")
            _mount(libc, "tmpfs", h, "tmpfs", MS_NOSUID | MS_NODEV, opts)
            for fd, k in handles:
                os.makedirs(k if os.path.isdir(f"/proc/self/fd/{fd}") else os.path.dirname(k),
                            exist_ok=True)
                if not os.path.isdir(k) and not os.path.exists(k):
                    open(k, "w").close()
                _mount(libc, f"/proc/self/fd/{fd}", k, None, MS_BIND | MS_REC)
        finally:
            for fd, _ in handles:
                os.close(fd)
        for link, text in links.items():
            if _under(link, h) and not os.path.lexists(link):
                os.makedirs(os.path.dirname(link), exist_ok=True)
                os.symlink(text, link)


def drop_privileges(uid: int) -> None:
    """Become ``uid`` (group ``uid``, no supplementary groups); irreversible."""
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (set after setuid)."""
    try:
        _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def apply_limits(policy: Policy, switched_user: bool) -> None:
    """Memory (address space), CPU time, file size, processes, no core dumps."""
    def setlim(which: int, value: int) -> None:
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass

    if policy.memory_mb:
        setlim(resource.RLIMIT_AS, policy.memory_mb * 1024 * 1024)
    if policy.cpu_seconds:
        soft = policy.cpu_seconds
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 5))
        except (ValueError, OSError):
            pass
    setlim(resource.RLIMIT_FSIZE, policy.fsize_mb * 1024 * 1024)
    setlim(resource.RLIMIT_CORE, 0)
    if switched_user:  # counted per uid: only meaningful with a uid of our own
        setlim(resource.RLIMIT_NPROC, policy.nproc)


def kill_uid(uid: int) -> int:
    """SIGKILL every process of ``uid`` (the job's private uid); returns how many."""
    killed = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                for line in fh:
                    if line.startswith("Uid:"):
                        if int(line.split()[1]) == uid:
                            os.kill(int(entry), signal.SIGKILL)
                            killed += 1
                        break
        except (OSError, ValueError):
            continue
    return killed


def chown_tree(path: str, uid: int) -> None:
    for root, _dirs, files in os.walk(path):
        os.chown(root, uid, uid)
        for name in files:
            os.chown(os.path.join(root, name), uid, uid, follow_symlinks=False)
