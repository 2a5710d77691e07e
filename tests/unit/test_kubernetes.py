"""The Kubernetes path (deploy/kubernetes): the Zero to JupyterHub values use only keys the
chart documents, the embedded hub configuration is valid Python, and the single-user image
definition agrees with the project (environment.yml, the pinned jupyterhub, the course id,
the exchange path). No container engine runs on this machine, so the image is not built here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from asm_course.nbgrader_settings import COURSE_ID

REPO = Path(__file__).resolve().parents[2]
K8S = REPO / "deploy" / "kubernetes"

# Keys of the "jupyterhub" Helm chart (Zero to JupyterHub 4.x) that the course uses, copied from
# the chart's Configuration Reference (z2jh.jupyter.org, "resources/reference", which is generated
# from the chart's values.schema.yaml). Add a key here only after finding it in that reference.
DOCUMENTED = {
    "hub.config", "hub.extraConfig", "hub.db.type", "hub.resources",
    "proxy.service.type", "proxy.https.enabled", "proxy.https.hosts", "proxy.https.letsencrypt.contactEmail",
    "singleuser.image.name", "singleuser.image.tag", "singleuser.image.pullPolicy",
    "singleuser.defaultUrl", "singleuser.memory.limit", "singleuser.memory.guarantee",
    "singleuser.cpu.limit", "singleuser.cpu.guarantee", "singleuser.uid", "singleuser.fsGid",
    "singleuser.storage.type", "singleuser.storage.capacity", "singleuser.storage.homeMountPath",
    "singleuser.storage.extraVolumes", "singleuser.storage.extraVolumeMounts",
    "singleuser.lifecycleHooks", "singleuser.extraEnv", "singleuser.startTimeout",
    "singleuser.networkPolicy.enabled",
    "cull.enabled", "cull.timeout", "cull.every", "cull.users", "cull.maxAge",
    "scheduling.userScheduler.enabled", "scheduling.podPriority.enabled",
    "scheduling.userPlaceholder.enabled", "scheduling.userPlaceholder.replicas",
    "prePuller.hook.enabled", "prePuller.continuous.enabled",
}
# documented as free-form (JupyterHub traitlets, Kubernetes objects, name -> value maps)
FREE_FORM = {"hub.config", "hub.extraConfig", "singleuser.lifecycleHooks", "singleuser.extraEnv",
             "singleuser.storage.extraVolumes", "singleuser.storage.extraVolumeMounts"}


def leaf_keys(values: dict, prefix: str = "") -> list[str]:
    """Dotted paths of every key, stopping at free-form sections."""
    paths = []
    for key, value in values.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and path not in FREE_FORM:
            paths += leaf_keys(value, path + ".")
        else:
            paths.append(path)
    return paths


def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text())


def test_values_use_only_documented_chart_keys():
    used = leaf_keys(values())
    assert used and not sorted(set(used) - DOCUMENTED), sorted(set(used) - DOCUMENTED)


def test_leaf_keys_stop_at_free_form_sections_and_catch_typos():
    assert leaf_keys({"cull": {"enabled": True, "timeoutt": 3}}) == ["cull.enabled", "cull.timeoutt"]
    assert "cull.timeoutt" not in DOCUMENTED
    assert leaf_keys({"hub": {"config": {"Anything": {"x": 1}}}}) == ["hub.config"]


def test_hub_extra_config_is_python_and_sets_per_user_uid_and_language():
    snippets = values()["hub"]["extraConfig"]
    source = "\n".join(snippets.values())
    ast.parse(source)
    assert "c.KubeSpawner.uid" in source and "c.KubeSpawner.pre_spawn_hook" in source
    for lang in ("en", "es"):
        assert f"course/{lang}/start_here.ipynb" in source or "course/{lang}/start_here.ipynb" in source


def test_limits_culling_and_storage_are_set():
    v = values()
    assert v["cull"]["enabled"] is True and v["cull"]["timeout"] > 0
    assert v["singleuser"]["memory"]["limit"] and v["singleuser"]["cpu"]["limit"]
    assert v["singleuser"]["storage"]["type"] == "dynamic"
    copy = v["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"][-1]
    assert copy.startswith("cp -rn ") and '"$HOME"/' in copy  # into the person's own (persistent) home
    assert v["hub"]["config"]["NativeAuthenticator"]["open_signup"] is False


def test_image_definition_agrees_with_the_project():
    dockerfile = (K8S / "Dockerfile").read_text()
    assert re.search(r"^FROM \S+", dockerfile, flags=re.MULTILINE)
    assert "--file environment.yml" in dockerfile
    pinned = re.search(r"^jupyterhub==(\S+)$", (REPO / "constraints.txt").read_text(), flags=re.MULTILINE)
    assert pinned and f"jupyterhub=={pinned[1]}" in dockerfile, "the image's jupyterhub must match constraints.txt"
    config = (K8S / "nbgrader_config.py").read_text()
    ast.parse(config)
    assert f'course_id = "{COURSE_ID}"' in config
    root = re.search(r'c\.Exchange\.root = "([^"]+)"', config)[1]
    mounts = values()["singleuser"]["storage"]["extraVolumeMounts"]
    assert any(m["mountPath"] == root for m in mounts), "the exchange volume must be mounted at Exchange.root"
