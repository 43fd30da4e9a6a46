"""ListClassifiers: built-ins first, then the workspace's custom ones, by display name.

Built-ins live in memory and custom classifiers in PostgreSQL, so the page token holds
which of the two the last item came from and its (display name, id) key.
"""

from __future__ import annotations

from pursight.classification.v1 import classification_pb2 as pb
from services.classification import store
from services.classification.classifiers import Classifier, builtins
from services.classification.convert import CATEGORY_TO_PB, builtin_to_pb
from services.runtime.database import Queryable
from services.runtime.names import parse_name
from services.runtime.paging import decode_token, encode_token, page_size
from services.runtime.sql import like_escape

DEFAULT_PAGE = 100


def _builtin_matches(item: Classifier, request: pb.ListClassifiersRequest) -> bool:
    if request.custom_only:
        return False
    if request.categories and CATEGORY_TO_PB[item.category] not in request.categories:
        return False
    if request.country and request.country.upper() not in item.countries:
        return False
    text = request.search.strip().lower()
    return not text or any(
        text in field.lower() for field in (item.name, item.display_name, item.description)
    )


_CUSTOM_WHERE = (
    " WHERE workspace_id = $1 AND (cardinality($2::smallint[]) = 0 OR category = ANY($2))"
    " AND ($3 = '' OR id ILIKE $4 OR display_name ILIKE $4 OR description ILIKE $4)"
    " AND ($5 = '' OR $5 = ANY(countries))"
)


async def list_classifiers(
    conn: Queryable, request: pb.ListClassifiersRequest
) -> pb.ListClassifiersResponse:
    size = page_size(request.page_size, default=DEFAULT_PAGE)
    workspace = (
        parse_name(request.parent, "workspaces/{workspace}", "parent")["workspace"]
        if (request.parent)
        else ""
    )
    filters = [
        request.parent,
        sorted(request.categories),
        request.custom_only,
        request.search,
        request.country,
    ]
    phase, last_name, last_id = decode_token(request.page_token, filters) or ["b", "", ""]
    chosen = [c for c in builtins() if _builtin_matches(c, request)]
    chosen.sort(key=lambda c: (c.display_name.lower(), c.id))
    page: list[tuple[str, str, str, pb.Classifier]] = []
    if phase == "b":
        after = [c for c in chosen if (c.display_name.lower(), c.id) > (last_name, last_id)]
        page = [("b", c.display_name.lower(), c.id, builtin_to_pb(c)) for c in after[: size + 1]]
        last_name, last_id = "", ""
    total = len(chosen)
    if workspace:
        search = request.search.strip()
        args = [
            workspace,
            list(request.categories),
            search,
            "%" + like_escape(search) + "%",
            request.country.upper(),
        ]
        if len(page) <= size:
            rows = await conn.fetch(
                "SELECT * FROM classification.classifiers"  # noqa: S608 - fixed fragments; values are bound
                + _CUSTOM_WHERE
                + " AND (lower(display_name), id) > ($6, $7)"
                " ORDER BY lower(display_name), id LIMIT $8",
                *args,
                last_name,
                last_id,
                size + 1 - len(page),
            )
            page += [
                ("c", r["display_name"].lower(), r["id"], store.row_classifier(r)) for r in rows
            ]
        total += await conn.fetchval(
            "SELECT count(*) FROM classification.classifiers" + _CUSTOM_WHERE,  # noqa: S608 - fixed fragments
            *args,
        )
    response = pb.ListClassifiersResponse(
        classifiers=[item[3] for item in page[:size]], total_size=total
    )
    if len(page) > size:
        last = page[size - 1]
        response.next_page_token = encode_token([last[0], last[1], last[2]], filters)
    return response
