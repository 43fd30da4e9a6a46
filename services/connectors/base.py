"""The interface every connector implements, and the per-source concurrency cap.

A connector is opened for one source (config, credential, limits) and used by the
datasource service to test and browse, and by the scan service to extract metadata in
bulk, sample rows and profile columns. It only ever reads; each plug-in enforces that
with the source's own read-only mechanism, not only by issuing reads.
"""

from __future__ import annotations

import abc
import asyncio
import logging
import time
import weakref
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, ClassVar

from services.connectors.errors import ConnectorError, scrub
from services.connectors.model import (
    CheckStep,
    ColumnProfile,
    ConnectionCheck,
    Credential,
    FailureKind,
    Limits,
    ObjectMetadata,
    Sample,
)
from services.connectors.profiles import profile_values
from services.connectors.registry import Plugin
from services.connectors.scope import EVERYTHING, Scope

log = logging.getLogger(__name__)

DEFAULT_SAMPLE_SIZE = 128
ObjectRef = ObjectMetadata | Sequence[str]
Warn = Callable[[ConnectorError], None]


class Limiter:
    """At most ``size`` operations at once against one source, from every connector
    instance this process opens for it (a scan's workers each open their own).

    Limiters are shared by source key and event loop, and vanish when no connector
    holds them. ``peak`` records the most operations seen at once, for tests and
    metrics.
    """

    _shared: ClassVar[weakref.WeakValueDictionary[tuple[str, int, int], Limiter]] = (
        weakref.WeakValueDictionary()
    )

    def __init__(self, size: int) -> None:
        self.size = size
        self._semaphore = asyncio.Semaphore(size)
        self.active = 0
        self.peak = 0

    @classmethod
    def for_source(cls, key: str, size: int) -> Limiter:
        loop_id = id(asyncio.get_running_loop()) if _loop_running() else 0
        shared_key = (key, size, loop_id)
        limiter = cls._shared.get(shared_key)
        if limiter is None:
            limiter = cls(size)
            cls._shared[shared_key] = limiter
        return limiter

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._semaphore:
            self.active += 1
            self.peak = max(self.peak, self.active)
            try:
                yield
            finally:
                self.active -= 1


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class StepRecorder:
    """The steps of a connection test, timed, in order."""

    def __init__(self) -> None:
        self.steps: list[CheckStep] = []

    def add(self, step: CheckStep) -> None:
        self.steps.append(step)

    @asynccontextmanager
    async def step(self, name: str, message: str = "") -> AsyncIterator[list[str]]:
        """Times the block as step ``name``; the block may append to the yielded list to
        say what it found. A ConnectorError marks the step failed and propagates."""
        started = time.perf_counter()
        notes: list[str] = []
        try:
            yield notes
        except ConnectorError as exc:
            exc.step = exc.step or name
            self.steps.append(
                CheckStep(exc.step, False, exc.message, time.perf_counter() - started)
            )
            raise
        self.steps.append(
            CheckStep(name, True, "; ".join(notes) or message, time.perf_counter() - started)
        )


class Connector(abc.ABC):
    """One source, opened with its config, credential and limits.

    Subclasses implement ``_run_test``, ``browse``, ``extract`` and ``sample``;
    ``test`` and ``profile`` are shared. Use it as an async context manager, or call
    ``aclose`` when done, to release connections.
    """

    plugin: ClassVar[Plugin]

    def __init__(
        self,
        config: Any,
        credential: Credential | None,
        limits: Limits,
        *,
        source_key: str = "",
    ) -> None:
        self.config = config
        self._credential = credential
        self.limits = limits
        self.limiter = Limiter.for_source(source_key or self.root, max(1, limits.max_connections))

    # -- what subclasses declare ------------------------------------------------------

    @classmethod
    @abc.abstractmethod
    def parse_config(cls, message: Any) -> Any:
        """The typed config from the kind's proto message; raises ConfigError."""

    @property
    @abc.abstractmethod
    def root(self) -> str:
        """The source's own qualified name (``postgresql://db.internal:5432``); every
        object's qualified name starts with it."""

    @abc.abstractmethod
    async def _run_test(self, recorder: StepRecorder, check_data_access: bool) -> TestFacts:
        """Runs the test steps; raises ConnectorError at the first failure."""

    @abc.abstractmethod
    async def browse(self, path: Sequence[str], *, include_system: bool = False) -> list[Any]:
        """The entries directly under ``path`` (BrowseItem), ordered by name."""

    @abc.abstractmethod
    def extract(
        self, scope: Scope = EVERYTHING, *, on_warning: Warn | None = None
    ) -> AsyncIterator[ObjectMetadata]:
        """Every table, view or file in scope with its columns, read in bulk (a few
        catalog queries per schema or one listing per folder), streamed so memory
        stays flat however many objects the source holds. An object or schema that
        cannot be read is passed to ``on_warning`` (logged when None) and skipped: a
        broken table is a warning, not a failed extraction."""

    @abc.abstractmethod
    async def sample(
        self, obj: ObjectRef, columns: Sequence[str] | None = None, n: int = DEFAULT_SAMPLE_SIZE
    ) -> Sample:
        """Up to ``n`` rows of ``obj`` (an extracted object or its path), cheaply on big
        objects; all columns when ``columns`` is None."""

    # -- shared behaviour ---------------------------------------------------------------

    @property
    def secrets(self) -> tuple[str, ...]:
        return self._credential.secrets() if self._credential else ()

    def scrub(self, text: str) -> str:
        return scrub(text, self.secrets)

    async def test(
        self, *, check_data_access: bool = False, time_limit: float | None = None
    ) -> ConnectionCheck:
        """Connects and reports what happened, step by step. Never raises for a refusal
        by the source: the result says which kind of failure it was."""
        recorder = StepRecorder()
        started = time.perf_counter()
        budget = time_limit if time_limit and time_limit > 0 else self.limits.connect_timeout * 3
        failure: FailureKind | None = None
        facts = TestFacts()
        try:
            async with asyncio.timeout(budget):
                facts = await self._run_test(recorder, check_data_access)
            message = facts.message or "connected; the catalog is readable"
        except ConnectorError as exc:
            failure, message = exc.failure, self.scrub(exc.message)
        except TimeoutError:
            failure, message = FailureKind.TIMEOUT, f"the source did not answer within {budget:g}s"
        except Exception as exc:  # noqa: BLE001 - a driver bug must still give the caller a result
            log.warning("connection test failed unexpectedly: %s", type(exc).__name__)
            failure, message = FailureKind.OTHER, f"unexpected {type(exc).__name__} from the driver"
        return ConnectionCheck(
            ok=failure is None,
            message=message,
            steps=tuple(recorder.steps),
            latency=time.perf_counter() - started,
            failure=failure,
            server_version=facts.server_version,
            missing_privileges=facts.missing_privileges,
        )

    async def profile(
        self, obj: ObjectRef, sample: Sample | None = None, columns: Sequence[str] | None = None
    ) -> dict[str, ColumnProfile]:
        """Column profiles (null fraction, distinct estimate, min/max, mean length),
        from ``sample`` (taken when None). Plug-ins with cheap statistics override
        this to use them."""
        if sample is None:
            sample = await self.sample(obj, columns)
        total = obj.row_estimate if isinstance(obj, ObjectMetadata) else None
        return {
            name: profile_values(values, total)
            for name, values in sample.values.items()
            if columns is None or name in columns
        }

    def catalog_prefixes(self) -> list[str]:
        """Qualified-name prefixes covering every object this source can hold (for
        retiring its assets): ``root/``, or one per database where several sources may
        share a server."""
        return [f"{self.root}/"]

    async def aclose(self) -> None:
        """Releases connections and clients; the connector can be used again after."""
        return

    async def __aenter__(self) -> Connector:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


class TestFacts:
    """What a passing test learned: the server version, privileges a scan lacks, and
    a sentence for people."""

    __test__ = False  # not a pytest test class, despite its name

    def __init__(
        self,
        server_version: str = "",
        missing_privileges: tuple[str, ...] = (),
        message: str = "",
    ) -> None:
        self.server_version = server_version
        self.missing_privileges = missing_privileges
        self.message = message
