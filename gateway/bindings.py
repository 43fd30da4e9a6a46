"""From google.api.http options to bindings: one per HTTP route of an RPC.

A method's HttpRule and each of its ``additional_bindings`` become a ``Binding`` that
carries everything the request path needs later (HTTP method, compiled template, body
and response_body selectors, message classes, upstream method path), so serving a
request never goes back to descriptors or options.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor, message

from gateway import descriptors
from gateway.path_template import PathTemplate, TemplateError, parse_template
from pursight.common.v1 import access_pb2

_log = logging.getLogger(__name__)

_PATTERN_METHODS = ("get", "put", "post", "delete", "patch")


class BindingError(ValueError):
    """An http option that names fields the request message does not have."""


@dataclass(frozen=True)
class Binding:
    """One HTTP route of one RPC."""

    service: descriptor.ServiceDescriptor
    method: descriptor.MethodDescriptor
    short_name: str
    http_method: str
    template: PathTemplate
    body: str
    response_body: str
    index: int
    request_class: type[message.Message]
    response_class: type[message.Message]
    public: bool

    @property
    def grpc_path(self) -> str:
        """The upstream method path, ``/pursight.catalog.v1.CatalogService/GetAsset``."""
        return f"/{self.service.full_name}/{self.method.name}"

    @property
    def server_streaming(self) -> bool:
        return bool(self.method.server_streaming)

    @property
    def operation_id(self) -> str:
        """``<Service>_<Method>``, suffixed with the binding's index for additional ones."""
        base = f"{self.service.name}_{self.method.name}"
        return base if self.index == 0 else f"{base}_{self.index}"


def _rule_method_and_path(rule: http_pb2.HttpRule) -> tuple[str, str] | None:
    kind = rule.WhichOneof("pattern")
    if kind is None:
        return None
    if kind == "custom":
        return rule.custom.kind.upper(), rule.custom.path
    return kind.upper(), str(getattr(rule, kind))


def _check_field_path(
    request: descriptor.Descriptor, path: str, what: str, method: descriptor.MethodDescriptor
) -> None:
    current: descriptor.Descriptor | None = request
    parts = path.split(".")
    for position, name in enumerate(parts):
        if current is None:
            raise BindingError(f"{method.full_name}: {what} {path!r} goes through a non-message")
        field = current.fields_by_name.get(name)
        if field is None:
            raise BindingError(f"{method.full_name}: {what} {path!r} names no field {name!r}")
        last = position == len(parts) - 1
        if not last and (descriptors.is_repeated(field) or field.message_type is None):
            raise BindingError(f"{method.full_name}: {what} {path!r} crosses {name!r}")
        current = field.message_type


def _is_public(method: descriptor.MethodDescriptor) -> bool:
    options = method.GetOptions()
    extension: Any = access_pb2.access  # typed as a plain FieldDescriptor by the gen stubs
    if not options.HasExtension(extension):
        return False
    return bool(options.Extensions[extension].public)


def bindings_for_method(
    service: descriptor.ServiceDescriptor,
    method: descriptor.MethodDescriptor,
    problems: list[str] | None = None,
) -> list[Binding]:
    """The bindings of one method: its rule first, then its additional bindings.

    A rule that cannot be served (malformed template, a field that does not exist) is
    left out and described in ``problems`` rather than raised: one bad annotation must
    not take the whole REST API down. A test asserts there are none.
    """
    found_problems = problems if problems is not None else []
    options = method.GetOptions()
    if not options.HasExtension(annotations_pb2.http):
        return []
    rule: http_pb2.HttpRule = options.Extensions[annotations_pb2.http]
    if method.client_streaming:
        _log.warning("%s: client streaming is not served over REST", method.full_name)
        return []
    rules = [rule, *rule.additional_bindings]
    result: list[Binding] = []
    request_class = descriptors.message_class(method.input_type)
    response_class = descriptors.message_class(method.output_type)
    short_name = descriptors.service_short_name(service)
    public = _is_public(method)
    for index, one in enumerate(rules):
        method_and_path = _rule_method_and_path(one)
        if method_and_path is None:
            found_problems.append(f"{method.full_name}: http rule {index} has no pattern")
            _log.error("%s", found_problems[-1])
            continue
        http_method, path = method_and_path
        try:
            template = parse_template(path)
            for variable in template.variables:
                _check_field_path(method.input_type, variable.field_path, "path variable", method)
            if one.body and one.body != "*":
                _check_field_path(method.input_type, one.body, "body", method)
            if one.response_body:
                _check_field_path(method.output_type, one.response_body, "response_body", method)
        except (TemplateError, BindingError) as exc:
            found_problems.append(f"{method.full_name}: http rule {index}: {exc}")
            _log.error("%s; the route is not served", found_problems[-1])
            continue
        result.append(
            Binding(
                service=service,
                method=method,
                short_name=short_name,
                http_method=http_method,
                template=template,
                body=one.body,
                response_body=one.response_body,
                index=index,
                request_class=request_class,
                response_class=response_class,
                public=public,
            )
        )
    return result


def collect_bindings(
    services: Iterable[descriptor.ServiceDescriptor] | None = None,
    problems: list[str] | None = None,
) -> list[Binding]:
    """Every binding of every http-annotated method of the given (default: all) services."""
    found: list[Binding] = []
    for service in descriptors.iter_services() if services is None else services:
        for method in service.methods:
            found.extend(bindings_for_method(service, method, problems))
    return found


def iter_methods_with_http(
    services: Iterable[descriptor.ServiceDescriptor],
) -> Iterator[descriptor.MethodDescriptor]:
    """Methods that carry a google.api.http option, for completeness checks."""
    for service in services:
        for method in service.methods:
            if method.GetOptions().HasExtension(annotations_pb2.http):
                yield method
