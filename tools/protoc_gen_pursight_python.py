"""A protoc plugin that runs grpc_tools' built-in Python generators for buf.

buf can drive protoc plugins but cannot reach the ``grpc_python`` generator, which only
lives inside grpc_tools' embedded protoc. This plugin receives buf's CodeGeneratorRequest,
replays it through grpc_tools.protoc from a descriptor set (so the output matches
``python -m grpc_tools.protoc`` exactly), and hands the files back to buf. It also emits
``__init__.py`` files so the generated tree is a regular package for packaging and mypy.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from google.protobuf import descriptor_pb2
from google.protobuf.compiler import plugin_pb2
from grpc_tools import protoc


def _generate(request: plugin_pb2.CodeGeneratorRequest) -> plugin_pb2.CodeGeneratorResponse:
    response = plugin_pb2.CodeGeneratorResponse(
        supported_features=plugin_pb2.CodeGeneratorResponse.FEATURE_PROTO3_OPTIONAL,
    )
    with tempfile.TemporaryDirectory() as tmp:
        descriptor_set = Path(tmp) / "set.binpb"
        out = Path(tmp) / "out"
        out.mkdir()
        descriptor_set.write_bytes(
            descriptor_pb2.FileDescriptorSet(file=request.proto_file).SerializeToString()
        )
        status = protoc.main(
            [
                "protoc",
                f"--descriptor_set_in={descriptor_set}",
                f"--python_out={out}",
                f"--pyi_out={out}",
                f"--grpc_python_out={out}",
                *request.file_to_generate,
            ]
        )
        if status != 0:
            response.error = f"grpc_tools.protoc exited with status {status}"
            return response
        packages: set[str] = set()
        for path in sorted(out.rglob("*")):
            if not path.is_file():
                continue
            relative = path.relative_to(out).as_posix()
            response.file.add(name=relative, content=path.read_text(encoding="utf-8"))
            parent = os.path.dirname(relative)
            while parent:
                packages.add(parent)
                parent = os.path.dirname(parent)
        for package in sorted(packages):
            response.file.add(name=f"{package}/__init__.py", content="")
    return response


def main() -> None:
    request = plugin_pb2.CodeGeneratorRequest.FromString(sys.stdin.buffer.read())
    sys.stdout.buffer.write(_generate(request).SerializeToString())


if __name__ == "__main__":
    main()
