"""The settings of one workshop hub, passed from ``asm-course hub start`` to
``deploy/jupyterhub/jupyterhub_config.py`` through environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

PREFIX = "ASM_HUB_"


@dataclass(frozen=True)
class HubSettings:
    classlist: Path
    state: Path            # hub database, cookie secret, passwords, single-user config (root only)
    exchange: Path         # nbgrader's exchange, shared by every user
    home_base: Path        # one home folder per person is made in here
    proxy: Path            # the configurable-http-proxy executable (deploy/jupyterhub/node_modules)
    python: Path           # interpreter of the course environment, run by every user
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    lang: str = "en"       # language of the login page
    memory_mb: int = 1536  # per process of a user (server, each kernel)
    cpu_limit: float = 1.0
    nproc: int = 256       # processes per user
    cull_timeout: int = 3600
    cull_every: int = 300

    def to_environment(self) -> dict[str, str]:
        return {PREFIX + f.name.upper(): str(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> HubSettings:
        source: Mapping[str, str] = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = source.get(PREFIX + f.name.upper())
            if raw is None:
                continue
            kind = {"int": int, "float": float, "Path": Path}.get(str(f.type), str)
            values[f.name] = kind(raw)
        return cls(**values)
