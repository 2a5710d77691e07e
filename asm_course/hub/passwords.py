"""First-use passwords: the first password a person on the class list logs in with
becomes theirs; the trainer can clear it so that the next login sets a new one.
Stored as salted scrypt hashes in one JSON file only root can read. Standard library only."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

MIN_LENGTH = 8
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$<salt>$<hash>``, both base64."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def matches(password: str, stored: str) -> bool:
    """Whether ``password`` is the one behind ``stored`` (constant-time comparison)."""
    try:
        _scheme, salt, _digest = stored.split("$")
        expected = hash_password(password, base64.b64decode(salt))
    except ValueError:
        return False
    return hmac.compare_digest(expected, stored)


class PasswordStore:
    """The password file of one hub: username -> hash."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.is_file() else {}

    def _save(self, entries: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(entries, handle)
        os.replace(tmp, self.path)

    def check_or_set(self, username: str, password: str) -> bool:
        """True when ``password`` is the user's; on first use (no password yet) it becomes
        theirs if long enough."""
        entries = self._load()
        if username in entries:
            return matches(password, entries[username])
        if len(password) < MIN_LENGTH:
            return False
        entries[username] = hash_password(password)
        self._save(entries)
        return True

    def clear(self, username: str) -> bool:
        """Forget the user's password (their next login sets a new one); False if none was set."""
        entries = self._load()
        if entries.pop(username, None) is None:
            return False
        self._save(entries)
        return True
