"""The classification service: classifiers, rule sets, and classifying columns and text."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import asyncpg
import grpc
from google.protobuf import empty_pb2

from pursight.classification.v1 import classification_pb2 as pb
from pursight.classification.v1 import classification_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from services.classification import store
from services.classification.classifiers import Classifier, builtin
from services.classification.classify import ClassifyHandlers
from services.classification.convert import builtin_to_pb, definition_from_pb, definition_to_pb
from services.classification.definitions import Definition, build, problems
from services.classification.listing import list_classifiers
from services.classification.rule_sets import RuleSetHandlers
from services.classification.selection import Selection
from services.classification.trial import try_classifier
from services.runtime.context import current_principal
from services.runtime.convert import parse_etag
from services.runtime.database import Queryable
from services.runtime.errors import (
    FieldViolation,
    aborted_etag,
    already_exists,
    collect,
    failed_precondition,
    not_found,
)
from services.runtime.idempotency import check_request_id, remember, remembered
from services.runtime.names import check_id, new_id, parse_name, update_paths
from services.runtime.service import Runtime

WORKSPACE = "workspaces/{workspace}"
CUSTOM = "workspaces/{workspace}/classifiers/{classifier}"
BUILT_IN = "classifiers/{classifier}"
UPDATABLE = set(store.CLASSIFIER_FIELDS)


def enum_violations(message: pb.Classifier, paths: set[str]) -> list[FieldViolation]:
    """Enum fields must hold a value the contract defines (category is required)."""
    found: list[FieldViolation] = []
    if "category" in paths and (
        message.category not in pb.Category.values() or message.category == pb.CATEGORY_UNSPECIFIED
    ):
        found.append(FieldViolation("classifier.category", "is required"))
    if "sensitivity" in paths and message.sensitivity not in pb.Sensitivity.values():
        found.append(FieldViolation("classifier.sensitivity", "is not a known sensitivity"))
    if "validator" in paths and message.validator not in pb.Validator.values():
        found.append(FieldViolation("classifier.validator", "is not a known validator"))
    return found


def _slug(display_name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", display_name.lower()).strip("-")[:63].rstrip("-")
    return slug or new_id()


class ClassificationServicer(
    RuleSetHandlers, ClassifyHandlers, classification_pb2_grpc.ClassificationServiceServicer
):
    def __init__(self, runtime: Runtime) -> None:
        self._rt = runtime
        self._pool = runtime.db.primary
        self._selection = Selection(runtime.redis)

    async def _workspace_exists(self, name: str) -> None:
        """Asks the workspace service, over gRPC as across the mesh."""
        stub = self._rt.clients.stub("workspace", workspace_pb2_grpc.WorkspaceServiceStub)
        try:
            await stub.GetWorkspace(workspace_pb2.GetWorkspaceRequest(name=name))
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                raise not_found("Workspace", name) from None
            if exc.code() != grpc.StatusCode.UNIMPLEMENTED:
                raise

    # -- classifiers -------------------------------------------------------------------

    async def _saved(self, conn: Queryable, name: str, *, lock: bool = False) -> asyncpg.Record:
        ids = parse_name(name, CUSTOM)
        row = await store.fetch(conn, "classifiers", ids["workspace"], ids["classifier"], lock=lock)
        if row is None:
            raise not_found("Classifier", name)
        return row

    async def resolve(self, name: str, field: str = "name") -> Classifier:
        """A built-in or saved classifier, compiled."""
        if name.startswith("classifiers/"):
            ids = parse_name(name, BUILT_IN, field)
            item = builtin(ids["classifier"])
            if item is None:
                raise not_found("Classifier", name)
            return item
        parse_name(name, CUSTOM, field)
        return build(store.row_definition(await self._saved(self._pool, name)))

    async def GetClassifier(self, request: pb.GetClassifierRequest, context: Any) -> pb.Classifier:
        if request.name.startswith("classifiers/"):
            return builtin_to_pb(await self.resolve(request.name))
        return store.row_classifier(await self._saved(self._pool, request.name))

    async def ListClassifiers(
        self, request: pb.ListClassifiersRequest, context: Any
    ) -> pb.ListClassifiersResponse:
        return await list_classifiers(self._rt.db.replica, request)

    async def CreateClassifier(
        self, request: pb.CreateClassifierRequest, context: Any
    ) -> pb.Classifier:
        workspace = parse_name(request.parent, WORKSPACE, "parent")["workspace"]
        classifier_id = (
            check_id(request.classifier_id, "classifier_id")
            if request.classifier_id
            else _slug(request.classifier.display_name)
        )
        check_request_id(request.request_id)
        name = f"{request.parent}/classifiers/{classifier_id}"
        definition = definition_from_pb(request.classifier, name)
        violations = enum_violations(request.classifier, {"category", "sensitivity", "validator"})
        violations += [FieldViolation(p.field, p.message) for p in problems(definition)]
        collect(violations)
        if request.validate_only:
            return definition_to_pb(definition, creator=current_principal().name)
        await self._workspace_exists(request.parent)
        async with self._pool.acquire() as conn, conn.transaction():
            known = await remembered(conn, "classification", request.request_id)
            if known:
                return store.row_classifier(await self._saved(conn, known))
            try:
                row = await store.insert(
                    conn,
                    "classifiers",
                    workspace,
                    classifier_id,
                    store.classifier_values(definition),
                    current_principal().name,
                )
            except asyncpg.UniqueViolationError as exc:
                taken = definition.display_name if "display_name" in str(exc) else name
                raise already_exists("Classifier", taken) from None
            await remember(conn, "classification", request.request_id, name)
        await self._selection.changed(workspace)
        return store.row_classifier(row)

    async def UpdateClassifier(
        self, request: pb.UpdateClassifierRequest, context: Any
    ) -> pb.Classifier:
        message = request.classifier
        if message.name.startswith("classifiers/"):
            raise failed_precondition(
                f"{message.name} is built in and read-only; create a custom classifier",
                "BUILT_IN_READ_ONLY",
            )
        ids = parse_name(message.name, CUSTOM, "classifier.name")
        paths = update_paths(request.update_mask, message, UPDATABLE, "update_mask")
        collect(enum_violations(message, set(paths)))
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._saved(conn, message.name, lock=True)
            if message.etag and parse_etag(message.etag) != row["version"]:
                raise aborted_etag("Classifier", message.name)
            current = store.row_definition(row)
            incoming = definition_from_pb(message, message.name, current.version)
            merged = Definition(
                **{
                    **{f: getattr(current, f) for f in Definition.__dataclass_fields__},
                    **{p: getattr(incoming, p) for p in paths},
                }
            )
            collect(FieldViolation(p.field, p.message) for p in problems(merged))
            if request.validate_only:
                return store.row_classifier(row)
            values = store.classifier_values(merged)
            try:
                row = await store.update(
                    conn,
                    "classifiers",
                    ids["workspace"],
                    ids["classifier"],
                    {p: values[p] for p in paths},
                )
            except asyncpg.UniqueViolationError:
                raise already_exists("Classifier", merged.display_name) from None
        await self._selection.changed(ids["workspace"])
        return store.row_classifier(row)

    async def DeleteClassifier(
        self, request: pb.DeleteClassifierRequest, context: Any
    ) -> empty_pb2.Empty:
        if request.name.startswith("classifiers/"):
            raise failed_precondition(f"{request.name} is built in", "BUILT_IN_READ_ONLY")
        ids = parse_name(request.name, CUSTOM)
        async with self._pool.acquire() as conn, conn.transaction():
            row = await self._saved(conn, request.name, lock=True)
            if request.etag and parse_etag(request.etag) != row["version"]:
                raise aborted_etag("Classifier", request.name)
            await conn.execute(
                "DELETE FROM classification.classifiers WHERE workspace_id = $1 AND id = $2",
                ids["workspace"],
                ids["classifier"],
            )
        await self._selection.changed(ids["workspace"])
        return empty_pb2.Empty()

    async def TestClassifier(
        self, request: pb.TestClassifierRequest, context: Any
    ) -> pb.TestClassifierResponse:
        if len(request.values) > 10_000:
            collect([FieldViolation("values", "at most 10000 values")])
        if request.name:
            item = await self.resolve(request.name)
            dictionary: frozenset[str] = frozenset()
            if not item.built_in:
                row = await self._saved(self._pool, request.name)
                dictionary = frozenset(row["dictionary"])
            return await asyncio.to_thread(try_classifier, item, request, dictionary)
        if not request.HasField("classifier"):
            collect([FieldViolation("classifier", "set name or classifier")])
        parent = request.parent or "workspaces/unsaved"
        parse_name(parent, WORKSPACE, "parent")
        definition = definition_from_pb(request.classifier, f"{parent}/classifiers/unsaved")
        found = [
            pb.DefinitionProblem(field=v.field, message=v.description)
            for v in enum_violations(request.classifier, {"category", "sensitivity", "validator"})
        ]
        found += [
            pb.DefinitionProblem(field=p.field, message=p.message) for p in problems(definition)
        ]
        if found:
            return pb.TestClassifierResponse(problems=found)
        return await asyncio.to_thread(
            try_classifier, build(definition), request, frozenset(definition.dictionary)
        )
