"""Where traces go: Azure Monitor (Application Insights) when a connection string is set.

Spans are made everywhere anyway (the gRPC interceptors, the gateway); without an
exporter the OpenTelemetry API drops them at no cost. ``azure-monitor-opentelemetry``
(the optional ``azure`` extra) raises when configured without a connection string and is
not installed everywhere, so it is switched on only when
APPLICATIONINSIGHTS_CONNECTION_STRING is set (Azure's own variable name, which its SDK
also reads) and its absence is a warning, never a crash.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Mapping

log = logging.getLogger(__name__)

CONNECTION_STRING = "APPLICATIONINSIGHTS_CONNECTION_STRING"


def configure_telemetry(service_name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Exports this process's traces and metrics to Azure Monitor when configured;
    returns whether it did. ``service_name`` names the process in Application Insights
    (``pursight-catalog``, ``pursight-gateway``) unless OTEL_SERVICE_NAME says otherwise."""
    env = os.environ if environ is None else environ
    connection_string = env.get(CONNECTION_STRING, "").strip()
    if not connection_string:
        return False
    try:
        module = importlib.import_module("azure.monitor.opentelemetry")
    except ImportError:
        log.warning(
            "%s is set but azure-monitor-opentelemetry is not installed "
            "(pip install 'pursight[azure]'); traces stay local",
            CONNECTION_STRING,
        )
        return False
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource

    resource = Resource.create({SERVICE_NAME: env.get("OTEL_SERVICE_NAME") or service_name})
    try:
        module.configure_azure_monitor(connection_string=connection_string, resource=resource)
    except ValueError as exc:  # a malformed connection string
        log.warning("Azure Monitor export is off: %s", exc)
        return False
    log.info("exporting traces to Azure Monitor as %s", resource.attributes[SERVICE_NAME])
    return True
