# syntax=docker/dockerfile:1
# SISMIC Tracker's container image (docs/container.md): the web app and GraphiQL built in a Node
# stage, the `sismic` binary in a Rust stage, both copied into a slim Debian image that runs as
# an unprivileged user.
#
#   docker build -t sismic .                                  # the default build
#   docker build --build-arg FEATURES=sismic-server/otel -t sismic:otel .   # with OTLP traces

# --- 1. The web side: npm packages as web/package-lock.json pins them, then `npm run build`
#        (web/dist/app and web/dist/graphiql, which the server reads at run time).
FROM node:20-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build

# --- 2. The binary, from the locked dependencies.
FROM rust:1-bookworm AS build
ARG FEATURES=""
WORKDIR /src
COPY Cargo.toml Cargo.lock rustfmt.toml ./
COPY crates crates
COPY tests tests
COPY migrations migrations
RUN cargo build --release --locked --bin sismic ${FEATURES:+--features "$FEATURES"} \
 && strip target/release/sismic

# --- 3. What runs: the binary, the built web side, CA certificates; nothing else.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 sismic \
 && useradd --system --uid 10001 --gid sismic --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin sismic
COPY --from=build /src/target/release/sismic /usr/local/bin/sismic
COPY --from=web /src/web/dist /opt/sismic/web
# Listen on every interface of the container: the API on 8080; the metrics on 9464, to publish
# to the monitoring network only (they have no authentication). JSON logs on standard error.
ENV SISMIC_BIND=0.0.0.0:8080 \
    SISMIC_METRICS_BIND=0.0.0.0:9464 \
    SISMIC_WEB_DIR=/opt/sismic/web \
    SISMIC_LOG_FORMAT=json
USER 10001:10001
EXPOSE 8080 9464
# SIGTERM: stop accepting, finish the requests in flight (at most SISMIC_REQUEST_TIMEOUT_SECS),
# exit 0. Give it that long (docker stop --time 40; Kubernetes terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/sismic"]
CMD ["serve"]
