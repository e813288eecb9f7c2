#!/usr/bin/env bash
# Makes sure a Docker daemon answers, starting one if we can.
#
# The plugin's real tests build and run images, so CI and developers need a daemon. CI machines here
# have no docker.io preinstalled and no systemd, so on Debian as root we install it and start dockerd
# ourselves. Idempotent: exits 0 at once when a daemon already answers.
#
# Usage: scripts/ensure-docker.sh        (env: DOCKER_HOST, ENSURE_DOCKER_WAIT=60 seconds)
set -euo pipefail

DEFAULT_SOCK=/var/run/docker.sock
LOG=/var/log/slim-dockerd.log
WAIT=${ENSURE_DOCKER_WAIT:-60}
HOST=${DOCKER_HOST:-unix://$DEFAULT_SOCK}

fail() { echo "ensure-docker: $*" >&2; exit 1; }

# Prints the server version and returns 0 when the daemon at $HOST answers.
answers() {
  if command -v docker >/dev/null 2>&1; then
    DOCKER_HOST=$HOST timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null
  elif [[ $HOST == unix://* ]]; then
    # No CLI (yet): ask the Engine API directly over the socket.
    local json
    json=$(timeout 10 curl -fsS --unix-socket "${HOST#unix://}" http://localhost/version 2>/dev/null) || return 1
    grep -o '"Version":"[^"]*"' <<<"$json" | tail -n 1 | cut -d'"' -f4
  elif [[ $HOST == tcp://* ]]; then
    timeout 10 curl -fsS "http://${HOST#tcp://}/_ping" >/dev/null 2>&1 && echo "(no CLI)"
  else
    return 1
  fi
}

# 1. Something is configured (DOCKER_HOST or the default socket): if it answers, we are done.
if [[ -n ${DOCKER_HOST:-} || -S $DEFAULT_SOCK ]]; then
  if v=$(answers); then echo "docker: daemon $v answers at $HOST"; exit 0; fi
fi

# A DOCKER_HOST other than the default socket points at a daemon we do not manage: starting a
# local dockerd would not make *that* one answer.
if [[ -n ${DOCKER_HOST:-} && $DOCKER_HOST != "unix://$DEFAULT_SOCK" ]]; then
  fail "no Docker daemon answers at DOCKER_HOST=$DOCKER_HOST; start that daemon, or unset DOCKER_HOST to use a local one."
fi

# A socket we may not use is a permission problem, not a missing daemon.
if [[ -z ${DOCKER_HOST:-} && -S $DEFAULT_SOCK && ! -w $DEFAULT_SOCK ]]; then
  fail "$DEFAULT_SOCK exists but user $(id -un) may not use it; add the user to the 'docker' group (and log in again), or set DOCKER_HOST to a daemon you may use."
fi

# 2. Only root on Debian can install and start a daemon here; anyone else gets one clear sentence.
if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]]; then
  fail "no Docker daemon answers at $HOST and this script can only start one as root on Debian; start Docker (e.g. 'sudo systemctl start docker') or set DOCKER_HOST to a daemon that answers."
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker: installing docker.io with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q docker.io >/dev/null
fi

start=${EPOCHREALTIME/./}
# A dockerd that is still starting (e.g. a parallel run of this script) must not get a twin.
if pgrep -x dockerd >/dev/null; then
  echo "docker: dockerd is already running, waiting for it to answer ..."
else
  # Fully detached: new session (setsid -f forks, so it is not our child), SIGHUP ignored, and every fd
  # redirected or closed. A CI runner waits until all holders of its stdout/stderr pipe close them, so
  # a daemon that inherited one would hang the job.
  (
    for fd in "/proc/$BASHPID/fd"/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid -f nohup dockerd </dev/null >>"$LOG" 2>&1
  )
  echo "docker: started dockerd (log: $LOG)"
fi

deadline=$((SECONDS + WAIT))
until v=$(answers); do
  if ! pgrep -x dockerd >/dev/null; then
    tail -n 15 "$LOG" >&2 || true
    fail "dockerd exited before answering at $HOST (see $LOG); fix the error above, or start Docker yourself or set DOCKER_HOST."
  fi
  if (( SECONDS >= deadline )); then
    fail "dockerd did not answer at $HOST within ${WAIT}s (see $LOG); start Docker yourself or set DOCKER_HOST."
  fi
  sleep 0.5
done
us=$(( ${EPOCHREALTIME/./} - start ))
printf 'docker: daemon %s answers at %s (after %d.%01d s)\n' "$v" "$HOST" $((us / 1000000)) $((us % 1000000 / 100000))
