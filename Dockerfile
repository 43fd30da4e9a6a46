# syntax=docker/dockerfile:1
# One image for every PurSight service and the REST gateway; the command picks the role:
#   docker run pursight                      every service and the gateway (laptop)
#   docker run pursight serve catalog        one service, as in its pod (mesh/)
#   docker run pursight gateway              the REST gateway alone
# tests/mesh/test_dockerfile.py checks that every path and command used here exists.

# --- build: the virtual environment with PurSight and its dependencies -----------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/pursight
WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
COPY gen ./gen
COPY services ./services
COPY gateway ./gateway
# The gateway reads the .proto comments for its OpenAPI descriptions.
COPY proto ./proto
# Editable: the packages stay in /app, where the gateway finds proto/ beside them.
RUN /opt/pursight/bin/pip install --editable . \
    && /opt/pursight/bin/python -m compileall -q /app/services /app/gateway /app/gen

# --- runtime: the same venv and source, no build tools, an unprivileged user ----------
FROM python:3.11-slim AS runtime
RUN groupadd --system --gid 10001 pursight \
    && useradd --system --uid 10001 --gid pursight --no-create-home \
       --home-dir /var/lib/pursight --shell /usr/sbin/nologin pursight \
    && mkdir -p /var/lib/pursight \
    && chown pursight:pursight /var/lib/pursight
COPY --from=build /opt/pursight /opt/pursight
COPY --from=build /app /app
ENV PATH=/opt/pursight/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PURSIGHT_DATA_DIR=/var/lib/pursight \
    PURSIGHT_GRPC_HOST=0.0.0.0 \
    PURSIGHT_GATEWAY_HOST=0.0.0.0
WORKDIR /app
USER 10001:10001
# gRPC, REST, Prometheus metrics.
EXPOSE 50051 8080 9464
ENTRYPOINT ["pursight"]
CMD ["up"]
