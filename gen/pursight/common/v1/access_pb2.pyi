from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor
ACCESS_FIELD_NUMBER: _ClassVar[int]
access: _descriptor.FieldDescriptor

class Access(_message.Message):
    __slots__ = ("permission", "public", "audited", "internal", "any_scope")
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    PUBLIC_FIELD_NUMBER: _ClassVar[int]
    AUDITED_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_FIELD_NUMBER: _ClassVar[int]
    ANY_SCOPE_FIELD_NUMBER: _ClassVar[int]
    permission: str
    public: bool
    audited: bool
    internal: bool
    any_scope: bool
    def __init__(self, permission: _Optional[str] = ..., public: _Optional[bool] = ..., audited: _Optional[bool] = ..., internal: _Optional[bool] = ..., any_scope: _Optional[bool] = ...) -> None: ...
