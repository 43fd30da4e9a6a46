"""The Dockerfile is honest: no Docker engine runs here, so this reads it and checks
that everything it copies, runs and starts exists in the repository."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from services.cli.main import _parser
from services.deployment import GATEWAY_PORT, GRPC_PORT, METRICS_PORT
from tests.mesh._render import REPO, render

DOCKERFILE = REPO / "Dockerfile"
BASE_IMAGE = "python:3.11-slim"
# What the Debian-based python:3.11-slim image ships that the RUN lines may call.
BASE_TOOLS = frozenset({"python", "groupadd", "useradd", "mkdir", "chown"})


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    stage: str


def _instructions() -> list[Instruction]:
    """Instructions with continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    out = []
    stage = ""
    for line in logical:
        keyword, _, args = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            match = re.fullmatch(r"(\S+)(?:\s+AS\s+(\S+))?", args.strip(), re.IGNORECASE)
            assert match, line
            stage = match.group(2) or match.group(1)
        out.append(Instruction(keyword, args.strip(), stage))
    return out


def _of(keyword: str) -> list[Instruction]:
    return [i for i in _instructions() if i.keyword == keyword]


def _dockerignore() -> list[str]:
    lines = (REPO / ".dockerignore").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _ignored(path: str) -> bool:
    return any(fnmatch.fnmatch(path, pattern.rstrip("/")) for pattern in _dockerignore())


def _copy_parts(instruction: Instruction) -> tuple[dict[str, str], list[str], str]:
    words = shlex.split(instruction.args)
    flags = {}
    while words and words[0].startswith("--"):
        key, _, value = words.pop(0)[2:].partition("=")
        flags[key] = value
    *sources, destination = words
    return flags, sources, destination


def test_it_is_multi_stage_on_the_slim_python_base() -> None:
    froms = _of("FROM")
    assert len(froms) >= 2
    for instruction in froms:
        assert instruction.args.split()[0] == BASE_IMAGE


def test_every_copied_path_exists_and_reaches_the_build_context() -> None:
    stages = {i.stage for i in _of("FROM")}
    copied = set()
    for instruction in _of("COPY"):
        flags, sources, _ = _copy_parts(instruction)
        if "from" in flags:
            assert flags["from"] in stages, instruction.args
            continue
        for source in sources:
            matches = list(REPO.glob(source))
            assert matches, f"COPY {source}: not in the repository"
            assert not _ignored(source.rstrip("/")), f"COPY {source}: excluded by .dockerignore"
            copied.add(source.rstrip("/"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    # What `pip install .` needs: the project file, its readme, every package root.
    assert {"pyproject.toml", project["readme"], "gen", "services", "gateway"} <= copied
    # The gateway reads the .proto comments beside its package (gateway/proto_comments.py).
    assert "proto" in copied


def test_copies_from_the_build_stage_name_what_it_made() -> None:
    build = [i for i in _instructions() if i.stage == "build"]
    made = " ".join(i.args for i in build if i.keyword in {"RUN", "WORKDIR"})
    for instruction in _of("COPY"):
        flags, sources, _ = _copy_parts(instruction)
        if flags.get("from") == "build":
            for source in sources:
                assert source in made, (
                    f"COPY --from=build {source}: the build stage makes no such path"
                )


def test_every_command_it_runs_exists() -> None:
    venv = None
    for instruction in _of("RUN"):
        for command in re.split(r"&&|;", instruction.args):
            words = shlex.split(command)
            if not words:
                continue
            program = words[0]
            if program == "python" and words[1:3] == ["-m", "venv"]:
                venv = words[3]
            if program.startswith("/opt/"):
                assert venv is not None, program
                assert program.startswith(f"{venv}/bin/"), program
            else:
                assert program in BASE_TOOLS, f"RUN uses {program}, not in {BASE_IMAGE}"
            for word in words[1:]:
                if word.startswith("/app/"):
                    assert (REPO / word.removeprefix("/app/")).exists(), word


def test_it_starts_pursight_as_a_non_root_user() -> None:
    (entrypoint,) = _of("ENTRYPOINT")
    (cmd,) = _of("CMD")
    program = json.loads(entrypoint.args)
    assert program == ["pursight"]
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert "pursight" in scripts
    # The default command and every command the manifests give parse as CLI commands.
    parser = _parser()
    parser.parse_args(json.loads(cmd.args))
    assert json.loads(cmd.args) == ["up"]
    for doc in render("base"):
        if doc["kind"] == "Deployment" and doc["spec"]["template"]["spec"]["containers"][0][
            "image"
        ].startswith("pursight:"):
            command = doc["spec"]["template"]["spec"]["containers"][0]["command"]
            assert command[0] == "pursight"
            parser.parse_args(command[1:])
    users = _of("USER")
    assert users, "no USER: the image would run as root"
    user = users[-1].args.split(":")[0]
    assert user not in {"0", "root"}
    pod_user = next(d for d in render("base") if d["kind"] == "Deployment")["spec"]["template"][
        "spec"
    ]["securityContext"]["runAsUser"]
    assert int(user) == pod_user


def test_it_exposes_the_ports_the_manifests_use() -> None:
    exposed = {int(port) for i in _of("EXPOSE") for port in i.args.split()}
    assert {GRPC_PORT, GATEWAY_PORT, METRICS_PORT} <= exposed


@pytest.mark.parametrize("path", [".venv", "node_modules", ".git", "tests"])
def test_dockerignore_keeps_the_context_small(path: str) -> None:
    assert _ignored(path)


def test_no_package_data_is_left_out() -> None:
    """Files beside the code that an installed package reads must be package data."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = config["package-data"]["*"]
    for root in ("services", "gateway", "gen"):
        for path in Path(REPO / root).rglob("*"):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix in {".py", ".md"}:
                continue
            assert any(fnmatch.fnmatch(path.name, p) for p in patterns), path
