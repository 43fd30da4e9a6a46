"""A local Microsoft Graph for the groups-overage tests: real HTTP on 127.0.0.1.

It answers ``GET /v1.0/users/{id}/transitiveMemberOf`` as Graph does: directory objects
with their ``@odata.type``, ``page_size`` to a page, ``@odata.nextLink`` to the next
one, and only for a bearer token its issuer granted (``accepted``). Switches make it
fail: every request (``fail_status``, with ``retry_after``), from some page on
(``fail_from_page``), or point its next-page links at another server (``link_base``).
``hits`` records every request's path and query.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.auth.oidc_issuer import send_json


def group(object_id: str) -> dict[str, str]:
    return {"@odata.type": "#microsoft.graph.group", "id": object_id}


def directory_role(object_id: str) -> dict[str, str]:
    return {"@odata.type": "#microsoft.graph.directoryRole", "id": object_id}


def administrative_unit(object_id: str) -> dict[str, str]:
    return {"@odata.type": "#microsoft.graph.administrativeUnit", "id": object_id}


@dataclass
class LocalGraph:
    accepted: list[str] = field(default_factory=list)
    memberships: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    page_size: int = 2
    fail_status: int = 0
    retry_after: str = ""
    fail_from_page: int = 0
    link_base: str = ""
    hits: list[str] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def hits_for(self, user: str) -> list[str]:
        return [hit for hit in self.hits if f"/users/{user}/" in hit]

    def reset(self) -> None:
        self.fail_status, self.retry_after, self.fail_from_page, self.link_base = 0, "", 0, ""

    def start(self) -> LocalGraph:
        graph = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                graph.hits.append(self.path)
                parts = urlsplit(self.path)
                segments = [unquote(s) for s in parts.path.split("/")]
                if segments[:3] != ["", "v1.0", "users"] or segments[4:] != ["transitiveMemberOf"]:
                    send_json(self, 404, {"error": {"code": "Request_BadRequest"}})
                    return
                user = segments[3]
                bearer = self.headers.get("authorization", "").removeprefix("Bearer ")
                if bearer not in graph.accepted:
                    send_json(self, 401, {"error": {"code": "InvalidAuthenticationToken"}})
                    return
                if graph.fail_status:
                    headers = {"retry-after": graph.retry_after} if graph.retry_after else {}
                    send_json(self, graph.fail_status, {"error": {"code": "x"}}, headers)
                    return
                if user not in graph.memberships:
                    send_json(self, 404, {"error": {"code": "Request_ResourceNotFound"}})
                    return
                query = parse_qs(parts.query)
                if query.get("$select") != ["id"] or "$top" not in query:
                    send_json(self, 400, {"error": {"code": "Request_UnsupportedQuery"}})
                    return
                start = int(query.get("$skiptoken", ["0"])[0])
                if graph.fail_from_page and start // graph.page_size + 1 >= graph.fail_from_page:
                    send_json(self, 500, {"error": {"code": "generalException"}})
                    return
                items = graph.memberships[user]
                end = start + graph.page_size
                body: dict[str, Any] = {
                    "@odata.context": f"{graph.url}/v1.0/$metadata#directoryObjects(id)",
                    "value": items[start:end],
                }
                if end < len(items):
                    base = graph.link_base or graph.url
                    body["@odata.nextLink"] = (
                        f"{base}/v1.0/users/{user}/transitiveMemberOf"
                        f"?$select=id&$top={query['$top'][0]}&$skiptoken={end}"
                    )
                send_json(self, 200, body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
