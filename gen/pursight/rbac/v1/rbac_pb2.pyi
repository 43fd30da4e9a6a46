import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.api import resource_pb2 as _resource_pb2
from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from pursight.common.v1 import access_pb2 as _access_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ScopeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SCOPE_KIND_UNSPECIFIED: _ClassVar[ScopeKind]
    SCOPE_KIND_PLATFORM: _ClassVar[ScopeKind]
    SCOPE_KIND_WORKSPACE: _ClassVar[ScopeKind]
    SCOPE_KIND_DATA_SOURCE: _ClassVar[ScopeKind]
    SCOPE_KIND_ASSET: _ClassVar[ScopeKind]

class Effect(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EFFECT_UNSPECIFIED: _ClassVar[Effect]
    EFFECT_ALLOW: _ClassVar[Effect]
    EFFECT_DENY: _ClassVar[Effect]
SCOPE_KIND_UNSPECIFIED: ScopeKind
SCOPE_KIND_PLATFORM: ScopeKind
SCOPE_KIND_WORKSPACE: ScopeKind
SCOPE_KIND_DATA_SOURCE: ScopeKind
SCOPE_KIND_ASSET: ScopeKind
EFFECT_UNSPECIFIED: Effect
EFFECT_ALLOW: Effect
EFFECT_DENY: Effect

class Role(_message.Message):
    __slots__ = ("name", "display_name", "description", "permissions", "assignable_scopes", "built_in", "binding_count", "creator", "create_time", "update_time", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    ASSIGNABLE_SCOPES_FIELD_NUMBER: _ClassVar[int]
    BUILT_IN_FIELD_NUMBER: _ClassVar[int]
    BINDING_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    description: str
    permissions: _containers.RepeatedScalarFieldContainer[str]
    assignable_scopes: _containers.RepeatedScalarFieldContainer[ScopeKind]
    built_in: bool
    binding_count: int
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., permissions: _Optional[_Iterable[str]] = ..., assignable_scopes: _Optional[_Iterable[_Union[ScopeKind, str]]] = ..., built_in: _Optional[bool] = ..., binding_count: _Optional[int] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class RoleBinding(_message.Message):
    __slots__ = ("name", "principal", "role", "scope", "scope_kind", "effect", "description", "expire_time", "origin", "origin_resource", "creator", "create_time", "update_time", "etag")
    class Origin(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        ORIGIN_UNSPECIFIED: _ClassVar[RoleBinding.Origin]
        ORIGIN_MANUAL: _ClassVar[RoleBinding.Origin]
        ORIGIN_WORKSPACE_MEMBER: _ClassVar[RoleBinding.Origin]
        ORIGIN_DIRECTORY_SYNC: _ClassVar[RoleBinding.Origin]
        ORIGIN_BOOTSTRAP: _ClassVar[RoleBinding.Origin]
    ORIGIN_UNSPECIFIED: RoleBinding.Origin
    ORIGIN_MANUAL: RoleBinding.Origin
    ORIGIN_WORKSPACE_MEMBER: RoleBinding.Origin
    ORIGIN_DIRECTORY_SYNC: RoleBinding.Origin
    ORIGIN_BOOTSTRAP: RoleBinding.Origin
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_KIND_FIELD_NUMBER: _ClassVar[int]
    EFFECT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_RESOURCE_FIELD_NUMBER: _ClassVar[int]
    CREATOR_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    principal: str
    role: str
    scope: str
    scope_kind: ScopeKind
    effect: Effect
    description: str
    expire_time: _timestamp_pb2.Timestamp
    origin: RoleBinding.Origin
    origin_resource: str
    creator: str
    create_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    etag: str
    def __init__(self, name: _Optional[str] = ..., principal: _Optional[str] = ..., role: _Optional[str] = ..., scope: _Optional[str] = ..., scope_kind: _Optional[_Union[ScopeKind, str]] = ..., effect: _Optional[_Union[Effect, str]] = ..., description: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., origin: _Optional[_Union[RoleBinding.Origin, str]] = ..., origin_resource: _Optional[str] = ..., creator: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., etag: _Optional[str] = ...) -> None: ...

class Permission(_message.Message):
    __slots__ = ("permission", "service", "description", "methods", "mutating", "built_in_roles")
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    METHODS_FIELD_NUMBER: _ClassVar[int]
    MUTATING_FIELD_NUMBER: _ClassVar[int]
    BUILT_IN_ROLES_FIELD_NUMBER: _ClassVar[int]
    permission: str
    service: str
    description: str
    methods: _containers.RepeatedScalarFieldContainer[str]
    mutating: bool
    built_in_roles: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, permission: _Optional[str] = ..., service: _Optional[str] = ..., description: _Optional[str] = ..., methods: _Optional[_Iterable[str]] = ..., mutating: _Optional[bool] = ..., built_in_roles: _Optional[_Iterable[str]] = ...) -> None: ...

class CreateRoleRequest(_message.Message):
    __slots__ = ("role", "role_id", "request_id", "validate_only")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    ROLE_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    role: Role
    role_id: str
    request_id: str
    validate_only: bool
    def __init__(self, role: _Optional[_Union[Role, _Mapping]] = ..., role_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetRoleRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListRolesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "built_in_only", "custom_only", "permission")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    BUILT_IN_ONLY_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_ONLY_FIELD_NUMBER: _ClassVar[int]
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    built_in_only: bool
    custom_only: bool
    permission: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., built_in_only: _Optional[bool] = ..., custom_only: _Optional[bool] = ..., permission: _Optional[str] = ...) -> None: ...

class ListRolesResponse(_message.Message):
    __slots__ = ("roles", "next_page_token", "total_size")
    ROLES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    roles: _containers.RepeatedCompositeFieldContainer[Role]
    next_page_token: str
    total_size: int
    def __init__(self, roles: _Optional[_Iterable[_Union[Role, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateRoleRequest(_message.Message):
    __slots__ = ("role", "update_mask")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    role: Role
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, role: _Optional[_Union[Role, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteRoleRequest(_message.Message):
    __slots__ = ("name", "etag", "force")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    force: bool
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ..., force: _Optional[bool] = ...) -> None: ...

class CreateRoleBindingRequest(_message.Message):
    __slots__ = ("role_binding", "role_binding_id", "request_id", "validate_only")
    ROLE_BINDING_FIELD_NUMBER: _ClassVar[int]
    ROLE_BINDING_ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    VALIDATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    role_binding: RoleBinding
    role_binding_id: str
    request_id: str
    validate_only: bool
    def __init__(self, role_binding: _Optional[_Union[RoleBinding, _Mapping]] = ..., role_binding_id: _Optional[str] = ..., request_id: _Optional[str] = ..., validate_only: _Optional[bool] = ...) -> None: ...

class GetRoleBindingRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class ListRoleBindingsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "principal", "role", "scope", "include_inherited", "include_descendants", "effect", "include_expired")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INHERITED_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DESCENDANTS_FIELD_NUMBER: _ClassVar[int]
    EFFECT_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    principal: str
    role: str
    scope: str
    include_inherited: bool
    include_descendants: bool
    effect: Effect
    include_expired: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., principal: _Optional[str] = ..., role: _Optional[str] = ..., scope: _Optional[str] = ..., include_inherited: _Optional[bool] = ..., include_descendants: _Optional[bool] = ..., effect: _Optional[_Union[Effect, str]] = ..., include_expired: _Optional[bool] = ...) -> None: ...

class ListRoleBindingsResponse(_message.Message):
    __slots__ = ("role_bindings", "next_page_token", "total_size")
    ROLE_BINDINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    role_bindings: _containers.RepeatedCompositeFieldContainer[RoleBinding]
    next_page_token: str
    total_size: int
    def __init__(self, role_bindings: _Optional[_Iterable[_Union[RoleBinding, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateRoleBindingRequest(_message.Message):
    __slots__ = ("role_binding", "update_mask")
    ROLE_BINDING_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    role_binding: RoleBinding
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, role_binding: _Optional[_Union[RoleBinding, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteRoleBindingRequest(_message.Message):
    __slots__ = ("name", "etag")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    name: str
    etag: str
    def __init__(self, name: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class CheckPermissionRequest(_message.Message):
    __slots__ = ("principal", "permission", "resource", "resource_ancestors", "groups")
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ANCESTORS_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    principal: str
    permission: str
    resource: str
    resource_ancestors: _containers.RepeatedScalarFieldContainer[str]
    groups: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, principal: _Optional[str] = ..., permission: _Optional[str] = ..., resource: _Optional[str] = ..., resource_ancestors: _Optional[_Iterable[str]] = ..., groups: _Optional[_Iterable[str]] = ...) -> None: ...

class CheckPermissionResponse(_message.Message):
    __slots__ = ("allowed", "reason", "binding", "role", "scope", "matched_principal", "message", "ancestors_needed")
    class Reason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        REASON_UNSPECIFIED: _ClassVar[CheckPermissionResponse.Reason]
        REASON_ALLOWED_BY_BINDING: _ClassVar[CheckPermissionResponse.Reason]
        REASON_DENIED_BY_BINDING: _ClassVar[CheckPermissionResponse.Reason]
        REASON_NO_MATCHING_BINDING: _ClassVar[CheckPermissionResponse.Reason]
        REASON_UNKNOWN_PERMISSION: _ClassVar[CheckPermissionResponse.Reason]
        REASON_UNKNOWN_PRINCIPAL: _ClassVar[CheckPermissionResponse.Reason]
    REASON_UNSPECIFIED: CheckPermissionResponse.Reason
    REASON_ALLOWED_BY_BINDING: CheckPermissionResponse.Reason
    REASON_DENIED_BY_BINDING: CheckPermissionResponse.Reason
    REASON_NO_MATCHING_BINDING: CheckPermissionResponse.Reason
    REASON_UNKNOWN_PERMISSION: CheckPermissionResponse.Reason
    REASON_UNKNOWN_PRINCIPAL: CheckPermissionResponse.Reason
    ALLOWED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BINDING_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    MATCHED_PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ANCESTORS_NEEDED_FIELD_NUMBER: _ClassVar[int]
    allowed: bool
    reason: CheckPermissionResponse.Reason
    binding: str
    role: str
    scope: str
    matched_principal: str
    message: str
    ancestors_needed: bool
    def __init__(self, allowed: _Optional[bool] = ..., reason: _Optional[_Union[CheckPermissionResponse.Reason, str]] = ..., binding: _Optional[str] = ..., role: _Optional[str] = ..., scope: _Optional[str] = ..., matched_principal: _Optional[str] = ..., message: _Optional[str] = ..., ancestors_needed: _Optional[bool] = ...) -> None: ...

class BatchCheckPermissionsRequest(_message.Message):
    __slots__ = ("requests",)
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    requests: _containers.RepeatedCompositeFieldContainer[CheckPermissionRequest]
    def __init__(self, requests: _Optional[_Iterable[_Union[CheckPermissionRequest, _Mapping]]] = ...) -> None: ...

class BatchCheckPermissionsResponse(_message.Message):
    __slots__ = ("responses",)
    RESPONSES_FIELD_NUMBER: _ClassVar[int]
    responses: _containers.RepeatedCompositeFieldContainer[CheckPermissionResponse]
    def __init__(self, responses: _Optional[_Iterable[_Union[CheckPermissionResponse, _Mapping]]] = ...) -> None: ...

class TestPermissionsRequest(_message.Message):
    __slots__ = ("resource", "permissions")
    RESOURCE_FIELD_NUMBER: _ClassVar[int]
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    resource: str
    permissions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, resource: _Optional[str] = ..., permissions: _Optional[_Iterable[str]] = ...) -> None: ...

class TestPermissionsResponse(_message.Message):
    __slots__ = ("permissions",)
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    permissions: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, permissions: _Optional[_Iterable[str]] = ...) -> None: ...

class ListPermissionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "service", "role")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    service: str
    role: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., service: _Optional[str] = ..., role: _Optional[str] = ...) -> None: ...

class ListPermissionsResponse(_message.Message):
    __slots__ = ("permissions", "next_page_token")
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    permissions: _containers.RepeatedCompositeFieldContainer[Permission]
    next_page_token: str
    def __init__(self, permissions: _Optional[_Iterable[_Union[Permission, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListGrantedScopesRequest(_message.Message):
    __slots__ = ("principal", "groups", "permission", "under", "page_size", "page_token")
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    UNDER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    principal: str
    groups: _containers.RepeatedScalarFieldContainer[str]
    permission: str
    under: str
    page_size: int
    page_token: str
    def __init__(self, principal: _Optional[str] = ..., groups: _Optional[_Iterable[str]] = ..., permission: _Optional[str] = ..., under: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListGrantedScopesResponse(_message.Message):
    __slots__ = ("platform_wide", "allowed_scopes", "denied_scopes", "next_page_token")
    PLATFORM_WIDE_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_SCOPES_FIELD_NUMBER: _ClassVar[int]
    DENIED_SCOPES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    platform_wide: bool
    allowed_scopes: _containers.RepeatedScalarFieldContainer[str]
    denied_scopes: _containers.RepeatedScalarFieldContainer[str]
    next_page_token: str
    def __init__(self, platform_wide: _Optional[bool] = ..., allowed_scopes: _Optional[_Iterable[str]] = ..., denied_scopes: _Optional[_Iterable[str]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListPermissionHoldersRequest(_message.Message):
    __slots__ = ("permission", "workspace", "page_size", "page_token")
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    WORKSPACE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    permission: str
    workspace: str
    page_size: int
    page_token: str
    def __init__(self, permission: _Optional[str] = ..., workspace: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class PermissionHolder(_message.Message):
    __slots__ = ("principal", "role", "scope", "effect", "binding")
    PRINCIPAL_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    EFFECT_FIELD_NUMBER: _ClassVar[int]
    BINDING_FIELD_NUMBER: _ClassVar[int]
    principal: str
    role: str
    scope: str
    effect: Effect
    binding: str
    def __init__(self, principal: _Optional[str] = ..., role: _Optional[str] = ..., scope: _Optional[str] = ..., effect: _Optional[_Union[Effect, str]] = ..., binding: _Optional[str] = ...) -> None: ...

class ListPermissionHoldersResponse(_message.Message):
    __slots__ = ("holders", "next_page_token")
    HOLDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    holders: _containers.RepeatedCompositeFieldContainer[PermissionHolder]
    next_page_token: str
    def __init__(self, holders: _Optional[_Iterable[_Union[PermissionHolder, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
