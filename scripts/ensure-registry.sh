#!/usr/bin/env bash
# Makes sure three local Docker registries (Debian's docker-registry 2.8) answer on loopback, for the push tests.
#
#   127.0.0.1:5000  plain HTTP, no authentication
#   127.0.0.1:5001  plain HTTP, htpasswd basic authentication (bcrypt): user slim-it, password in $DIR/password
#   127.0.0.1:5443  HTTPS with a certificate signed by a CA this script makes ($DIR/ca/ca.crt), no authentication
#
# The packaged service does not start by itself here (no systemd) and its config is broken (htpasswd.path is a
# directory), so each registry runs from its own YAML: `docker-registry serve $DIR/<port>/config.yml`.
# The Docker daemon treats 127.0.0.0/8 as insecure registries, so it pushes to all three without extra setup (and
# does not check the TLS certificate on loopback).
# Idempotent: a registry that already answers is left alone; CA, certificate and password are made once.
#
# Usage: scripts/ensure-registry.sh         (env: SLIM_REGISTRY_DIR, default /var/lib/slim-registry when root,
#                                            else ${TMPDIR:-/tmp}/slim-registry)
set -euo pipefail

if [[ $(id -u) -eq 0 ]]; then DEFAULT_DIR=/var/lib/slim-registry; else DEFAULT_DIR=${TMPDIR:-/tmp}/slim-registry; fi
DIR=${SLIM_REGISTRY_DIR:-$DEFAULT_DIR}
USER_NAME=slim-it

fail() { echo "ensure-registry: $*" >&2; exit 1; }

if ! command -v docker-registry >/dev/null 2>&1 || ! command -v htpasswd >/dev/null 2>&1; then
  if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]]; then
    fail "docker-registry and htpasswd are missing and this script can only install them as root on Debian; run 'sudo apt-get install docker-registry apache2-utils'."
  fi
  echo "registry: installing docker-registry and apache2-utils with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q docker-registry apache2-utils >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q docker-registry apache2-utils >/dev/null; }
  # The package's own service (if any init started it) uses the broken packaged config; ours replace it.
fi
command -v openssl >/dev/null 2>&1 || fail "openssl is missing; install it (apt-get install openssl)."

mkdir -p "$DIR"

# The password for the authenticated registry: made once, random, readable only by the owner.
if [[ ! -s $DIR/password ]]; then
  (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' | head -c 20 > "$DIR/password")
  printf 'slim-it\n' > "$DIR/username"
fi
PASSWORD=$(cat "$DIR/password")
if [[ ! -s $DIR/htpasswd ]] || ! htpasswd -vb "$DIR/htpasswd" "$USER_NAME" "$PASSWORD" >/dev/null 2>&1; then
  htpasswd -Bbn "$USER_NAME" "$PASSWORD" > "$DIR/htpasswd"
fi

# CA and server certificate for the TLS registry (SAN: localhost, 127.0.0.1 and slim-registry.test for a
# non-loopback trust test).
if [[ ! -s $DIR/ca/ca.crt || ! -s $DIR/ca/server.crt ]]; then
  mkdir -p "$DIR/ca"
  (
    cd "$DIR/ca"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=slim-maven-plugin test CA" \
      -keyout ca.key -out ca.crt >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:slim-registry.test\nextendedKeyUsage=serverAuth\n' > ext.cnf
    openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile ext.cnf \
      -out server.crt >/dev/null 2>&1
    chmod 600 ca.key server.key
  )
fi

# Writes the config of one registry. $1 port, $2 extra YAML (auth or tls) under http:/auth:.
config() {
  local port=$1 extra=$2
  mkdir -p "$DIR/$port/data"
  cat > "$DIR/$port/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/$port/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
$extra
EOF
}

config 5000 ""
config 5001 "auth:
  htpasswd:
    realm: slim-it
    path: $DIR/htpasswd"
config 5443 "  tls:
    certificate: $DIR/ca/server.crt
    key: $DIR/ca/server.key"

# Whether the registry on $1 answers its API (any HTTP answer, 401 included).
answers() {
  local port=$1 scheme=http opts=()
  if [[ $port == 5443 ]]; then scheme=https; opts=(--cacert "$DIR/ca/ca.crt"); fi
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "${opts[@]}" "$scheme://127.0.0.1:$port/v2/" 2>/dev/null) || return 1
  [[ $code == 200 || $code == 401 ]]
}

for port in 5000 5001 5443; do
  if answers "$port"; then
    echo "registry: 127.0.0.1:$port answers"
    continue
  fi
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    fail "port 127.0.0.1:$port is taken by something that is not a Docker registry; stop it or free the port."
  fi
  nohup setsid docker-registry serve "$DIR/$port/config.yml" > "$DIR/$port/registry.log" 2>&1 < /dev/null &
  for _ in $(seq 1 50); do
    answers "$port" && break
    sleep 0.2
  done
  answers "$port" || fail "the registry on 127.0.0.1:$port did not start; see $DIR/$port/registry.log."
  echo "registry: started on 127.0.0.1:$port"
done

# Where the tests find the password and the CA (the tests read them; nothing secret is printed).
echo "registry: credentials in $DIR/username and $DIR/password, CA in $DIR/ca/ca.crt"
