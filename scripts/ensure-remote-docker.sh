#!/usr/bin/env bash
# Makes sure a second Docker daemon answers over TCP with TLS, for the tests of remote daemons and Docker contexts.
#
#   tcp://127.0.0.1:$PORT      and tcp://172.31.250.1:$PORT (the address of its own bridge: a daemon that is not on
#                              loopback, so slim:verify must probe the daemon's address, not 127.0.0.1)
#   --tlsverify                with a CA this script makes; the server certificate names both addresses, and the client
#                              certificate (extendedKeyUsage clientAuth) is in $DIR/client as ca.pem, cert.pem, key.pem
#                              (a DOCKER_CERT_PATH); $DIR/wrong-client holds a client certificate of another CA.
#   $DIR/docker-config         a DOCKER_CONFIG whose current context is slim-remote (this daemon with its TLS material);
#                              it also has the context slim-nowhere (tcp://127.0.0.1:1, where nothing answers).
#
# The daemon has its own --data-root, --exec-root, --pidfile and bridge (slim-br1). TRAP: a second dockerd started with
# --bridge=none deletes the host's docker0 bridge and breaks the main daemon's containers, so it must get a bridge of
# its own. It runs with --iptables=false: a dockerd that manages iptables rebuilds the DOCKER chains the main daemon
# uses. Published ports still work through docker-proxy.
# The stand-in base images the ITs need are copied from the main daemon (docker save | load), once.
# Idempotent: a daemon that answers is left alone. `scripts/ensure-remote-docker.sh stop` stops it and removes the
# bridge (its data stays for the next start).
#
# Usage: scripts/ensure-remote-docker.sh [stop]   (env: SLIM_REMOTE_DOCKER_DIR, default /var/lib/slim-remote-docker;
#                                                  SLIM_REMOTE_DOCKER_PORT, default 23760)
set -euo pipefail

DIR=${SLIM_REMOTE_DOCKER_DIR:-/var/lib/slim-remote-docker}
PORT=${SLIM_REMOTE_DOCKER_PORT:-23760}
EXEC_ROOT=/var/run/slim-remote-docker
BRIDGE=slim-br1
BRIDGE_ADDR=172.31.250.1
PIDFILE=$DIR/dockerd.pid
LOG=$DIR/dockerd.log
# Only what the ITs on this daemon build from: the jre runtime and its JDK baseline.
IMAGES=(eclipse-temurin:17-jre eclipse-temurin:17-jdk)

fail() { echo "ensure-remote-docker: $*" >&2; exit 1; }
now_us() { echo "${EPOCHREALTIME/./}"; }
secs() { local us=$(( $(now_us) - $1 )); printf '%d.%01d' $((us / 1000000)) $((us % 1000000 / 100000)); }

REMOTE=(docker -H "tcp://127.0.0.1:$PORT" --tlsverify --tlscacert "$DIR/client/ca.pem" --tlscert "$DIR/client/cert.pem"
  --tlskey "$DIR/client/key.pem")
remote() { "${REMOTE[@]}" "$@"; }
running() { [[ -s $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
answers() { [[ -s $DIR/client/cert.pem ]] && timeout 10 "${REMOTE[@]}" version --format '{{.Server.Version}}' 2>/dev/null; }

if [[ ${1:-} == stop ]]; then
  if running; then
    pid=$(cat "$PIDFILE")
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    echo "remote-docker: stopped dockerd $pid"
  fi
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link delete "$BRIDGE"; fi
  exit 0
fi

[[ $(id -u) -eq 0 ]] || fail "a second Docker daemon needs root; run this script as root."
command -v dockerd >/dev/null 2>&1 || fail "dockerd is missing; run scripts/ensure-docker.sh first."
command -v openssl >/dev/null 2>&1 || fail "openssl is missing; install it (apt-get install openssl)."
start=$(now_us)
mkdir -p "$DIR"

# ---- certificates -------------------------------------------------------------------------------------------------
# $1 directory, $2 CN, $3 CA directory, $4 extensions. Writes key.pem, cert.pem and ca.pem (the CA that signed it).
issue() {
  local dir=$1 cn=$2 ca=$3 ext=$4
  mkdir -p "$dir"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout "$dir/key.pem" -out "$dir/req.csr" >/dev/null 2>&1
  printf '%s\n' "$ext" > "$dir/ext.cnf"
  openssl x509 -req -in "$dir/req.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca-key.pem" -CAcreateserial -days 3650 \
    -extfile "$dir/ext.cnf" -out "$dir/cert.pem" >/dev/null 2>&1
  cp "$ca/ca.pem" "$dir/ca.pem"
  rm -f "$dir/req.csr" "$dir/ext.cnf"
  chmod 600 "$dir/key.pem"
}
make_ca() {
  mkdir -p "$1"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" -keyout "$1/ca-key.pem" -out "$1/ca.pem" >/dev/null 2>&1
  chmod 600 "$1/ca-key.pem"
}
if [[ ! -s $DIR/client/cert.pem || ! -s $DIR/server/cert.pem || ! -s $DIR/wrong-client/cert.pem ]]; then
  rm -rf "$DIR/ca" "$DIR/server" "$DIR/client" "$DIR/wrong-ca" "$DIR/wrong-client"
  make_ca "$DIR/ca" "slim-maven-plugin remote daemon CA"
  issue "$DIR/server" "slim-remote-docker" "$DIR/ca" \
    "subjectAltName=IP:127.0.0.1,IP:$BRIDGE_ADDR,DNS:localhost
extendedKeyUsage=serverAuth"
  issue "$DIR/client" "slim-it client" "$DIR/ca" "extendedKeyUsage=clientAuth"
  make_ca "$DIR/wrong-ca" "some other CA"
  issue "$DIR/wrong-client" "slim-it client of another CA" "$DIR/wrong-ca" "extendedKeyUsage=clientAuth"
  rm -f "$DIR"/*/ca.srl
  echo "remote-docker: made a CA, a server certificate (IP:127.0.0.1, IP:$BRIDGE_ADDR) and client certificates in $DIR"
fi

# ---- the daemon -------------------------------------------------------------------------------------------------
if v=$(answers); then
  echo "remote-docker: daemon $v answers at tcp://127.0.0.1:$PORT (TLS)"
else
  if running; then
    fail "dockerd $(cat "$PIDFILE") from $PIDFILE runs but does not answer at tcp://127.0.0.1:$PORT; see $LOG, or stop it with $0 stop."
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    fail "port 127.0.0.1:$PORT is taken by something else; free it or set SLIM_REMOTE_DOCKER_PORT."
  fi
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_ADDR/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  mkdir -p "$DIR/data" "$EXEC_ROOT"
  # Detached like scripts/ensure-docker.sh: new session, no inherited descriptors (a CI runner would wait for them).
  (
    for fd in "/proc/$BASHPID/fd"/*; do
      fd=${fd##*/}
      if (( fd > 2 )); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec setsid -f nohup dockerd \
      --data-root "$DIR/data" --exec-root "$EXEC_ROOT" --pidfile "$PIDFILE" \
      -H "tcp://127.0.0.1:$PORT" -H "tcp://$BRIDGE_ADDR:$PORT" \
      --tlsverify --tlscacert "$DIR/ca/ca.pem" --tlscert "$DIR/server/cert.pem" --tlskey "$DIR/server/key.pem" \
      --bridge "$BRIDGE" --iptables=false --ip-masq=false --ip-forward=false \
      </dev/null >>"$LOG" 2>&1
  )
  for _ in $(seq 1 120); do
    v=$(answers) && break
    sleep 0.5
  done
  v=$(answers) || { tail -n 15 "$LOG" >&2; fail "the second dockerd did not answer at tcp://127.0.0.1:$PORT within 60 s; see $LOG."; }
  echo "remote-docker: started dockerd $v at tcp://127.0.0.1:$PORT and tcp://$BRIDGE_ADDR:$PORT (TLS; log $LOG)"
fi

# The trap above, checked: the main daemon's bridge must still be there.
if ip link show docker0 >/dev/null 2>&1; then :; else
  fail "the host's docker0 bridge is gone; restart the main Docker daemon."
fi

# ---- the Docker CLI config with its contexts ---------------------------------------------------------------------
CFG=$DIR/docker-config
context() {
  local name=$1 host=$2
  if ! DOCKER_CONFIG=$CFG docker context inspect "$name" >/dev/null 2>&1; then
    DOCKER_CONFIG=$CFG docker context create "$name" --description "slim-maven-plugin tests" \
      --docker "host=$host,ca=$DIR/client/ca.pem,cert=$DIR/client/cert.pem,key=$DIR/client/key.pem" >/dev/null 2>&1 \
      || fail "could not create the Docker context $name in $CFG."
  fi
}
mkdir -p "$CFG"
context slim-remote "tcp://127.0.0.1:$PORT"
context slim-nowhere "tcp://127.0.0.1:1"
DOCKER_CONFIG=$CFG docker context use slim-remote >/dev/null 2>&1 || fail "could not make slim-remote the current context in $CFG."

# ---- base images, copied from the main daemon --------------------------------------------------------------------
for image in "${IMAGES[@]}"; do
  want=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null) || fail "$image is not on the main daemon; run scripts/ensure-base-images.sh first."
  have=$(remote image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  if [[ $have != "$want" ]]; then
    t=$(now_us)
    docker save "$image" | remote load -q >/dev/null
    echo "remote-docker: loaded $image ($(secs "$t") s)"
  fi
done
echo "remote-docker: ready in $(secs "$start") s; DOCKER_HOST=tcp://127.0.0.1:$PORT DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$DIR/client, or DOCKER_CONFIG=$CFG (context slim-remote)"
