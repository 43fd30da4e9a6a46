"""The manifests as a cluster would receive them: each kustomization rendered by
``kubectl kustomize`` (kustomize v5 built into kubectl), parsed once per test run."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
MESH = REPO / "mesh"
TARGETS = ("base", "overlays/linkerd", "overlays/istio", "overlays/azure")

Doc = dict[str, Any]


@cache
def _render(target: str) -> tuple[str, str]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        return "", "kubectl is not on PATH: the mesh tests render kustomizations with it"
    done = subprocess.run(  # noqa: S603 - a fixed command on files of this repository
        [kubectl, "kustomize", str(MESH / target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        return "", f"kubectl kustomize {target} failed:\n{done.stderr}"
    return done.stdout, ""


def render(target: str) -> list[Doc]:
    """The documents of ``mesh/<target>`` after kustomize (fails the test otherwise)."""
    text, problem = _render(target)
    if problem:
        pytest.fail(problem)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return [doc for doc in yaml.load_all(text, Loader=loader) if doc]


def by_kind(docs: list[Doc], kind: str) -> dict[str, Doc]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}
