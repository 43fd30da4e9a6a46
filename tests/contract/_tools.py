"""The Node.js tool chain the contract tests drive, found or failed loudly, and run
without blocking the event loop that serves the platform."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
NODE_PACKAGES = ("@grpc/grpc-js", "@grpc/proto-loader", "@bufbuild/buf")
TIMEOUT_SECONDS = 60.0
# A Node.js launcher for the native binary: it needs `node` as well.
BUF = NODE_MODULES / ".bin" / "buf"
INSTALL_HINT = "CI installs them; locally run `npm ci --ignore-scripts` in the repository root"


@dataclass(frozen=True)
class Completed:
    """A finished tool run (killed when it outlived its timeout)."""

    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    def describe(self) -> str:
        """The run, for a failure message."""
        shown = [Path(self.argv[0]).name, *map(_redact, self.argv[1:])]
        command = " ".join(shown)
        ended = "timed out and was killed" if self.timed_out else f"exited with {self.returncode}"
        return (
            f"`{command}` {ended}\n"
            f"--- stdout ---\n{self.stdout.strip()}\n--- stderr ---\n{self.stderr.strip()}"
        )


def _redact(arg: str) -> str:
    """A header argument with its credential hidden, anything else as is."""
    name, sep, _ = arg.partition(":")
    return f"{name}: <redacted>" if sep and name.strip().lower() == "authorization" else arg


def missing_tool_chain() -> str | None:
    """Why the Node.js tool chain cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return f"`node` is not on PATH: the contract tests need Node.js 20 ({INSTALL_HINT})"
    missing = [p for p in NODE_PACKAGES if not (NODE_MODULES / p / "package.json").is_file()]
    if missing:
        return f"node_modules lacks {', '.join(missing)} ({INSTALL_HINT})"
    if not BUF.is_file():
        return f"{BUF.relative_to(REPO)} is missing ({INSTALL_HINT})"
    return None


def require_tool_chain() -> None:
    """Fails the test when the tool chain is missing.

    It fails rather than skips: a skipped contract test would let CI pass without ever
    talking to the server from another language.
    """
    problem = missing_tool_chain()
    if problem is not None:
        pytest.fail(problem)


def tool_environment(**extra: str) -> dict[str, str]:
    """The environment a tool runs with: ours, plus ``extra``."""
    return {**os.environ, **extra}


async def run(*argv: str | Path, env: Mapping[str, str] | None = None) -> Completed:
    """Runs ``argv`` from the repository root, killing it after TIMEOUT_SECONDS."""
    args = tuple(str(a) for a in argv)
    process = await asyncio.create_subprocess_exec(
        *args,
        cwd=REPO,
        env=dict(env) if env is not None else None,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    timed_out = False
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            stdout, stderr = await process.communicate()
    except TimeoutError:
        timed_out = True
        process.kill()
        stdout, stderr = await process.communicate()
    assert process.returncode is not None
    return Completed(
        args,
        process.returncode,
        stdout.decode(errors="replace"),
        stderr.decode(errors="replace"),
        timed_out,
    )
