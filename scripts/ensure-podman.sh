#!/usr/bin/env bash
# Makes sure Podman's Docker-compatible API answers on a socket of its own, for the Podman tests.
#
#   unix://$RUN/podman.sock      `podman system service --time=0`, storage in $DIR/storage (not the system's)
#   $DIR/containers.conf         use it as CONTAINERS_CONF with the podman CLI on the same storage (see `pm` below)
#
# On this kind of machine `podman run` fails with "error setting rlimit type 7: operation not permitted" (no
# CAP_SYS_RESOURCE, hard nofile limit 20000): the containers.conf here sets default_ulimits below that. There is no
# systemd, so cgroups are managed directly and events go to a file.
# The stand-in base images the ITs need are copied from the main Docker daemon (docker save | podman load), once.
# Idempotent: a service that answers is left alone. `scripts/ensure-podman.sh stop` stops it.
#
# Usage: scripts/ensure-podman.sh [stop]   (env: SLIM_PODMAN_DIR, default /var/lib/slim-podman;
#                                           SLIM_PODMAN_RUN, default /run/slim-podman)
set -euo pipefail

DIR=${SLIM_PODMAN_DIR:-/var/lib/slim-podman}
RUN=${SLIM_PODMAN_RUN:-/run/slim-podman}
SOCK=$RUN/podman.sock
PIDFILE=$DIR/service.pid
LOG=$DIR/service.log
# What the Podman ITs build from: the jre runtime, the JDK (baseline and jlink) and the jlink runtime's base.
IMAGES=(eclipse-temurin:17-jre eclipse-temurin:17-jdk gcr.io/distroless/cc-debian12)

fail() { echo "ensure-podman: $*" >&2; exit 1; }
now_us() { echo "${EPOCHREALTIME/./}"; }
secs() { local us=$(( $(now_us) - $1 )); printf '%d.%01d' $((us / 1000000)) $((us % 1000000 / 100000)); }
pm() { CONTAINERS_CONF=$DIR/containers.conf podman --root "$DIR/storage" --runroot "$RUN/runroot" "$@"; }
running() { [[ -s $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
answers() { [[ -S $SOCK ]] && timeout 10 curl -fsS --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1; }

if [[ ${1:-} == stop ]]; then
  if running; then
    pid=$(cat "$PIDFILE")
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    echo "podman: stopped the API service $pid"
  fi
  rm -f "$SOCK"
  exit 0
fi

[[ $(id -u) -eq 0 ]] || fail "this script runs Podman as root; run it as root (rootless Podman works with the plugin too, see README)."
start=$(now_us)
if ! command -v podman >/dev/null 2>&1; then
  [[ -f /etc/debian_version ]] || fail "podman is missing and this script installs it only on Debian; install podman."
  echo "podman: installing podman with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q podman >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q podman >/dev/null; }
fi
mkdir -p "$DIR" "$RUN"
cat > "$DIR/containers.conf" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF

if answers; then
  echo "podman: API answers at unix://$SOCK"
else
  if running; then
    fail "the Podman service $(cat "$PIDFILE") runs but does not answer at unix://$SOCK; see $LOG, or stop it with $0 stop."
  fi
  rm -f "$SOCK"
  (
    for fd in "/proc/$BASHPID/fd"/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    CONTAINERS_CONF=$DIR/containers.conf setsid nohup podman --root "$DIR/storage" --runroot "$RUN/runroot" \
      system service --time=0 "unix://$SOCK" </dev/null >>"$LOG" 2>&1 &
    echo $! > "$PIDFILE"
  )
  for _ in $(seq 1 60); do answers && break; sleep 0.5; done
  answers || { tail -n 15 "$LOG" >&2; fail "the Podman API did not answer at unix://$SOCK within 30 s; see $LOG."; }
  echo "podman: started the API service $(cat "$PIDFILE") at unix://$SOCK (log $LOG)"
fi

for image in "${IMAGES[@]}"; do
  want=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null) \
    || fail "$image is not on the main Docker daemon; run scripts/ensure-base-images.sh first."
  # podman load names a saved short name localhost/eclipse-temurin, while FROM eclipse-temurin resolves to
  # docker.io/library/eclipse-temurin: tag the full name. The image id stays the one the main daemon has.
  full=$image
  [[ ${image%%/*} == *.* ]] || full=docker.io/library/$image
  [[ $image == */* ]] && [[ ${image%%/*} != *.* ]] && full=docker.io/$image
  have=$(pm image inspect --format '{{.Id}}' "$full" 2>/dev/null || true)
  if [[ sha256:$have != "$want" && $have != "$want" ]]; then
    t=$(now_us)
    docker save "$image" | pm load -q >/dev/null
    [[ $full == "$image" ]] || pm tag "localhost/$image" "$full"
    echo "podman: loaded $image as $full ($(secs "$t") s)"
  fi
done
echo "podman: ready in $(secs "$start") s; DOCKER_HOST=unix://$SOCK"
