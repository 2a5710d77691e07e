"""What the running Python needs to see on disk to run a grading kernel.

A sandboxed kernel sees an empty folder in place of the trainer's home, /tmp and the
course folders. The interpreter may live in any of them (pyenv and uv keep Pythons in
the home folder, a venv's base interpreter can be a symlink to one, a ``.pth`` file can
add a folder anywhere), so the sandbox asks this module which paths to bind back:
the executable (and every symlink on the way to it), the prefixes, the standard
library, every ``sys.path`` entry and the shared libraries the interpreter and the
standard extension modules link to outside the system folders. Nothing else.

Only the standard library is imported here (it runs in the kernel factory).
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import sysconfig

# Folders a sandbox never hides: libraries found there need no binding.
SYSTEM_DIRS = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/etc")


def symlink_chain(path: str) -> list[str]:
    """``path`` followed through every symlink, component by component: the symlinks met
    on the way (as paths) and the final real path, in order."""
    out: list[str] = []
    seen: set[str] = set()
    pending = os.path.abspath(path)
    while pending not in seen:
        seen.add(pending)
        parts = pending.strip("/").split("/")
        current = "/"
        for index, part in enumerate(parts):
            current = os.path.join(current, part)
            if os.path.islink(current):
                out.append(current)
                target = os.path.join(os.path.dirname(current), os.readlink(current))
                pending = os.path.normpath(os.path.join(target, *parts[index + 1:]))
                break
        else:
            out.append(pending)
            return out
    return out  # a symlink loop: the links found so far


def shared_libraries(binaries: list[str]) -> list[str]:
    """Shared libraries ``binaries`` link to (via ``ldd``), outside the system folders."""
    binaries = [b for b in binaries if os.path.isfile(b)]
    if not binaries:
        return []
    try:
        out = subprocess.run(["ldd", *binaries], capture_output=True, text=True, timeout=60,
                             env={"PATH": "/usr/bin:/bin", "LC_ALL": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    libs = set()
    for line in out.splitlines():
        if "=>" in line:
            target = line.split("=>", 1)[1].strip().split(" (", 1)[0].strip()
            if target.startswith("/"):
                libs.add(target)
    return sorted(lib for lib in libs if not _system(lib))


def mapped_files() -> list[str]:
    """Shared objects this process has mapped (loaded extension modules, their libraries)."""
    found = set()
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                fields = line.split(None, 5)
                if len(fields) == 6 and fields[5].startswith("/"):
                    path = fields[5].strip()
                    if ".so" in os.path.basename(path) and os.path.isfile(path):
                        found.add(path)
    except OSError:
        pass
    return sorted(found)


def _system(path: str) -> bool:
    return any(path == d or path.startswith(d + "/") for d in SYSTEM_DIRS)


def python_needs(package_root: str) -> list[str]:
    """Every path a kernel of this interpreter needs (existing ones, sorted; symlinks
    listed together with their targets). ``package_root`` (the checkout holding
    ``asm_course``) contributes only ``asm_course/`` and ``data/``, never the rest."""
    package_root = os.path.abspath(package_root)
    roots = [sys.executable, getattr(sys, "_base_executable", "") or "", sys.prefix, sys.exec_prefix,
             sys.base_prefix, sys.base_exec_prefix]
    roots += [sysconfig.get_path(name) or "" for name in ("stdlib", "platstdlib", "purelib", "platlib")]
    course_dirs = [os.path.join(package_root, "asm_course"), os.path.join(package_root, "data")]
    for entry in sys.path:
        if not entry or not os.path.isabs(entry):
            continue
        entry = os.path.abspath(entry)
        if entry == package_root:
            roots += course_dirs
        elif not entry.startswith(package_root + "/") or any(
                entry == d or entry.startswith(d + "/") for d in course_dirs):
            roots.append(entry)  # never another folder of the checkout (tests/, solutions/)
    dynload = glob.glob(os.path.join(sysconfig.get_path("platstdlib") or "", "lib-dynload", "*.so"))
    executable = os.path.realpath(sys.executable)
    roots += shared_libraries([executable, *dynload])
    roots += [f for f in mapped_files() if not _system(f)]
    needs: set[str] = set()
    for root in roots:
        if root and os.path.lexists(root) and root != "/":
            needs.update(symlink_chain(root))
    return prune(needs)


def prune(paths: set[str]) -> list[str]:
    """``paths`` without those inside another real folder of the set (binding that
    folder carries them along)."""
    folders = [p for p in paths if os.path.isdir(p) and not os.path.islink(p)]
    return sorted(p for p in paths
                  if p != "/" and not any(f != p and p.startswith(f.rstrip("/") + "/") for f in folders))
