"""Resource ids: 16 lower-case hex digits, drawn one at a time or in bulk."""

from __future__ import annotations

import re

from services.runtime.names import check_id, new_id, new_ids

HEX16 = re.compile(r"[0-9a-f]{16}")


def test_bulk_ids_look_like_single_ones_and_do_not_repeat() -> None:
    ids = new_ids(5000)
    assert len(ids) == 5000
    assert len(set(ids)) == 5000
    assert all(HEX16.fullmatch(i) for i in ids)
    assert all(check_id(i, "id") == i for i in ids[:50])
    assert HEX16.fullmatch(new_id())
    assert new_ids(0) == []
