#!/usr/bin/env bash
# Makes sure the local Docker registries (Debian's docker-registry 2.8) for the push tests answer.
#
#   127.0.0.1:5000      plain HTTP, no authentication
#   127.0.0.1:5001      plain HTTP, htpasswd basic authentication (bcrypt): user slim-it, password in $DIR/password
#   127.0.0.1:5002      plain HTTP, read-only (storage maintenance mode): refuses every push
#   127.0.0.1:5443      HTTPS with a certificate signed by a CA this script makes ($DIR/ca/ca.crt), no authentication
#   198.51.100.10:5443  HTTPS, same CA, NOT trusted by the daemon: no /etc/docker/certs.d/198.51.100.10:5443
#   198.51.100.10:5444  HTTPS, same CA and certificate, trusted: /etc/docker/certs.d/198.51.100.10:5444/ca.crt
#
# The packaged service does not start by itself here (no systemd) and its config is broken (htpasswd.path is a
# directory), so each registry runs from its own YAML: `docker-registry serve $DIR/<name>/config.yml`.
# The Docker daemon treats 127.0.0.0/8 as insecure registries, so it pushes to the loopback ones without extra setup
# and does not check the TLS certificate there. Certificate trust is therefore tested on 198.51.100.10 (TEST-NET-2,
# RFC 5737, never routed), an address this script puts on its own interface slim-reg0 (a bridge without ports: the
# dummy link type is missing on some kernels); the daemon checks certificates there and reads certs.d live.
# Idempotent: a registry that already answers is left alone; CA, certificates and password are made once. The
# 198.51.100.10 part needs root (interface, /etc/docker/certs.d); without root it is left out with a warning.
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

# Writes the config of one registry. $1 its directory name under $DIR, $2 host:port, $3 YAML after http.addr (a
# top-level auth:, or tls: indented by two to belong to http:), $4 YAML under storage: (indented by two).
config() {
  local name=$1 addr=$2 http_extra=$3 storage_extra=${4:-}
  mkdir -p "$DIR/$name/data"
  cat > "$DIR/$name/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/$name/data
  delete:
    enabled: true
$storage_extra
http:
  addr: $addr
$http_extra
EOF
}

tls() {
  printf '  tls:\n    certificate: %s\n    key: %s\n' "$DIR/ca/$1.crt" "$DIR/ca/$1.key"
}

# Whether the registry at $1 (host:port) answers its API over $2 (http or https; any HTTP answer, 401 included).
answers() {
  local addr=$1 scheme=$2 opts=()
  if [[ $scheme == https ]]; then opts=(--cacert "$DIR/ca/ca.crt"); fi
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "${opts[@]}" "$scheme://$addr/v2/" 2>/dev/null) || return 1
  [[ $code == 200 || $code == 401 ]]
}

# Starts the registry of $DIR/$1/config.yml unless one answers at $2 (host:port) over $3 (http or https).
ensure() {
  local name=$1 addr=$2 scheme=$3
  if answers "$addr" "$scheme"; then
    echo "registry: $addr answers"
    return
  fi
  if (exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}") 2>/dev/null; then
    fail "port $addr is taken by something that is not a Docker registry; stop it or free the port."
  fi
  nohup setsid docker-registry serve "$DIR/$name/config.yml" > "$DIR/$name/registry.log" 2>&1 < /dev/null &
  for _ in $(seq 1 50); do
    answers "$addr" "$scheme" && break
    sleep 0.2
  done
  answers "$addr" "$scheme" || fail "the registry on $addr did not start; see $DIR/$name/registry.log."
  echo "registry: started on $addr"
}

config 5000 127.0.0.1:5000 ""
config 5001 127.0.0.1:5001 "auth:
  htpasswd:
    realm: slim-it
    path: $DIR/htpasswd"
config 5002 127.0.0.1:5002 "" "  maintenance:
    readonly:
      enabled: true"
config 5443 127.0.0.1:5443 "$(tls server)"
ensure 5000 127.0.0.1:5000 http
ensure 5001 127.0.0.1:5001 http
ensure 5002 127.0.0.1:5002 http
ensure 5443 127.0.0.1:5443 https

# The two registries for certificate trust, on an address the daemon does not treat as insecure.
REMOTE_IP=198.51.100.10
CERTS_D=/etc/docker/certs.d
if [[ $(id -u) -ne 0 ]]; then
  echo "registry: WARNING: not root, so no registries on $REMOTE_IP (they need a network interface and $CERTS_D);" \
    "the certificate trust tests (push-tls-trust) will fail. Run this script as root for them." >&2
else
  command -v ip >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -q iproute2 >/dev/null; }
  if ! ip -4 -o addr show dev slim-reg0 2>/dev/null | grep -q " $REMOTE_IP/"; then
    if ip -4 -o addr show | grep -q " $REMOTE_IP/"; then
      fail "$REMOTE_IP is already used by another interface ($(ip -4 -o addr show | grep " $REMOTE_IP/" | awk '{print $2}')); the trust tests need it on slim-reg0: remove it there."
    fi
    ip link show slim-reg0 >/dev/null 2>&1 || ip link add slim-reg0 type bridge
    ip addr add "$REMOTE_IP/32" dev slim-reg0
  fi
  ip link set slim-reg0 up
  if [[ ! -s $DIR/ca/remote.crt ]]; then
    (
      cd "$DIR/ca"
      openssl req -newkey rsa:2048 -nodes -subj "/CN=$REMOTE_IP" -keyout remote.key -out remote.csr >/dev/null 2>&1
      printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n' "$REMOTE_IP" > remote-ext.cnf
      openssl x509 -req -in remote.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile remote-ext.cnf \
        -out remote.crt >/dev/null 2>&1
      chmod 600 remote.key
    )
  fi
  # Untrusted: the daemon must not find our CA for :5443. One that this script (or a test run) left is removed;
  # anything else there is someone else's, and the test could not work with it.
  untrusted=$CERTS_D/$REMOTE_IP:5443
  if [[ -e $untrusted ]]; then
    if [[ -f $untrusted/ca.crt ]] && cmp -s "$untrusted/ca.crt" "$DIR/ca/ca.crt" && [[ $(ls -A "$untrusted") == ca.crt ]]; then
      rm -r "$untrusted"
    else
      fail "$untrusted exists and is not ours; the untrusted-certificate test needs the daemon NOT to trust $REMOTE_IP:5443: remove it."
    fi
  fi
  trusted=$CERTS_D/$REMOTE_IP:5444
  if ! cmp -s "$trusted/ca.crt" "$DIR/ca/ca.crt" 2>/dev/null; then
    mkdir -p "$trusted"
    cp "$DIR/ca/ca.crt" "$trusted/ca.crt"
  fi
  config "$REMOTE_IP-5443" "$REMOTE_IP:5443" "$(tls remote)"
  config "$REMOTE_IP-5444" "$REMOTE_IP:5444" "$(tls remote)"
  ensure "$REMOTE_IP-5443" "$REMOTE_IP:5443" https
  ensure "$REMOTE_IP-5444" "$REMOTE_IP:5444" https
fi

# Where the tests find the password and the CA (the tests read them; nothing secret is printed).
echo "registry: credentials in $DIR/username and $DIR/password, CA in $DIR/ca/ca.crt"
