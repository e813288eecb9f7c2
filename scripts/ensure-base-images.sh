#!/usr/bin/env bash
# Makes sure the base images the plugin's Dockerfiles and tests use exist in the Docker daemon.
#
# For each missing image: try `docker pull` (short timeout); when the registry cannot be reached
# (these machines reach only Debian mirrors, Maven Central and npm) build a LOCAL STAND-IN from Debian
# bookworm packages and tag it with the real name. Stand-ins carry the label dev.slimimage.stand-in=true.
# They are NOT the upstream images: eclipse-temurin here is Debian's openjdk-17 (JAVA_HOME
# /usr/lib/jvm/java-17-openjdk-amd64), not Adoptium's build on Ubuntu.
#
# Usage: scripts/ensure-base-images.sh [IMAGE|ALIAS ...]     (default: all ten)
#   aliases: jdk jre distroless-base distroless-cc distroless-java jdk25 jre25 distroless-java25 tomcat tomcat25
# eclipse-temurin:25-jdk is this machine's Temurin 25 JDK on a minimal Debian rootfs with binutils;
# eclipse-temurin:25-jre and gcr.io/distroless/java25-debian12 carry a JRE linked (jlink) from it.
# tomcat:10.1-jre17 and tomcat:10.1-jre25 are Apache Tomcat's own distribution (Maven Central's
# org.apache.tomcat:tomcat:<version>:tar.gz, checked against a pinned SHA-256) in /usr/local/tomcat on the
# JRE stand-in, laid out like the official image (webapps/ empty, logs temp work mode 1777).
# Env: SLIM_PULL_TIMEOUT (s, default 20; 0 = do not try to pull),
#      SLIM_STAND_IN_DIR (default ${TMPDIR:-/tmp}/slim-stand-ins: cached rootfs tarballs and .debs),
#      SLIM_STAND_IN_MAX_AGE_DAYS (default 7: older caches are rebuilt to pick up security updates).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
W=${SLIM_STAND_IN_DIR:-${TMPDIR:-/tmp}/slim-stand-ins}
PULL_TIMEOUT=${SLIM_PULL_TIMEOUT:-20}
MAX_AGE_DAYS=${SLIM_STAND_IN_MAX_AGE_DAYS:-7}
JH=/usr/lib/jvm/java-17-openjdk-amd64
STDPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

JDK=eclipse-temurin:17-jdk
JRE=eclipse-temurin:17-jre
BASE=gcr.io/distroless/base-debian12
CC=gcr.io/distroless/cc-debian12
JAVA=gcr.io/distroless/java17-debian12
JDK25=eclipse-temurin:25-jdk
JRE25=eclipse-temurin:25-jre
JAVA25=gcr.io/distroless/java25-debian12
TOMCAT=tomcat:10.1-jre17
TOMCAT25=tomcat:10.1-jre25
# The Java 25 stand-ins carry this machine's Temurin 25 (Adoptium's own build, like the real images).
TEMURIN25=${SLIM_TEMURIN25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TOMCAT_VERSION=10.1.59
TOMCAT_SHA256=15e435e8ecafd30e500dec7cd30fc289aed4cd8743db14d55024896be77d9241
TOMCAT_URL=${SLIM_MAVEN_CENTRAL:-https://repo1.maven.org/maven2}/org/apache/tomcat/tomcat/$TOMCAT_VERSION/tomcat-$TOMCAT_VERSION.tar.gz
# Order matters: the distroless java stand-in reuses the jre rootfs tarball; a Tomcat image builds on its JRE image.
ALL=("$JDK" "$JRE" "$BASE" "$CC" "$JAVA" "$JDK25" "$JRE25" "$JAVA25" "$TOMCAT" "$TOMCAT25")

STAND_IN=(--change 'LABEL dev.slimimage.stand-in=true')

die() { echo "ensure-base-images: $*" >&2; exit 1; }
now_us() { echo "${EPOCHREALTIME/./}"; }
secs() { local us=$(( $(now_us) - $1 )); printf '%d.%01d' $((us / 1000000)) $((us % 1000000 / 100000)); }
fresh() { [[ -s $1 && -z $(find "$1" -maxdepth 0 -mtime +"$MAX_AGE_DAYS") ]]; }
# Runs a noisy step with its output in a log; shows the log's tail only when it fails.
logged() { local log=$1; shift; "$@" >"$log" 2>&1 </dev/null || { tail -n 20 "$log" >&2; die "failed: $* (log: $log)"; }; }

# ---- which images -----------------------------------------------------------------------------------
(( $# )) || set -- "${ALL[@]}"
want=()
for a in "$@"; do
  case $a in
    jdk|"$JDK") want+=("$JDK") ;;              jre|"$JRE") want+=("$JRE") ;;
    distroless-base|"$BASE") want+=("$BASE") ;; distroless-cc|"$CC") want+=("$CC") ;;
    distroless-java|"$JAVA") want+=("$JAVA") ;; jdk25|"$JDK25") want+=("$JDK25") ;;
    jre25|"$JRE25") want+=("$JRE25") ;;         distroless-java25|"$JAVA25") want+=("$JAVA25") ;;
    tomcat|"$TOMCAT") want+=("$JRE" "$TOMCAT") ;; tomcat25|"$TOMCAT25") want+=("$JRE25" "$TOMCAT25") ;;
    *) die "unknown image '$a'; known: ${ALL[*]} (or jdk jre distroless-base distroless-cc distroless-java jdk25 jre25 distroless-java25 tomcat tomcat25)" ;;
  esac
done

"$HERE/ensure-docker.sh"

# Prints "present" / "present (stand-in)" and returns 0 when the image exists.
present() {
  local l
  l=$(docker image inspect --format '{{index .Config.Labels "dev.slimimage.stand-in"}}' "$1" 2>/dev/null) || return 1
  if [[ $l == true ]]; then echo "present (stand-in)"; else echo present; fi
}

# ---- stand-in builders ------------------------------------------------------------------------------
# Same doc/man/locale excludes that debian:*-slim uses. The hook's $1 is mmdebstrap's (the rootfs).
# shellcheck disable=SC2016
SLIM=(--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
      --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/man/*'
      --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/lintian/*'
      # openjdk's postinst (update-alternatives slave link for java.1.gz) fails if man1/ is missing:
      # the well-known 'mkdir -p /usr/share/man/man1' workaround for slim Debian images.
      --essential-hook='mkdir -p "$1/usr/share/man/man1"')

apt_install() { # installs Debian packages for missing build tools (root on Debian only)
  [[ $(id -u) -eq 0 && -f /etc/debian_version ]] || die "need $* to build stand-in images; install it (apt-get install $*)."
  export DEBIAN_FRONTEND=noninteractive
  logged "$W/apt.log" apt-get update -q
  logged "$W/apt.log" apt-get install -y -q "$@"
}

# Minbase Debian rootfs tarball, cached in $W so a rebuild after `docker rmi` only re-imports.
# mmdebstrap adds bookworm-updates and bookworm-security itself for a stable suite name.
rootfs_tar() { # $1 = cache name, $2 = packages to include
  local tar=$W/$1.tar
  fresh "$tar" && return 0
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  logged "$W/$1.log" mmdebstrap --quiet --variant=minbase "${SLIM[@]}" --include="$2" bookworm "$W/$1.partial.tar"
  mv -f "$W/$1.partial.tar" "$tar"   # only complete tarballs count as cached
}

build_jdk() {
  # binutils: jlink --strip-debug (JDK 13+, JDK-8219257) shells out to objcopy; without it jlink fails
  # with 'Cannot run program "objcopy"'. The real eclipse-temurin JDK images install binutils for this.
  rootfs_tar jdk17 openjdk-17-jdk-headless,binutils
  docker import "${STAND_IN[@]}" --change "ENV JAVA_HOME=$JH" --change "ENV PATH=$JH/bin:$STDPATH" \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["jshell"]' "$W/jdk17.tar" "$JDK" >/dev/null
}

# Temurin 25 has no jmods/: jlink links from its run-time image (JEP 493), so the JDK as installed is enough.
build_jdk25() {
  [[ -x $TEMURIN25/bin/jlink ]] || die "no Temurin 25 JDK at $TEMURIN25 to build the $JDK25 stand-in from: install one there or set SLIM_TEMURIN25_HOME"
  rootfs_tar minbase-binutils binutils
  local extra=$W/jdk25-extra
  rm -rf "$extra" && mkdir -p "$extra/opt/java"
  # -L: its lib/security/cacerts may be a symlink into the host's /etc; the image needs the real store.
  cp -aL "$TEMURIN25" "$extra/opt/java/openjdk"
  cp -f "$W/minbase-binutils.tar" "$W/jdk25.tar"
  # ./opt itself is in the rootfs already, and docker import refuses duplicate paths.
  tar -C "$extra" --numeric-owner --owner=0 --group=0 -rf "$W/jdk25.tar" ./opt/java
  rm -rf "$extra"
  docker import "${STAND_IN[@]}" --change "ENV JAVA_HOME=/opt/java/openjdk" --change "ENV PATH=/opt/java/openjdk/bin:$STDPATH" \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["jshell"]' "$W/jdk25.tar" "$JDK25" >/dev/null
  rm -f "$W/jdk25.tar"
}

# A JRE the way Adoptium makes theirs: jlink of the JDK's modules without the development tools (javac,
# jshell, jlink, jdeps, the debugger and serviceability agents), linked once and cached in $W.
JRE25_LEAVE_OUT=" jdk.compiler jdk.editpad jdk.graal.compiler jdk.graal.compiler.management jdk.hotspot.agent jdk.internal.ed
  jdk.internal.jvmstat jdk.internal.le jdk.internal.opt jdk.jartool jdk.javadoc jdk.jcmd jdk.jconsole jdk.jdeps jdk.jdi jdk.jdwp.agent
  jdk.jlink jdk.jpackage jdk.jshell jdk.jstatd "
temurin25_jre() {
  local dir=$W/temurin25-jre
  fresh "$dir/.complete" && return 0
  [[ -x $TEMURIN25/bin/jlink ]] || die "no Temurin 25 JDK at $TEMURIN25 to build the Java 25 stand-ins from: install one there or set SLIM_TEMURIN25_HOME"
  command -v objcopy >/dev/null || apt_install binutils   # jlink --strip-debug runs objcopy
  local mods=() m leave
  leave=" $(echo $JRE25_LEAVE_OUT) "   # one line, single spaces
  while read -r m; do m=${m%%@*}; [[ $leave == *" $m "* ]] || mods+=("$m"); done \
    < <("$TEMURIN25/bin/java" --list-modules)
  rm -rf "$dir"
  logged "$W/jre25.log" "$TEMURIN25/bin/jlink" --add-modules "$(IFS=,; echo "${mods[*]}")" \
    --strip-debug --no-header-files --no-man-pages --output "$dir"
  # The JDK's trust store may be a symbolic link into the host's /etc; the images need the store itself.
  cp -fL "$TEMURIN25/lib/security/cacerts" "$dir/lib/security/cacerts"
  touch "$dir/.complete"
}

build_jre25() {
  temurin25_jre
  rootfs_tar minbase-ca ca-certificates
  local extra=$W/jre25-extra
  rm -rf "$extra" && mkdir -p "$extra/opt/java"
  cp -a "$W/temurin25-jre" "$extra/opt/java/openjdk" && rm -f "$extra/opt/java/openjdk/.complete"
  cp -f "$W/minbase-ca.tar" "$W/jre25.tar"
  tar -C "$extra" --numeric-owner --owner=0 --group=0 -rf "$W/jre25.tar" ./opt/java
  rm -rf "$extra"
  docker import "${STAND_IN[@]}" --change "ENV JAVA_HOME=/opt/java/openjdk" --change "ENV PATH=/opt/java/openjdk/bin:$STDPATH" \
    --change 'ENV LANG=C.UTF-8' "$W/jre25.tar" "$JRE25" >/dev/null
  rm -f "$W/jre25.tar"
}

build_jre() {
  rootfs_tar jre17 openjdk-17-jre-headless
  docker import "${STAND_IN[@]}" --change "ENV JAVA_HOME=$JH" --change "ENV PATH=$JH/bin:$STDPATH" \
    --change 'ENV LANG=C.UTF-8' "$W/jre17.tar" "$JRE" >/dev/null
}

# Distroless stand-ins: like the real distroless rules, an EXPLICIT package list (no dependency
# resolution, no maintainer scripts): download the .debs, unpack them with dpkg-deb -x, then create
# what postinst scripts would have (CA bundle, /usr/bin/java link, passwd/group). No shell, no dpkg.
BASE_PKGS=(base-files netbase tzdata ca-certificates libc6 libssl3 libgcc-s1 zlib1g)
CC_PKGS=(libstdc++6 libgomp1)
# What openjdk-17-jre-headless's libs dynamically link (ldd over lib/*.so, minus X11/ALSA/CUPS/PCSC,
# which headless apps do not load): freetype/fontconfig for java.desktop fonts, lcms/jpeg for imageio.
JAVA_PKGS=(openjdk-17-jre-headless libfreetype6 libpng16-16 libbrotli1 libfontconfig1 fontconfig-config
  fonts-dejavu-core libexpat1 libharfbuzz0b libglib2.0-0 libpcre2-8-0 libgraphite2-3 liblcms2-2 libjpeg62-turbo)

download_debs() { # $1 = dir, rest = packages; the .debs stay cached (like the tarballs)
  local dir=$1; shift
  fresh "$dir/.complete" && return 0
  rm -rf "$dir"; mkdir -p "$dir"
  # The host's package lists may be missing or stale (old versions leave the mirror): update once.
  if ! (cd "$dir" && apt-get download -q "$@" >"$W/download.log" 2>&1); then
    [[ $(id -u) -eq 0 ]] || { tail -n 5 "$W/download.log" >&2; die "apt-get download failed (log: $W/download.log); run 'apt-get update' as root."; }
    logged "$W/apt.log" apt-get update -q
    (cd "$dir" && logged "$W/download.log" apt-get download -q "$@")
  fi
  touch "$dir/.complete"
}

unpack_rootfs() { # $1 = rootfs dir, rest = packages
  local dir=$1; shift
  local debs=$dir.debs
  local pkgs; mapfile -t pkgs < <(printf '%s\n' "$@" | sort -u)
  download_debs "$debs" "${pkgs[@]}"
  rm -rf "$dir"; mkdir -p "$dir"
  for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$dir"; done
  # drop docs/man/locales like the slim images
  rm -rf "$dir"/usr/share/{man,info,lintian,locale,doc-base}
  find "$dir/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
  # what postinst scripts / the distroless rules would create
  mkdir -p "$dir"/{tmp,root,home/nonroot,etc/ssl/certs,var/lib/dpkg/status.d}
  chmod 1777 "$dir/tmp"; chmod 700 "$dir/root" "$dir/home/nonroot"
  printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
    'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > "$dir/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'tty:x:5:' 'staff:x:50:' 'nonroot:x:65532:' > "$dir/etc/group"
  printf '%s\n' 'passwd: files' 'group: files' 'shadow: files' 'hosts: files dns' 'networks: files' \
    'protocols: files' 'services: files' > "$dir/etc/nsswitch.conf"
  # update-ca-certificates equivalent
  find "$dir/usr/share/ca-certificates" -name '*.crt' | sort | xargs cat > "$dir/etc/ssl/certs/ca-certificates.crt"
  ln -sf /usr/share/zoneinfo/Etc/UTC "$dir/etc/localtime"; echo Etc/UTC > "$dir/etc/timezone"
  # record the packages the way distroless does (status.d) so image scanners can see versions
  for deb in "$debs"/*.deb; do dpkg-deb -f "$deb" > "$dir/var/lib/dpkg/status.d/$(dpkg-deb -f "$deb" Package)"; done
  # the point of distroless: no shell, no package manager
  for x in bin/sh bin/bash usr/bin/dpkg usr/bin/apt; do [[ ! -e $dir/$x ]] || die "unexpected /$x in $dir"; done
}

import_rootfs() { # $1 = rootfs dir, $2 = tag, rest = docker import args; removes the rootfs afterwards
  local dir=$1 tag=$2; shift 2
  # Everything root-owned except nonroot's home (as in distroless), whoever unpacked it.
  tar -C "$dir" --numeric-owner --owner=0 --group=0 --exclude=./home/nonroot -cf "$dir.tar" .
  tar -C "$dir" --numeric-owner --owner=65532 --group=65532 --no-recursion -rf "$dir.tar" ./home/nonroot
  docker import "${STAND_IN[@]}" --change "ENV PATH=$STDPATH" \
    --change 'ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' "$@" "$dir.tar" "$tag" >/dev/null
  rm -rf "$dir" "$dir.tar"
}

build_base() { unpack_rootfs "$W/base-rootfs" "${BASE_PKGS[@]}"; import_rootfs "$W/base-rootfs" "$BASE"; }
build_cc()   { unpack_rootfs "$W/cc-rootfs" "${BASE_PKGS[@]}" "${CC_PKGS[@]}"; import_rootfs "$W/cc-rootfs" "$CC"; }

build_java() {
  local r=$W/java-rootfs
  rootfs_tar jre17 openjdk-17-jre-headless   # for its JKS cacerts (kept cached)
  unpack_rootfs "$r" "${BASE_PKGS[@]}" "${CC_PKGS[@]}" "${JAVA_PKGS[@]}"
  ln -sf "$JH/bin/java" "$r/usr/bin/java"    # update-alternatives equivalent
  # ca-certificates-java's postinst equivalent: lib/security/cacerts -> /etc/ssl/certs/java/cacerts.
  # Take the JKS store that the real postinst produced in the jre rootfs.
  mkdir -p "$r/etc/ssl/certs/java"
  tar -xOf "$W/jre17.tar" ./etc/ssl/certs/java/cacerts > "$r/etc/ssl/certs/java/cacerts"
  import_rootfs "$r" "$JAVA" --change 'ENV JAVA_VERSION=17' --change 'ENTRYPOINT ["/usr/bin/java", "-jar"]'
}

# Temurin links only glibc (it bundles freetype), so the cc rootfs is all it needs; no shell, like the others.
build_java25() {
  local r=$W/java25-rootfs jh=/usr/lib/jvm/temurin-25-jre-amd64
  temurin25_jre
  unpack_rootfs "$r" "${BASE_PKGS[@]}" "${CC_PKGS[@]}"
  mkdir -p "$r/usr/lib/jvm" "$r/usr/bin"
  cp -a "$W/temurin25-jre" "$r$jh" && rm -f "$r$jh/.complete"
  ln -sf "$jh/bin/java" "$r/usr/bin/java"
  import_rootfs "$r" "$JAVA25" --change 'ENV JAVA_VERSION=25' --change 'ENTRYPOINT ["/usr/bin/java", "-jar"]'
}

# Tomcat's distribution as the official image lays it out: /usr/local/tomcat, the default web applications
# moved to webapps.dist, no Windows scripts, logs temp work writable by any user (mode 1777) so the image
# runs as non-root; catalina.sh run as the command.
tomcat_tree() {
  local tgz=$W/tomcat-$TOMCAT_VERSION.tar.gz tree=$W/tomcat-$TOMCAT_VERSION
  if [[ ! -s $tgz ]] || ! sha256sum -c --status <<<"$TOMCAT_SHA256  $tgz"; then
    command -v curl >/dev/null || apt_install curl
    logged "$W/tomcat-download.log" curl -fsSL --retry 3 -o "$tgz.partial" "$TOMCAT_URL"
    sha256sum -c --status <<<"$TOMCAT_SHA256  $tgz.partial" || die "$TOMCAT_URL does not have the SHA-256 $TOMCAT_SHA256"
    mv -f "$tgz.partial" "$tgz"
  fi
  [[ -f $tree/.complete ]] && return 0
  rm -rf "$tree" && mkdir -p "$tree"
  tar -xzf "$tgz" -C "$tree" --strip-components=1
  rm -f "$tree"/bin/*.bat "$tree"/bin/*.tar.gz
  mv "$tree/webapps" "$tree/webapps.dist" && mkdir "$tree/webapps"
  chmod -R u=rwX,go=rX "$tree" && chmod 1777 "$tree/logs" "$tree/temp" "$tree/work"
  touch "$tree/.complete"
}

build_tomcat() { # $1 = tag, $2 = JRE image it runs on
  tomcat_tree
  local ctx=$W/tomcat-context
  rm -rf "$ctx" && mkdir -p "$ctx" && cp -a "$W/tomcat-$TOMCAT_VERSION" "$ctx/tomcat" && rm -f "$ctx/tomcat/.complete"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $2
ENV CATALINA_HOME=/usr/local/tomcat
ENV PATH=/usr/local/tomcat/bin:\$PATH
ENV TOMCAT_MAJOR=10 TOMCAT_VERSION=$TOMCAT_VERSION
COPY tomcat/ /usr/local/tomcat/
WORKDIR /usr/local/tomcat
LABEL dev.slimimage.stand-in=true
EXPOSE 8080
CMD ["catalina.sh", "run"]
DOCKERFILE
  logged "$W/$1.log" docker build --network none -t "$1" "$ctx"
  rm -rf "$ctx"
}

# Smoke test of a fresh stand-in; a broken one is removed so the next run rebuilds it.
check() {
  local img=$1 ok=1 out
  run() { docker run --rm --network none "$@" 2>&1; }
  case $img in
    "$JDK"|"$JDK25") out=$(run "$img" sh -c 'java -version && jlink --version && objcopy --version') || ok=0 ;;
    "$JRE"|"$JRE25") out=$(run "$img" java -version) || ok=0 ;;
    "$JAVA25") out=$(run --entrypoint /usr/bin/java "$img" -version) || ok=0 ;;
    "$TOMCAT"|"$TOMCAT25") out=$(run --user 65532 "$img" sh -c 'touch logs/w temp/w work/w && ! touch webapps/w 2>/dev/null && version.sh') || ok=0
           [[ $out == *"Apache Tomcat/$TOMCAT_VERSION"* ]] || ok=0 ;;
    "$BASE") out=$(run --entrypoint /lib64/ld-linux-x86-64.so.2 "$img" --version) || ok=0 ;;
    "$CC") out=$(run --entrypoint /lib64/ld-linux-x86-64.so.2 "$img" --list /usr/lib/x86_64-linux-gnu/libstdc++.so.6) || ok=0
           [[ $out != *"not found"* ]] || ok=0 ;;
    "$JAVA") out=$(run --entrypoint /usr/bin/java "$img" -version) || ok=0 ;;
  esac
  case $img in  # distroless means no shell
    gcr.io/distroless/*) if run --entrypoint /bin/sh "$img" -c true >/dev/null; then ok=0; out="it has /bin/sh"; fi ;;
  esac
  if (( ok == 0 )); then
    docker rmi "$img" >/dev/null 2>&1 || true
    die "stand-in $img failed its smoke test and was removed: $out"
  fi
}

# ---- main -------------------------------------------------------------------------------------------
missing=()
for img in "${want[@]}"; do
  if state=$(present "$img"); then printf '%-36s %s\n' "$img" "$state"; else missing+=("$img"); fi
done
(( ${#missing[@]} )) || exit 0

mkdir -p "$W"
# Two runs at once (parallel test jobs) must not build the same tarballs; the second waits, then
# finds the images present.
exec 9>"$W/.lock"
flock 9

for img in "${missing[@]}"; do
  start=$(now_us)
  if state=$(present "$img"); then printf '%-36s %s\n' "$img" "$state"; continue; fi
  why="not pulled"
  if (( PULL_TIMEOUT > 0 )); then
    if out=$(timeout "$PULL_TIMEOUT" docker pull -q "$img" 2>&1); then
      printf '%-36s pulled in %s s\n' "$img" "$(secs "$start")"; continue
    fi
    why="pull failed: $(tail -n 1 <<<"${out:-timed out after ${PULL_TIMEOUT}s}" | sed 's/.*: //')"
  fi
  case $img in
    "$JDK") build_jdk ;; "$JRE") build_jre ;; "$BASE") build_base ;; "$CC") build_cc ;; "$JAVA") build_java ;;
    "$JDK25") build_jdk25 ;; "$JRE25") build_jre25 ;; "$JAVA25") build_java25 ;;
    "$TOMCAT") build_tomcat "$TOMCAT" "$JRE" ;; "$TOMCAT25") build_tomcat "$TOMCAT25" "$JRE25" ;;
  esac
  check "$img"
  printf '%-36s built stand-in in %s s (%s)\n' "$img" "$(secs "$start")" "$why"
done
