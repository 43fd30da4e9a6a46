"""One schemathesis worker: fuzzes a share of the gateway's operations over HTTP.

Run as ``python -m tests.fuzz._campaign PLAN RESULTS`` by ``test_gateway_schemathesis``.
The plan (JSON) names the gateway, the operations of this worker and what each may
answer; the admin's tokens come in the environment. The results (JSON) say, per
operation, how many examples ran, which statuses came back and the first failure
(schemathesis' report with a curl line to replay it), so the test can fail per operation.

The worker is a separate process because generating and checking cases is CPU-bound
Python (about 20 ms of CPU a case for this schema, against about 8 ms to serve it) and
the gateway and every service live in the test's process: in one process they would
take turns on one interpreter lock, here they use both cores.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]  # no stubs installed
from schemathesis import Case, CheckContext, GenerationMode, Response
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

ACCESS_TOKEN_ENV = "PURSIGHT_FUZZ_ACCESS_TOKEN"
REFRESH_TOKEN_ENV = "PURSIGHT_FUZZ_REFRESH_TOKEN"
MAX_EXAMPLES = 50
# A deeper or different run, by hand: more cases per operation (never fewer than
# MAX_EXAMPLES), and a seed instead of the fixed derandomized one. Both stay reproducible.
EXAMPLES_ENV = "PURSIGHT_FUZZ_EXAMPLES"
SEED_ENV = "PURSIGHT_FUZZ_SEED"
REQUEST_TIMEOUT_SECONDS = 60.0
# google.rpc.Code numbers the error body may carry (OK is never an error).
_CODES = range(1, 17)
_INVALID_ARGUMENT = 3
_BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"
JSON = "application/json"


class ServerErrorAnswered(AssertionError):
    """The gateway answered 5xx to a request."""


class UnclearError(AssertionError):
    """An error whose body is not a JSON google.rpc.Status with a useful message."""


def no_server_error(allow_unimplemented: bool) -> Any:
    """No 5xx at all; 501 only from a service that is declared but not built yet."""

    def no_server_error(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
        status = response.status_code
        if status < 500 or (allow_unimplemented and status == 501):
            return None
        raise ServerErrorAnswered(f"{case.operation.label} answered {status}: {response.text}")

    return no_server_error


def _status_body(response: Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        text = response.text
        raise UnclearError(f"the {response.status_code} body is not JSON: {text!r}") from None
    if not isinstance(body, dict):
        raise UnclearError(f"the {response.status_code} body is not a JSON object: {body!r}")
    return body


def error_is_a_clear_status(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """Every error is a JSON google.rpc.Status: a code, a message, well-formed details.

    INVALID_ARGUMENT must also say which field was wrong (a BadRequest field violation).
    """
    status = response.status_code
    if status < 400:
        return None
    body = _status_body(response)
    code, message, details = body.get("code"), body.get("message"), body.get("details", [])
    if not isinstance(code, int) or code not in _CODES:
        raise UnclearError(f"the {status} body has no google.rpc code: {body!r}")
    if not isinstance(message, str) or not message.strip():
        raise UnclearError(f"the {status} body has no message: {body!r}")
    if "Traceback" in message or (status < 500 and message == "internal error"):
        raise UnclearError(f"the {status} message is not meant for a client: {message!r}")
    if not isinstance(details, list) or not all(
        isinstance(d, dict) and isinstance(d.get("@type"), str) for d in details
    ):
        raise UnclearError(f"the {status} details are not typed google.rpc details: {body!r}")
    if code == _INVALID_ARGUMENT:
        violations = [
            v
            for d in details
            if d["@type"] == _BAD_REQUEST_TYPE
            for v in d.get("fieldViolations", [])
            if isinstance(v, dict) and v.get("description")
        ]
        if not violations:
            raise UnclearError(f"INVALID_ARGUMENT without a field violation: {body!r}")
    return None


def _without_nulls(value: object) -> object:
    """proto3 JSON reads a null field as an unset one: drop them (not list items)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _proto3_relaxed(node: object) -> object:
    """A schema that also admits the other forms proto3 JSON parsers must accept.

    The document shows the canonical form (what the gateway answers with); a parser
    must also take 64-bit integers as numbers, 32-bit ones and floats as strings, and
    enums by number (protobuf.dev/programming-guides/json).
    """
    if isinstance(node, list):
        return [_proto3_relaxed(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _proto3_relaxed(value) for key, value in node.items()}
    kind, fmt = node.get("type"), node.get("format")
    if kind == "string" and fmt in ("int64", "uint64"):
        out["type"] = ["string", "integer"]
    elif kind == "integer":
        out["type"] = ["integer", "string"]
        out["pattern"] = "^-?[0-9]+$"
    elif kind == "number":
        out["type"] = ["number", "string"]
    elif kind == "string" and "enum" in node:
        out = {"anyOf": [out, {"type": "integer"}]}
    return out


def proto3_negative_data_rejection(document: dict[str, Any]) -> Any:
    """schemathesis' negative_data_rejection, except for bodies proto3 JSON accepts.

    A negative case whose only invalid part is its body, and whose body is valid in
    one of proto3 JSON's non-canonical forms (null for an unset field, 7 for "7"...),
    is rightly accepted; every other negative case must still be refused.
    """
    components = _proto3_relaxed(document.get("components", {}))

    def accepted_by_proto3(case: Case[Any]) -> bool:
        meta = case.meta
        if meta is None or isinstance(case.body, bytes | type(None)):
            return False
        negative = {loc for loc, info in meta.components.items() if info.mode.is_negative}
        if negative != {ParameterLocation.BODY}:
            return False
        operation = document["paths"][case.operation.path][case.method.lower()]
        content = operation.get("requestBody", {}).get("content", {})
        if JSON not in content:
            return False
        relaxed = _proto3_relaxed(content[JSON]["schema"])
        assert isinstance(relaxed, dict)
        schema = {**relaxed, "components": components}
        return bool(Draft202012Validator(schema).is_valid(_without_nulls(case.body)))

    def proto3_negative_data_rejection(
        ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        if response.status_code < 400 and accepted_by_proto3(case):
            return None
        return negative_data_rejection(ctx, response, case)

    return proto3_negative_data_rejection


class Session:
    """The admin's HTTP session; for an operation that ends it, a fresh one each call."""

    def __init__(self, base_url: str, access_token: str, refresh_token: str) -> None:
        self.base_url = base_url
        self.http = requests.Session()
        self._access = access_token
        self._refresh = refresh_token
        # Every request comes from one documentation address (RFC 5737), so the sign-in
        # throttle counts the fuzzer's failed logins there, not against 127.0.0.1,
        # which every other test of the session signs in from.
        self.http.headers["X-Forwarded-For"] = "192.0.2.77"

    def headers(self, fresh: bool) -> dict[str, str]:
        """The admin's token; with ``fresh``, a new one that the call may spend."""
        if not fresh:
            return {"Authorization": f"Bearer {self._access}"}
        reply = self.http.post(
            f"{self.base_url}/v1/auth:refresh",
            json={"refreshToken": self._refresh},
            timeout=REQUEST_TIMEOUT_SECONDS,
        )
        reply.raise_for_status()
        tokens = reply.json()["tokens"]
        self._refresh = tokens["refreshToken"]
        return {"Authorization": f"Bearer {tokens['accessToken']}"}


def _strategy(operation: Any, headers: dict[str, str], seeded: dict[str, str]) -> Any:
    """Valid and invalid cases, on random resource names and on the seeded resources.

    Random names mostly stop at name validation or NOT_FOUND; the seeded ones (a
    workspace, an asset, a glossary... made for the fuzzing) let bodies reach the
    services. DELETE keeps random names only, so every operation finds the seed intact.
    """
    modes = [GenerationMode.POSITIVE]
    # Invalid cases need a query or a body to break: a path parameter made invalid would
    # be another path (schemathesis filters those out, every draw, at a cost).
    if len(operation.query) or len(operation.body):
        modes.append(GenerationMode.NEGATIVE)
    names = [p.name for p in operation.path_parameters]
    pinned = {n: seeded[n] for n in names if n in seeded}
    variants: list[dict[str, str] | None] = [None]
    if pinned and operation.method.upper() != "DELETE":
        variants.append(pinned)
    return st.one_of(
        *(
            operation.as_strategy(generation_mode=mode, headers=headers, path_parameters=path)
            for mode in modes
            for path in variants
        )
    )


def fuzz_operation(
    schema: Any,
    session: Session,
    operation_id: str,
    allow_unimplemented: bool,
    fresh: bool,
    seeded: dict[str, str],
    negatives: Any,
) -> dict[str, Any]:
    """Runs MAX_EXAMPLES cases (valid and invalid, as schemathesis mixes them)."""
    operation = schema.find_operation_by_id(operation_id)
    strategy = _strategy(operation, session.headers(fresh=False), seeded)
    checks = [
        no_server_error(allow_unimplemented),
        error_is_a_clear_status,
        status_code_conformance,
        content_type_conformance,
        response_headers_conformance,
        response_schema_conformance,
        negatives,
    ]
    statuses: Counter[int] = Counter()
    generated: Counter[str] = Counter()
    samples: dict[int, str] = {}

    chosen_seed = os.environ.get(SEED_ENV, "")

    @settings(
        max_examples=max(MAX_EXAMPLES, int(os.environ.get(EXAMPLES_ENV) or MAX_EXAMPLES)),
        derandomize=not chosen_seed,
        deadline=None,
        database=None,
        phases=(Phase.explicit, Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        print_blob=False,
    )
    @given(case=strategy)
    def run(case: Case[Any]) -> None:
        headers = session.headers(fresh)
        response = case.call(
            base_url=session.base_url,
            session=session.http,
            headers=headers,
            timeout=REQUEST_TIMEOUT_SECONDS,
        )
        statuses[response.status_code] += 1
        samples.setdefault(response.status_code, response.text[:300])
        generated[case.meta.generation.mode.value if case.meta else "unknown"] += 1
        case.validate_response(response, checks=checks, headers=headers)

    if chosen_seed:
        run = seed(int(chosen_seed))(run)
    started = time.perf_counter()
    failure = None
    try:
        run()
    # schemathesis reports its findings as a FailureGroup, a BaseExceptionGroup.
    except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001  # the operation's result
        failure = "".join(traceback.format_exception_only(exc))
    return {
        "examples": sum(statuses.values()),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "modes": dict(generated),
        "samples": {str(k): v for k, v in sorted(samples.items())},
        "seconds": round(time.perf_counter() - started, 2),
        "failure": failure,
    }


def main(plan_path: str, results_path: str) -> int:
    plan = json.loads(Path(plan_path).read_text())
    base_url = plan["base_url"]
    session = Session(base_url, os.environ[ACCESS_TOKEN_ENV], os.environ[REFRESH_TOKEN_ENV])
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    document = requests.get(f"{base_url}/openapi.json", timeout=REQUEST_TIMEOUT_SECONDS).json()
    negatives = proto3_negative_data_rejection(document)
    results: dict[str, Any] = {}
    for entry in plan["operations"]:
        results[entry["id"]] = fuzz_operation(
            schema,
            session,
            entry["id"],
            entry["allow_unimplemented"],
            entry["fresh_session"],
            plan["seeded"],
            negatives,
        )
        Path(results_path).write_text(json.dumps(results, indent=1))
    print(f"worker CPU {time.process_time():.1f} s for {len(results)} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
