#!/usr/bin/env bash
# Makes a Docker engine answer on this machine, for the end-to-end tests (e2e-tests).
# Idempotent and fast when already done: returns at once if `docker info` answers.
# Machines of this kind ship only the docker client; the engine comes from Debian's docker.io
# and is started in the background (there is no init system to start it).
set -euo pipefail

DOCKERD_LOG=${DOCKERD_LOG:-/var/log/lithair-dockerd.log}

if docker info >/dev/null 2>&1; then
    echo "docker: engine already answering"
    exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
    echo "docker: installing docker.io"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq docker.io >/dev/null
fi

# A daemon may already be starting (another shell ran this script): wait for it instead of starting
# a second one, which would fail on the pid file.
if ! pgrep -x dockerd >/dev/null 2>&1; then
    echo "docker: starting dockerd (log: $DOCKERD_LOG)"
    nohup dockerd >"$DOCKERD_LOG" 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
        echo "docker: engine answering ($(docker version --format '{{.Server.Version}}'))"
        exit 0
    fi
    sleep 1
done
echo "docker: the engine did not answer within 60 s; last lines of $DOCKERD_LOG:" >&2
tail -20 "$DOCKERD_LOG" >&2 || true
exit 1
