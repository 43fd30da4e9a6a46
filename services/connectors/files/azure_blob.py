"""Files in an Azure Blob Storage container (or Azurite), through azure-storage-blob's
asyncio client.

Listing pages through the container one page at a time; text files are read with one
ranged download of their head, Parquet through a file object whose reads become ranged
downloads (with read-ahead), so a footer and one row group's columns are all that
travel. The account host is checked against link-local and metadata addresses before
the first request. Qualified names are the blobs' URLs without any query string:
``https://acme.blob.core.windows.net/container/path/file.csv``.
"""

from __future__ import annotations

import asyncio
import enum
import io
import urllib.parse
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import IO, Any

from azure.core.credentials import AzureNamedKeyCredential, AzureSasCredential
from azure.core.exceptions import (
    ClientAuthenticationError,
    HttpResponseError,
    ResourceNotFoundError,
    ServiceRequestError,
    ServiceResponseError,
)
from azure.storage.blob import BlobProperties
from azure.storage.blob.aio import ContainerClient

from pursight.datasource.v1 import datasource_pb2
from services.connectors import network
from services.connectors.errors import ConfigCheck, ConnectorError
from services.connectors.files._base import (
    ALL_FORMATS,
    FileConnector,
    FileEntry,
    hidden,
    parse_options,
)
from services.connectors.files._formats import ParsingOptions
from services.connectors.model import Capabilities, CredentialType, FailureKind, Kind, ObjectType
from services.connectors.registry import register

_READ_AHEAD = 1 << 20
# Storage error codes for a refused credential (Azure says AuthenticationFailed; Azurite
# says AuthorizationFailure, with "failed to authenticate" in its message).
_AUTH_CODES = frozenset(
    {"AuthenticationFailed", "InvalidAuthenticationInfo", "NoAuthenticationInformation"}
)


class AuthMethod(enum.IntEnum):
    """Values of ``AzureBlobConfig.AuthMethod``."""

    UNSPECIFIED = 0
    ACCOUNT_KEY = 1
    SAS_TOKEN = 2
    CONNECTION_STRING = 3
    SERVICE_PRINCIPAL = 4
    DEFAULT_CREDENTIAL = 5
    ANONYMOUS = 6


@dataclass(frozen=True)
class AzureBlobConfig:
    account_url: str  # normalised: scheme://host[:port][/account], no trailing slash
    container: str
    prefix: str = ""
    auth_method: AuthMethod = AuthMethod.UNSPECIFIED
    parsing: ParsingOptions = field(default_factory=ParsingOptions)


def _normal_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url.strip())
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", "")
    )


def _account_name(account_url: str) -> str:
    """``https://acme.blob.core.windows.net`` -> ``acme``; an Azurite-style
    ``http://127.0.0.1:10000/devstoreaccount1`` -> ``devstoreaccount1``."""
    parts = urllib.parse.urlsplit(account_url)
    path = parts.path.strip("/")
    return path.split("/")[0] if path else (parts.hostname or "").split(".")[0]


def connection_string_url(text: str) -> str:
    """The blob endpoint a connection string names (without reading its secret)."""
    fields = {}
    for item in text.split(";"):
        key, sep, value = item.partition("=")
        if sep:
            fields[key.strip().lower()] = value.strip()
    if "blobendpoint" in fields:
        return _normal_url(fields["blobendpoint"])
    account, suffix = (
        fields.get("accountname", ""),
        fields.get("endpointsuffix", "core.windows.net"),
    )
    scheme = fields.get("defaultendpointsprotocol", "https")
    return f"{scheme}://{account}.blob.{suffix}" if account else ""


def map_error(exc: BaseException, container: str) -> ConnectorError:
    if isinstance(exc, ConnectorError):
        return exc
    raw_code = getattr(exc, "error_code", "") or ""
    code = str(getattr(raw_code, "value", raw_code))  # the SDK gives a str enum
    text = str(getattr(exc, "message", "") or exc).lower()
    if (
        isinstance(exc, ClientAuthenticationError)
        or code in _AUTH_CODES
        or (code == "AuthorizationFailure" and "failed to authenticate" in text)
    ):
        return ConnectorError(
            FailureKind.AUTH_FAILED,
            "the storage account refused the credential",
            step="authenticate",
        )
    if isinstance(exc, ResourceNotFoundError):
        what = f"container {container!r}" if "Container" in code or not code else "the blob"
        return ConnectorError(FailureKind.NOT_FOUND, f"{what} does not exist", step="database")
    if isinstance(exc, HttpResponseError) and exc.status_code == 403:
        return ConnectorError(
            FailureKind.INSUFFICIENT_PRIVILEGES,
            "the credential may not list or read this container",
            step="read_catalog",
        )
    if isinstance(exc, ServiceRequestError | ServiceResponseError | OSError):
        return ConnectorError(
            FailureKind.UNREACHABLE, "cannot reach the storage account", step="connect"
        )
    if isinstance(exc, TimeoutError):
        return ConnectorError(FailureKind.TIMEOUT, "the storage account did not answer in time")
    if isinstance(exc, HttpResponseError):
        return ConnectorError(FailureKind.OTHER, f"the storage account answered {exc.status_code}")
    return ConnectorError(FailureKind.OTHER, f"unexpected {type(exc).__name__} from the driver")


class _BlobFile(io.RawIOBase):
    """A read-only, seekable file over ranged downloads, for pyarrow in a worker thread:
    each read is run on the event loop that owns the client and waited for here."""

    def __init__(self, fetch: Callable[[int, int], bytes], size: int) -> None:
        self._fetch, self._size, self._position = fetch, size, 0
        self._cache_start, self._cache = 0, b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        wanted = min(len(view), self._size - self._position)
        if wanted <= 0:
            return 0
        end = self._cache_start + len(self._cache)
        if not (self._cache_start <= self._position and self._position + wanted <= end):
            length = min(max(wanted, _READ_AHEAD), self._size - self._position)
            self._cache, self._cache_start = self._fetch(self._position, length), self._position
        offset = self._position - self._cache_start
        chunk = self._cache[offset : offset + wanted]
        view[: len(chunk)] = chunk
        self._position += len(chunk)
        return len(chunk)


@register(
    kind=Kind.AZURE_BLOB,
    name="azure_blob",
    display_name="Azure Blob Storage",
    description="CSV, Parquet, JSON and JSON Lines blobs in an Azure Storage container.",
    config_field="azure_blob",
    capabilities=Capabilities(native_sampling=True, incremental=True, row_estimates=True),
    object_types=(ObjectType.FOLDER, ObjectType.FILE),
    credential_types=(
        CredentialType.ACCOUNT_KEY,
        CredentialType.SAS_TOKEN,
        CredentialType.CONNECTION_STRING,
        CredentialType.SERVICE_PRINCIPAL,
    ),
    file_formats=ALL_FORMATS,
    requires=("azure.storage.blob", "aiohttp", "pyarrow"),
)
class AzureBlobConnector(FileConnector):
    config: AzureBlobConfig

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._client: ContainerClient | None = None
        self._identity: Any = None

    @classmethod
    def parse_config(cls, message: datasource_pb2.AzureBlobConfig) -> AzureBlobConfig:
        check = ConfigCheck()
        url = message.account_url.strip()
        method = message.auth_method
        check.require(
            int(method) in {m.value for m in AuthMethod}, "auth_method", "is not an auth method"
        )
        if int(method) != AuthMethod.CONNECTION_STRING.value:
            parts = urllib.parse.urlsplit(url)
            check.require(
                parts.scheme in ("http", "https") and bool(parts.hostname),
                "account_url",
                "must be an http(s) URL such as https://acme.blob.core.windows.net",
            )
            check.require(
                not parts.query,
                "account_url",
                "must not carry a query (put a SAS in the credential)",
            )
        container = message.container.strip()
        check.require(
            (
                3 <= len(container) <= 63
                and container.replace("-", "").isalnum()
                and container.islower()
            )
            or container == "$root",
            "container",
            "must be 3-63 lower-case letters, digits or '-'",
        )
        options = parse_options(check, message.parsing)
        check.done()
        return AzureBlobConfig(
            account_url=_normal_url(url) if url else "",
            container=container,
            prefix=message.prefix.lstrip("/"),
            auth_method=AuthMethod(int(method)),
            parsing=options,
        )

    @property
    def _account_url(self) -> str:
        if self.config.account_url:
            return self.config.account_url
        if self._credential and self._credential.type == CredentialType.CONNECTION_STRING:
            return connection_string_url(self._credential.secret)
        return ""

    @property
    def root(self) -> str:
        return f"{self._account_url}/{self.config.container}"

    @property
    def options(self) -> ParsingOptions:
        return self.config.parsing

    # -- the client -----------------------------------------------------------------------

    def _method(self) -> AuthMethod:
        if self.config.auth_method != AuthMethod.UNSPECIFIED:
            return self.config.auth_method
        if self._credential is None:
            return AuthMethod.DEFAULT_CREDENTIAL
        return {
            CredentialType.ACCOUNT_KEY: AuthMethod.ACCOUNT_KEY,
            CredentialType.SAS_TOKEN: AuthMethod.SAS_TOKEN,
            CredentialType.CONNECTION_STRING: AuthMethod.CONNECTION_STRING,
            CredentialType.SERVICE_PRINCIPAL: AuthMethod.SERVICE_PRINCIPAL,
        }.get(self._credential.type, AuthMethod.ANONYMOUS)

    def _secret(self, method: AuthMethod) -> str:
        if self._credential is None or not self._credential.secret:
            raise ConnectorError(
                FailureKind.INVALID_CONFIG,
                f"{method.name.lower()} needs a credential",
                step="authenticate",
            )
        return self._credential.secret

    async def _container(self) -> ContainerClient:
        if self._client is not None:
            return self._client
        url = self._account_url
        parts = urllib.parse.urlsplit(url)
        if not parts.hostname:
            raise ConnectorError(FailureKind.INVALID_CONFIG, "no account URL", step="resolve")
        await network.resolve(
            parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        )
        # One quick retry: the SDK's default backs off 15 s, which would hold a connection
        # test (and a scan worker) for half a minute on an address nobody answers.
        options: dict[str, Any] = {
            "retry_total": 1,
            "retry_connect": 1,
            "initial_backoff": 0.5,
            "increment_base": 2,
            "random_jitter_range": 0.5,
            "connection_timeout": self.limits.connect_timeout,
            "read_timeout": self.limits.statement_timeout,
        }
        method = self._method()
        if method == AuthMethod.CONNECTION_STRING:
            client = ContainerClient.from_connection_string(
                self._secret(method), self.config.container, **options
            )
        else:
            client = ContainerClient(
                url, self.config.container, credential=self._azure_credential(method), **options
            )
        self._client = client
        return client

    def _azure_credential(self, method: AuthMethod) -> Any:
        if method == AuthMethod.ACCOUNT_KEY:
            return AzureNamedKeyCredential(_account_name(self._account_url), self._secret(method))
        if method == AuthMethod.SAS_TOKEN:
            return AzureSasCredential(self._secret(method).lstrip("?"))
        if method == AuthMethod.ANONYMOUS:
            return None
        try:
            from azure.identity.aio import ClientSecretCredential, DefaultAzureCredential
        except ImportError:
            raise ConnectorError(
                FailureKind.DRIVER_MISSING,
                "Entra ID authentication needs azure-identity: pip install 'pursight[azure]'",
            ) from None
        if method == AuthMethod.SERVICE_PRINCIPAL:
            credential = self._credential
            if credential is None or not credential.tenant_id or not credential.client_id:
                raise ConnectorError(
                    FailureKind.INVALID_CONFIG, "a service principal credential is needed"
                )
            self._identity = ClientSecretCredential(
                credential.tenant_id, credential.client_id, credential.secret
            )
        else:
            self._identity = DefaultAzureCredential()
        return self._identity

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()
        identity, self._identity = self._identity, None
        if identity is not None:
            await identity.close()

    async def _call(self, work: Callable[[ContainerClient], Any]) -> Any:
        client = await self._container()
        try:
            return await work(client)
        except (
            HttpResponseError,
            ServiceRequestError,
            ServiceResponseError,
            OSError,
            TimeoutError,
        ) as exc:
            raise map_error(exc, self.config.container) from None

    # -- storage --------------------------------------------------------------------------

    def _blob(self, path: str) -> str:
        return self.config.prefix + path

    def _relative(self, name: str) -> str:
        return name[len(self.config.prefix) :]

    async def _list(
        self, folder: str, recursive: bool, keep: Callable[[str], bool] | None = None
    ) -> AsyncIterator[FileEntry]:
        client = await self._container()
        start = self._blob(f"{folder}/" if folder else "")
        try:
            if recursive:
                async for blob in client.list_blobs(name_starts_with=start):
                    path = self._relative(blob.name)
                    folders = path.split("/")[:-1]
                    if any(hidden(f) for f in folders):
                        continue
                    if keep is not None and folders and not keep("/".join(folders)):
                        continue
                    yield FileEntry(path, False, blob.size or 0, blob.last_modified)
            else:
                async for item in client.walk_blobs(name_starts_with=start, delimiter="/"):
                    path = self._relative(item.name).rstrip("/")
                    if isinstance(item, BlobProperties):
                        yield FileEntry(path, False, item.size or 0, item.last_modified)
                    else:  # a BlobPrefix: a virtual folder
                        yield FileEntry(path, True)
        except (HttpResponseError, ServiceRequestError, ServiceResponseError, OSError) as exc:
            raise map_error(exc, self.config.container) from None

    async def _stat(self, path: str) -> FileEntry:
        async def stat(client: ContainerClient) -> FileEntry:
            props = await client.get_blob_client(self._blob(path)).get_blob_properties()
            return FileEntry(path, False, props.size, props.last_modified)

        try:
            result: FileEntry = await self._call(stat)
        except ConnectorError as exc:
            if exc.failure == FailureKind.NOT_FOUND:
                exc.message, exc.object = f"{path} does not exist", self._name(path)
            raise
        return result

    async def _download(self, path: str, offset: int, length: int) -> bytes:
        async def download(client: ContainerClient) -> bytes:
            stream = await client.download_blob(self._blob(path), offset=offset, length=length)
            data: bytes = await stream.readall()
            return data

        result: bytes = await self._call(download)
        return result

    async def _head(self, entry: FileEntry, size: int) -> bytes:
        if entry.size == 0:
            return b""
        return await self._download(entry.path, 0, min(size, entry.size))

    def _opener(self, entry: FileEntry) -> Callable[[], IO[bytes]]:
        loop = asyncio.get_running_loop()

        def fetch(offset: int, length: int) -> bytes:
            future = asyncio.run_coroutine_threadsafe(
                self._download(entry.path, offset, length), loop
            )
            return future.result(self.limits.statement_timeout + self.limits.connect_timeout)

        return lambda: io.BufferedReader(_BlobFile(fetch, entry.size))

    async def _check_root(self) -> str:
        async def exists(client: ContainerClient) -> bool:
            result: bool = await client.exists()
            return result

        found = await self._call(exists)
        if not found:
            raise ConnectorError(
                FailureKind.NOT_FOUND, f"container {self.config.container!r} does not exist"
            )
        return f"container {self.config.container!r} exists"
