"""Classification labels on an asset: which entry stands for a label, and why.

An asset holds at most one entry per label, stored as a ``plain()`` dict of a
Classification in ``catalog.assets.classifications``, sorted by label. Entries come from
five places; the one kept for a label is the first of:

1. a steward's removal (``suppressed``, origin MANUAL): wins over everything, survives
   rescans, and blocks the label from coming back through terms or lineage;
2. a label set by a person (MANUAL) or brought in from another catalog (IMPORTED);
3. the scanner's label (SCAN), with its evidence;
4. a label carried by an assigned glossary term (GLOSSARY);
5. a label propagated along lineage (PROPAGATED).

1-3 are *base* entries: stored as people and scans give them. 4 and 5 are *derived*:
recomputed from the asset's terms and its upstream lineage whenever those change (see
writer.py), so they go away on their own when their source does.

Propagation is opt-in per label on each lineage edge (``LineageEdge.propagated_labels``):
a label crosses an edge only when the edge names it, so a steward decides that
``pii.email`` follows ``SELECT lower(email)`` while ``pii.name`` does not follow a hash.
A label spreads from every asset that holds it (base or glossary), breadth first, at
most ``depth`` hops, never into an asset where it is suppressed (a steward's "this is
not an email" also stops it flowing further); an asset reached from several sources
keeps the nearest one, ties broken by name, so the result is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pursight.catalog.v1 import resources_pb2

Origin = resources_pb2.Origin
Entry = dict[str, Any]
DERIVED = (Origin.ORIGIN_GLOSSARY, Origin.ORIGIN_PROPAGATED)
LABEL_PATTERN = r"[a-z0-9][a-z0-9._-]{0,127}"


def stamp(moment: datetime) -> dict[str, int]:
    """A Timestamp as stored in jsonb (what ``plain()`` makes of one)."""
    seconds = int(moment.timestamp())
    return {"seconds": seconds, "nanos": moment.microsecond * 1000}


def is_derived(entry: Mapping[str, Any]) -> bool:
    return not entry.get("suppressed") and entry.get("origin") in DERIVED


def base_entries(entries: Iterable[Entry]) -> list[Entry]:
    """The entries people and scans set: everything but glossary and lineage labels."""
    return [e for e in entries if not is_derived(e)]


def of_origin(entries: Iterable[Entry], origin: int) -> list[Entry]:
    return [e for e in entries if not e.get("suppressed") and e.get("origin") == origin]


def source_labels(entries: Iterable[Entry]) -> dict[str, float]:
    """Labels an asset holds on its own (not through lineage), with their confidence:
    what it passes downstream."""
    return {
        e["label"]: float(e.get("confidence", 0.0))
        for e in entries
        if not e.get("suppressed") and e.get("origin") != Origin.ORIGIN_PROPAGATED
    }


def suppressed_labels(entries: Iterable[Entry]) -> set[str]:
    return {e["label"] for e in entries if e.get("suppressed")}


def signature(entries: Iterable[Entry]) -> tuple[frozenset[str], frozenset[str]]:
    """What lineage sees of an asset: the labels it passes on and those it blocks. When
    this changes, the assets downstream need their propagated labels recomputed."""
    items = list(entries)
    return frozenset(source_labels(items)), frozenset(suppressed_labels(items))


def merge_scan(existing: list[Entry], found: list[Entry]) -> list[Entry]:
    """The entries after a scan found ``found``: the scan's previous labels are replaced;
    removals, manual and imported labels win over it; glossary and lineage labels give
    way to a scan label (which has evidence) and are kept otherwise, until the writer
    recomputes them."""
    if not existing and not found:
        return []  # most assets a scan writes: nothing to merge
    base = [
        e
        for e in existing
        if e.get("suppressed") or e.get("origin") not in (Origin.ORIGIN_SCAN, *DERIVED)
    ]
    taken = {e.get("label") for e in base}
    for entry in found:
        if entry.get("label") not in taken:
            base.append({**entry, "origin": Origin.ORIGIN_SCAN})
            taken.add(entry.get("label"))
    derived = [e for e in existing if is_derived(e) and e.get("label") not in taken]
    return sorted(base + derived, key=lambda e: str(e.get("label")))


def replace(entries: list[Entry], entry: Entry) -> list[Entry]:
    """``entries`` with ``entry`` standing for its label."""
    kept = [e for e in entries if e.get("label") != entry["label"]]
    return sorted([*kept, entry], key=lambda e: str(e.get("label")))


def find(entries: Iterable[Entry], label: str) -> Entry | None:
    return next((e for e in entries if e.get("label") == label), None)


def manual_entry(
    label: str,
    confidence: float,
    actor: str,
    now: dict[str, int],
    justification: str,
    previous: Entry | None,
) -> Entry:
    """A label a steward adds or confirms; the scanner's evidence, if any, stays."""
    entry: Entry = {
        "label": label,
        "confidence": confidence,
        "origin": Origin.ORIGIN_MANUAL,
        "set_by": actor,
        "set_time": now,
    }
    if justification:
        entry["justification"] = justification
    if previous and previous.get("evidence"):
        entry["evidence"] = previous["evidence"]
    return entry


def suppressed_entry(
    label: str, actor: str, now: dict[str, int], justification: str, previous: Entry | None
) -> Entry:
    """A steward's removal: kept, hidden, and remembered with who, when and why."""
    entry = manual_entry(
        label,
        float(previous.get("confidence", 0.0)) if previous else 0.0,
        actor,
        now,
        justification,
        previous,
    )
    entry["suppressed"] = True
    return entry


def glossary_entries(carried: Mapping[str, str], actor: str, now: dict[str, int]) -> list[Entry]:
    """Entries for labels carried by terms: ``carried`` maps label -> term name."""
    return [
        {
            "label": label,
            "confidence": 1.0,
            "origin": Origin.ORIGIN_GLOSSARY,
            "evidence": {"detail": f"carried by glossary term {term}"},
            "set_by": actor,
            "set_time": now,
        }
        for label, term in sorted(carried.items())
    ]


@dataclass(frozen=True)
class Flow:
    """A label reaching an asset along lineage: the assets it came through (ids, the
    origin first, the immediate upstream last) and the origin's confidence."""

    path: tuple[str, ...]
    confidence: float


def propagated_entry(
    label: str, flow: Flow, names: Mapping[str, str], actor: str, now: dict[str, int]
) -> Entry:
    path = [names[i] for i in flow.path]
    return {
        "label": label,
        "confidence": flow.confidence,
        "origin": Origin.ORIGIN_PROPAGATED,
        "propagation_path": path,
        "evidence": {"detail": f"propagated along lineage from {path[0]}"},
        "set_by": actor,
        "set_time": now,
    }


def propagate(
    sources: Mapping[str, Mapping[str, float]],
    blocked: Mapping[str, set[str]],
    edges: Iterable[tuple[str, str, Iterable[str]]],
    depth: int,
) -> dict[str, dict[str, Flow]]:
    """Labels reaching each asset along ``edges`` (source id, target id, labels the edge
    lets through): a breadth-first walk per label from every asset holding it."""
    adjacency: dict[str, dict[str, list[str]]] = {}
    for source, target, labels in edges:
        for label in labels:
            adjacency.setdefault(label, {}).setdefault(source, []).append(target)
    reached: dict[str, dict[str, Flow]] = {}
    for label, forward in sorted(adjacency.items()):
        roots = sorted(i for i, held in sources.items() if label in held)
        parent: dict[str, str | None] = dict.fromkeys(roots)
        frontier = roots
        for _ in range(depth):
            following: list[str] = []
            for node in frontier:
                for target in sorted(forward.get(node, ())):
                    if target in parent or label in blocked.get(target, set()):
                        continue
                    parent[target] = node
                    following.append(target)
            frontier = following
        for node, up in parent.items():
            if up is None:
                continue
            path = [up]
            while (step := parent[path[-1]]) is not None:
                path.append(step)
            path.reverse()
            reached.setdefault(node, {})[label] = Flow(tuple(path), sources[path[0]][label])
    return reached


def canonical(
    base: Iterable[Entry],
    glossary: Iterable[Entry],
    propagated: Iterable[Entry],
    previous: Iterable[Entry],
) -> list[Entry]:
    """One entry per label by precedence (base, then glossary, then lineage), sorted by
    label. A derived entry equal to the stored one keeps the stored one, so recomputing
    changes nothing (no history, no version) when nothing moved."""
    stored = {e.get("label"): e for e in previous}
    chosen: dict[str, Entry] = {}
    for entry in base:
        chosen.setdefault(entry["label"], entry)
    for entry in [*glossary, *propagated]:
        if entry["label"] in chosen:
            continue
        old = stored.get(entry["label"])
        chosen[entry["label"]] = old if old is not None and _same(old, entry) else entry
    return [chosen[label] for label in sorted(chosen)]


def _same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    def key(e: Mapping[str, Any]) -> tuple[Any, ...]:
        return (
            e.get("origin"),
            bool(e.get("suppressed")),
            tuple(e.get("propagation_path", ())),
            (e.get("evidence") or {}).get("detail"),
            e.get("confidence"),
        )

    return key(a) == key(b)
