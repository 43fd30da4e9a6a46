"""The contract gate: `buf breaking` against the committed baseline passes for the
contracts as they are and fails for a change that would break a released client."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.contract._tools import BUF, REPO, require_tool_chain, run, tool_environment

BASELINE = REPO / "proto" / "releases" / "baseline.binpb"


async def _breaking(root: Path, tmp_path: Path) -> tuple[int, str]:
    done = await run(
        BUF,
        "breaking",
        root,  # the workspace (buf.yaml): its one module, proto/
        "--against",
        BASELINE,
        env=tool_environment(BUF_CACHE_DIR=str(tmp_path / "buf-cache")),
    )
    assert not done.timed_out, done.describe()
    return done.returncode, done.stdout + done.stderr


async def test_the_contracts_are_compatible_with_the_baseline(tmp_path: Path) -> None:
    require_tool_chain()
    code, output = await _breaking(REPO, tmp_path)
    assert code == 0, output


async def test_removing_a_released_field_is_caught(tmp_path: Path) -> None:
    require_tool_chain()
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "proto", copy / "proto")
    shutil.copy(REPO / "buf.yaml", copy / "buf.yaml")
    contract = copy / "proto" / "pursight" / "workspace" / "v1" / "workspace.proto"
    text = contract.read_text()
    line = next(x for x in text.splitlines() if "string display_name = " in x)
    contract.write_text(text.replace(line + "\n", "", 1))
    code, output = await _breaking(copy, tmp_path)
    assert code != 0
    assert "display_name" in output
