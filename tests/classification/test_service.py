"""The classification service through the real server, database and Redis."""

from __future__ import annotations

import uuid

import grpc
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from pursight.classification.v1 import classification_pb2 as pb
from pursight.classification.v1 import classification_pb2_grpc
from pursight.workspace.v1 import workspace_pb2, workspace_pb2_grpc
from tests.conftest import Platform


def _stub(platform: Platform) -> classification_pb2_grpc.ClassificationServiceStub:
    return classification_pb2_grpc.ClassificationServiceStub(platform.channel)


def _fields(error: grpc.aio.AioRpcError) -> list[str]:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert isinstance(status, status_pb2.Status)
    found: list[str] = []
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found += [v.field for v in bad.field_violations]
    return found


async def _workspace(platform: Platform) -> str:
    ws = await workspace_pb2_grpc.WorkspaceServiceStub(platform.channel).CreateWorkspace(
        workspace_pb2.CreateWorkspaceRequest(
            workspace=workspace_pb2.Workspace(display_name=f"cls {uuid.uuid4().hex[:8]}")
        ),
        metadata=platform.admin,
    )
    return ws.name


EMPLOYEE = pb.Classifier(
    display_name="Employee id",
    category=pb.CATEGORY_PII,
    sensitivity=pb.SENSITIVITY_CONFIDENTIAL,
    data_patterns=[r"EMP-\d{6}"],
    column_name_patterns=["employee|staff"],
    min_distinct_matches=2,
    find_in_text=True,
)


async def test_builtins_are_listed_and_read_only(platform: Platform) -> None:
    stub = _stub(platform)
    page = await stub.ListClassifiers(
        pb.ListClassifiersRequest(page_size=10), metadata=platform.admin
    )
    assert len(page.classifiers) == 10
    assert page.total_size >= 40
    assert page.next_page_token
    rest = await stub.ListClassifiers(
        pb.ListClassifiersRequest(page_size=1000, page_token=page.next_page_token),
        metadata=platform.admin,
    )
    names = [c.name for c in [*page.classifiers, *rest.classifiers]]
    assert len(names) == page.total_size == len(set(names))
    email = await stub.GetClassifier(
        pb.GetClassifierRequest(name="classifiers/email"), metadata=platform.admin
    )
    assert email.built_in
    assert email.label == "pii.email"
    assert email.suppresses == ["classifiers/url"]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetClassifier(
            pb.GetClassifierRequest(name="classifiers/nope"), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.UpdateClassifier(
            pb.UpdateClassifierRequest(
                classifier=pb.Classifier(name="classifiers/email", display_name="x")
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_custom_classifier_crud(platform: Platform) -> None:
    stub, parent = _stub(platform), await _workspace(platform)
    created = await stub.CreateClassifier(
        pb.CreateClassifierRequest(parent=parent, classifier=EMPLOYEE, request_id=uuid.uuid4().hex),
        metadata=platform.admin,
    )
    assert created.name == f"{parent}/classifiers/employee-id"
    assert created.creator == "users/admin"
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateClassifier(
            pb.CreateClassifierRequest(parent=parent, classifier=EMPLOYEE), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.ALREADY_EXISTS
    updated = await stub.UpdateClassifier(
        pb.UpdateClassifierRequest(
            classifier=pb.Classifier(name=created.name, min_match_threshold=0.8, etag=created.etag),
            update_mask=field_mask_pb2.FieldMask(paths=["min_match_threshold"]),
        ),
        metadata=platform.admin,
    )
    assert updated.min_match_threshold == 0.8
    assert updated.etag != created.etag
    assert updated.data_patterns == created.data_patterns
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.UpdateClassifier(
            pb.UpdateClassifierRequest(
                classifier=pb.Classifier(name=created.name, description="late", etag=created.etag),
                update_mask=field_mask_pb2.FieldMask(paths=["description"]),
            ),
            metadata=platform.admin,
        )
    assert caught.value.code() == grpc.StatusCode.ABORTED
    listed = await stub.ListClassifiers(
        pb.ListClassifiersRequest(parent=parent, custom_only=True), metadata=platform.admin
    )
    assert [c.name for c in listed.classifiers] == [created.name]
    await stub.DeleteClassifier(
        pb.DeleteClassifierRequest(name=created.name), metadata=platform.admin
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.GetClassifier(
            pb.GetClassifierRequest(name=created.name), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND


async def test_bad_patterns_are_refused_with_field_violations(platform: Platform) -> None:
    stub, parent = _stub(platform), await _workspace(platform)
    bad = pb.Classifier(
        display_name="Bad",
        data_patterns=["ok\\d+", "(a)\\1", "(unclosed"],
        column_name_patterns=["[z-a]"],
    )
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateClassifier(
            pb.CreateClassifierRequest(parent=parent, classifier=bad), metadata=platform.admin
        )
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert _fields(caught.value) == [
        "classifier.category",
        "classifier.data_patterns[1]",
        "classifier.data_patterns[2]",
        "classifier.column_name_patterns[0]",
    ]
    tried = await stub.TestClassifier(
        pb.TestClassifierRequest(parent=parent, classifier=bad), metadata=platform.admin
    )
    assert [p.field for p in tried.problems][:1] == ["classifier.category"]


async def test_test_classifier_explains_value_by_value(platform: Platform) -> None:
    stub = _stub(platform)
    response = await stub.TestClassifier(
        pb.TestClassifierRequest(
            name="classifiers/credit-card",
            column_name="card_number",
            values=["4111 1111 1111 1111", "4111111111111112", "hello", "5555555555554444"],
        ),
        metadata=platform.admin,
    )
    assert [(v.matched, v.validator_rejected) for v in response.values] == [
        (True, False), (False, True), (False, False), (True, False),
    ]  # fmt: skip
    assert response.labelled
    assert response.label.evidence.validator_rejected_count == 1


async def test_classify_columns_with_custom_classifier_and_rule_set(platform: Platform) -> None:
    stub, parent = _stub(platform), await _workspace(platform)
    custom = await stub.CreateClassifier(
        pb.CreateClassifierRequest(parent=parent, classifier=EMPLOYEE), metadata=platform.admin
    )
    columns = [
        pb.ColumnSample(
            key="t#email", column_name="email", values=["a@example.com", "b@example.org", "c@x.io"]
        ),
        pb.ColumnSample(
            key="t#emp", column_name="staff_ref", values=["EMP-000001", "EMP-000002", "EMP-000003"]
        ),
        pb.ColumnSample(
            key="t#ip", column_name="client", values=["10.0.0.1", "10.0.0.2", "192.168.0.9"]
        ),
        pb.ColumnSample(key="t#opt", column_name="email_opt_in", values=["true", "false", "true"]),
    ]
    result = await stub.ClassifyColumns(
        pb.ClassifyColumnsRequest(parent=parent, columns=columns), metadata=platform.admin
    )
    got = {r.key: [label.classifier for label in r.labels] for r in result.results}
    assert got == {
        "t#email": ["classifiers/email"],
        "t#emp": [custom.name],
        "t#ip": ["classifiers/ipv4-address"],
        "t#opt": [],
    }
    evidence = result.results[1].labels[0].evidence
    assert evidence.column_name_matched
    assert evidence.matched_count == 3
    assert evidence.threshold == 0.6
    rule_set = await stub.CreateRuleSet(
        pb.CreateRuleSetRequest(
            parent=parent,
            rule_set=pb.RuleSet(
                display_name="No network",
                excluded_classifiers=["classifiers/ipv4-address"],
                workspace_default=True,
            ),
        ),
        metadata=platform.admin,
    )
    narrowed = await stub.ClassifyColumns(
        pb.ClassifyColumnsRequest(parent=parent, columns=columns), metadata=platform.admin
    )
    assert [list(r.labels) for r in narrowed.results][2] == []
    only_custom = await stub.CreateRuleSet(
        pb.CreateRuleSetRequest(
            parent=parent, rule_set=pb.RuleSet(display_name="Custom", classifiers=[custom.name])
        ),
        metadata=platform.admin,
    )
    picked = await stub.ClassifyColumns(
        pb.ClassifyColumnsRequest(parent=parent, rule_set=only_custom.name, columns=columns),
        metadata=platform.admin,
    )
    assert [[label.classifier for label in r.labels] for r in picked.results] == [
        [],
        [custom.name],
        [],
        [],
    ]
    listed = await stub.ListRuleSets(pb.ListRuleSetsRequest(parent=parent), metadata=platform.admin)
    assert [r.name for r in listed.rule_sets] == [rule_set.name, only_custom.name]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await stub.CreateRuleSet(
            pb.CreateRuleSetRequest(
                parent=parent,
                rule_set=pb.RuleSet(display_name="x", classifiers=["classifiers/nope"]),
            ),
            metadata=platform.admin,
        )
    assert _fields(caught.value) == ["rule_set.classifiers[0]"]


async def test_classify_text_spans(platform: Platform) -> None:
    text = "Mail jane@example.com or call +1 415-555-2671 re: EMP-123456"
    parent = await _workspace(platform)
    await _stub(platform).CreateClassifier(
        pb.CreateClassifierRequest(parent=parent, classifier=EMPLOYEE), metadata=platform.admin
    )
    result = await _stub(platform).ClassifyText(
        pb.ClassifyTextRequest(parent=parent, texts=[text]), metadata=platform.admin
    )
    spans = [
        (s.classifier.rsplit("/", 1)[-1], text[s.start : s.end]) for s in result.results[0].spans
    ]
    assert spans == [
        ("email", "jane@example.com"),
        ("phone-number", "+1 415-555-2671"),
        ("employee-id", "EMP-123456"),
    ]
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await _stub(platform).ClassifyText(
            pb.ClassifyTextRequest(texts=[], min_score=2), metadata=platform.admin
        )
    assert _fields(caught.value) == ["texts", "min_score"]
