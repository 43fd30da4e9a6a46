"""mesh/ is what the generator writes today (CI also checks it with `make mesh-check`)."""

from __future__ import annotations

from tests.mesh._render import MESH
from tools.mesh import tree


def test_mesh_is_fresh() -> None:
    expected = tree()
    on_disk = {
        str(path.relative_to(MESH)): path.read_text()
        for path in sorted(MESH.rglob("*"))
        if path.is_file()
    }
    stale = sorted(p for p in expected.keys() | on_disk.keys() if expected.get(p) != on_disk.get(p))
    assert stale == [], "mesh/ is stale: run `make mesh`"
