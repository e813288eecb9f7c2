#!/usr/bin/env bash
# Benchmark: the naive single-stage JDK image vs Jib vs slim-maven-plugin (runtime jre, distroless, jlink, and jre
# and jlink with a startup cache), built side by side on the bundled example apps and the same base images.
# See bench/README.md.
#
# Usage: bench/run.sh [runs]            (default 3; RUNS=n works too)
# Env:   APPS=hello,spring-web,spring-shop   apps to measure (directories under examples/)
#        VARIANTS=naive,jib,jib-compile,slim-jre,slim-distroless,slim-jlink,slim-jre-cache,slim-jlink-cache
#        STARTS=n                        docker runs per image for the first answer (default: 5 over all runs)
#        EDITS=1                         one-class edits (each built) per variant and run
#        NOOP_PAIRS=3                    no-op builds per slim variant and run, each paired with a plain mvn package
#        PLAIN=pom                       what "plain" is: pom = `mvn package` with a copy of the POM without the plugin,
#                                        skip = `mvn package -Dslim.skip=true` (the plugin's jar still resolved and loaded)
#        ANSWER_TIMEOUT=300              seconds a container may take to its first answer
#        JIB_VERSION=3.5.2               com.google.cloud.tools:jib-maven-plugin version
#        IMAGE_PREFIX=slim-bench         the images are <prefix>/<app>:<variant> (one of its own per user of a shared daemon)
#        KEEP_IMAGES=1                   keep the last run's images (slim-bench/<app>:<variant>)
#        SKIP_INSTALL=1                  do not reinstall the plugin (use the one in target/bench/m2, else ~/.m2)
#        MAVEN_REPO_TAIL=~/.m2/repository  where every other artifact comes from (read-only)
# Prints a table per app and writes it to bench/results-<date>.md (a filtered run: target/bench/); raw numbers
# and logs go to target/bench/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-${RUNS:-3}}
DEFAULT_APPS=hello,spring-web,spring-shop
DEFAULT_VARIANTS=naive,jib,jib-compile,slim-jre,slim-distroless,slim-jlink,slim-jre-cache,slim-jlink-cache
APPS=${APPS:-$DEFAULT_APPS}
VARIANTS=${VARIANTS:-$DEFAULT_VARIANTS}
# First answers per image and run: at least 5 per variant over the whole run (issue 10 asks for medians of >= 5).
STARTS=${STARTS:-$(( (5 + RUNS - 1) / RUNS ))}
NOOP_PAIRS=${NOOP_PAIRS:-3}
EDITS=${EDITS:-1}
PLAIN=${PLAIN:-pom}
[[ $PLAIN == pom || $PLAIN == skip ]] || { echo "PLAIN must be pom or skip, not $PLAIN" >&2; exit 2; }
JIB_VERSION=${JIB_VERSION:-3.5.2}
KEEP_IMAGES=${KEEP_IMAGES:-0}
IMAGE_PREFIX=${IMAGE_PREFIX:-slim-bench}
JDK_IMAGE=eclipse-temurin:17-jdk
JRE_IMAGE=eclipse-temurin:17-jre
OUT=$ROOT/target/bench
LOGS=$OUT/logs
DATA=$OUT/results.tsv
# The plugin is installed into a local repository of the bench's own, chained in front of ~/.m2 (Maven 3.9
# maven.repo.local.tail): another checkout's `mvn install` into the shared ~/.m2 cannot swap the plugin mid-run.
REPO=(-Dmaven.repo.local="$OUT/m2" -Dmaven.repo.local.tail="${MAVEN_REPO_TAIL:-$HOME/.m2/repository}")
MVN=("$ROOT/mvnw" -B -o "${REPO[@]}" -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS)
JIB=com.google.cloud.tools:jib-maven-plugin:$JIB_VERSION:dockerBuild
COPY_DEPS=org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies
ANSWER_TIMEOUT=${ANSWER_TIMEOUT:-300}   # seconds a container may take to its first answer
export DOCKER_BUILDKIT=0   # the classic builder, which is also what the plugin's build API call uses

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "bench: runs must be a positive number, not '$RUNS'" >&2; exit 2; }
[[ $STARTS =~ ^[1-9][0-9]*$ ]] || { echo "bench: STARTS must be a positive number, not '$STARTS'" >&2; exit 2; }
[[ $NOOP_PAIRS =~ ^[1-9][0-9]*$ ]] || { echo "bench: NOOP_PAIRS must be a positive number, not '$NOOP_PAIRS'" >&2; exit 2; }
IFS=, read -ra APP_LIST <<<"$APPS"
IFS=, read -ra VARIANT_LIST <<<"$VARIANTS"

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_us() { echo "${EPOCHREALTIME/./}"; }
secs_since() { awk -v d=$(( $(now_us) - $1 )) 'BEGIN { printf "%.2f", d / 1e6 }'; }
record() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$DATA"; }   # app variant run metric value
image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
rmi_quiet() { [[ -z ${1:-} ]] || docker rmi "$@" >/dev/null 2>&1 || true; }

# ---- the apps --------------------------------------------------------------------------------------------
# kind (plain|boot), jar name, file holding the string literal the one-class change edits
app_kind() { case $1 in spring-web | spring-shop) echo boot ;; *) echo plain ;; esac; }
app_jar() {
  case $1 in
    hello) echo hello-1.0.0.jar ;; spring-web) echo spring-web-1.0.0.jar ;; spring-shop) echo spring-shop-1.0.0.jar ;;
    *) die "unknown app $1" ;;
  esac
}
app_class() {
  case $1 in
    hello) echo src/main/java/com/example/hello/Main.java ;;
    spring-web) echo src/main/java/com/example/web/HelloController.java ;;
    spring-shop) echo src/main/java/com/example/shop/ShopController.java ;;
  esac
}
app_main() { case $1 in hello) echo com.example.hello.Main ;; esac; }

# The one-class change: a new string literal ("Hello" -> "Hello #n") in one source file.
edit_count=0
change_one_class() {
  edit_count=$((edit_count + 1))
  local f=$1/$(app_class "$2")
  sed -i -E "s/\"Hello( #[0-9]+)?/\"Hello #$edit_count/" "$f"
  grep -q "\"Hello #$edit_count" "$f" || die "could not change the string literal in $f"
}

# Seconds from the start of the mojo whose header line matches $2 to BUILD SUCCESS (or the first line containing
# $3), from Maven's timestamped log.
mojo_secs() {
  awk -v pat="$2" -v endpat="${3:-BUILD SUCCESS}" '
    function ms(t,  a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    index($0, pat) && start == "" { start = ms($1) }
    start != "" && end == "" && index($0, endpat) { end = ms($1) }
    END { if (start == "" || end == "") exit 1; d = end - start; if (d < 0) d += 86400000; printf "%.2f", d / 1000 }' "$1" \
    || die "no '$2' ... '${3:-BUILD SUCCESS}' in $1"
}

# The plugin's (or Jib's) own step: the summed time of every mojo whose header line contains "--- $2" (e.g. "slim:"),
# each from its header to the next mojo's header or BUILD SUCCESS, from Maven's timestamped log.
step_secs() {
  awk -v pat="--- $2" '
    function ms(t,  a) { split(t, a, /[:.]/); return ((a[1] * 60 + a[2]) * 60 + a[3]) * 1000 + a[4] }
    function close_at(t,  d) { if (start != "") { d = t - start; if (d < 0) d += 86400000; sum += d; start = "" } }
    / \[INFO\] --- .* @ .* ---$/ || /BUILD (SUCCESS|FAILURE)/ { close_at(ms($1)); if (index($0, pat)) { start = ms($1); seen = 1 } }
    END { if (!seen) exit 1; printf "%.2f", sum / 1000 }' "$1" || die "no '--- $2' goal in $1"
}

# `mvn package` without the plugin in the app directory (PLAIN), logged; prints its whole time in seconds.
plain_package() { # dir logfile
  local t0; t0=$(now_us)
  if [[ $PLAIN == pom ]]; then mvn_logged "$1" "$2" -f pom-without-slim.xml package
  else mvn_logged "$1" "$2" -Dslim.skip=true package; fi
  secs_since "$t0"
}

# What "plain" is, for the results.
plain_command() {
  if [[ $PLAIN == pom ]]; then echo '`mvn package` with the POM without the plugin'; else echo '`mvn package -Dslim.skip=true`'; fi
}

# Runs a logged Maven command in the app directory; the log must end in BUILD SUCCESS.
mvn_logged() {
  local dir=$1 logf=$2; shift 2
  if ! (cd "$dir" && "${MVN[@]}" "$@") >"$logf" 2>&1; then
    tail -n 30 "$logf" >&2
    die "mvn $* failed in $dir (log: $logf)"
  fi
}

# slim-<runtime>[-cache]: the plugin's properties for a variant.
slim_args() { # app variant
  local v=${2#slim-} args=("-Dslim.image=$IMAGE_PREFIX/$1:$2")
  if [[ $v == *-cache ]]; then v=${v%-cache}; args+=(-Dslim.startupCache=auto); fi
  printf '%s\n' "-Dslim.runtime=$v" "${args[@]}"
}

# A slim variant's Maven command. A -cache variant that the plugin does not accept (a plugin without startupCache,
# which warns about the unknown property, or one that fails on it) returns 1 after one clear line, and is not
# measured for the rest of the run; any other failure stops the bench.
declare -A REJECTED=()
slim_mvn() { # dir variant logfile goals/args...
  local dir=$1 variant=$2 logf=$3 app; shift 3
  app=$(basename "$dir")
  local args; mapfile -t args < <(slim_args "$app" "$variant")
  if ! (cd "$dir" && "${MVN[@]}" "$@" "${args[@]}") >"$logf" 2>&1; then
    if [[ $variant == *-cache ]] && grep -q 'startupCache' "$logf"; then
      reject "$variant" "the build failed on it: $(grep -m1 -E '\[(ERROR|WARNING)\].*startupCache' "$logf" | sed -E 's/^[0-9:.]+ //')" "$logf"
      return 1
    fi
    tail -n 30 "$logf" >&2
    die "mvn $* ${args[*]} failed in $dir (log: $logf)"
  fi
  if [[ $variant == *-cache ]] && grep -q 'The property slim.startupCache is not read' "$logf"; then
    reject "$variant" "the installed plugin has no startupCache parameter ('The property slim.startupCache is not read by slim-maven-plugin')" "$logf"
    return 1
  fi
}
reject() { # variant reason logfile
  REJECTED[$1]="$1 not measured: -Dslim.startupCache=auto was not accepted, $2 (log: ${3#"$ROOT"/})."
  log "FAILED: ${REJECTED[$1]}"
}

# ---- the variants: build once, cold or warm; sets BUILD_S (image step) and TOTAL_S (whole command) -------
build_variant() { # app dir variant mode(cold|rebuild|noop) logfile; returns 1 for a rejected -cache variant
  local app=$1 dir=$2 variant=$3 mode=$4 logf=$5 t0 tag=$IMAGE_PREFIX/$1:$3
  t0=$(now_us)
  case $variant in
    naive)
      # Maven's part (untimed in BUILD_S): the jar, and for a plain jar its runtime dependencies in target/dependency.
      # A cold build needs no new jar (the previous step left one), a rebuild needs the changed class in it.
      if [[ $mode == cold && -f $dir/target/$(app_jar "$app") ]]; then
        :
      elif [[ $(app_kind "$app") == plain ]]; then
        mvn_logged "$dir" "$logf.mvn" -Dslim.skip package "$COPY_DEPS" -DincludeScope=runtime
      else
        mvn_logged "$dir" "$logf.mvn" -Dslim.skip package
      fi
      local t1 nc=() ; [[ $mode == cold ]] && nc=(--no-cache)
      t1=$(now_us)
      (cd "$dir" && docker build "${nc[@]}" -t "$tag" .) >"$logf" 2>&1 || { tail -n 20 "$logf" >&2; die "docker build failed (log: $logf)"; }
      BUILD_S=$(secs_since "$t1")
      ;;
    jib | jib-compile)
      # jib: in the same `mvn package` loop as the others (Jib's goal after the package phase, as a POM that binds it
      # to package runs it); jib-compile: Jib's own shortest command, `mvn compile jib:dockerBuild`, without the jar.
      local phase=package; [[ $variant == jib-compile ]] && phase=compile
      if [[ $mode == cold ]]; then rm -rf "$dir/target/jib-cache" "$dir/jib-base-cache"; fi
      mvn_logged "$dir" "$logf" -Dslim.skip "$phase" "$JIB" "-Djib.from.image=docker://$JRE_IMAGE" "-Djib.to.image=$tag" \
        "-Djib.baseImageCache=$dir/jib-base-cache"
      BUILD_S=$(step_secs "$logf" "jib:") || exit 1
      ;;
    slim-*)
      local nc=()
      if [[ $mode == cold ]]; then rm -rf "$dir/target/slim-cache"; nc=(-Dslim.noCache=true); fi
      # noop: the same command again with nothing changed (the rebuild left everything as it is).
      slim_mvn "$dir" "$variant" "$logf" package "${nc[@]}" || return 1
      BUILD_S=$(step_secs "$logf" "slim:") || exit 1
      ;;
    *) die "unknown variant $variant" ;;
  esac
  TOTAL_S=$(secs_since "$t0")
}

# The jlink stage's image id in a slim jlink build log: the last "---> id" before the runtime stage's FROM.
jlink_stage_id() {
  awk '/\[docker\] Step [0-9]+\/[0-9]+ : FROM / && ++from == 2 { exit } /\[docker\] +---> [0-9a-f]+$/ { id = $NF } END { print id }' "$1"
}
# yes: the jlink RUN came from the builder's cache; reused: the rebuild started from the last build's image (step
# reuse), so the jlink stage was not built at all; no: jlink ran again.
jlink_cached() {
  if grep -q "the build starts from the last build's image" "$1" && ! grep -qE '\[docker\] Step [0-9]+/[0-9]+ : RUN .*jlink --add-modules' "$1"; then
    echo reused
  else
    grep -A1 -E '\[docker\] Step [0-9]+/[0-9]+ : RUN .*jlink --add-modules' "$1" | grep -q -- '---> Using cache' && echo yes || echo no
  fi
}

# ---- time to first answer -----------------------------------------------------------------------------
# hello: until the container has printed its JSON line (and exited 0); spring-web: until GET / answers 200.
first_answer() { # app image -> prints seconds
  local app=$1 img=$2 t0 name=${IMAGE_PREFIX//\//-}-$$-$RANDOM
  if [[ $(app_kind "$app") == plain ]]; then
    local out t1 line
    t0=$(now_us)
    out=$(docker run --rm --network none --name "$name" "$img" | { IFS= read -r line; t=${EPOCHREALTIME/./}; cat >/dev/null; printf '%s\t%s' "$t" "$line"; }) \
      || die "$img exited non-zero: $out"
    t1=${out%%$'\t'*}; line=${out#*$'\t'}
    [[ $line == *'"greeting"'* ]] || die "$img printed '$line', not the greeting"
    awk -v d=$(( t1 - t0 )) 'BEGIN { printf "%.2f", d / 1e6 }'
  else
    local port body t1=""
    t0=$(now_us)
    docker run -d --name "$name" -p 127.0.0.1::8080 "$img" >/dev/null
    port=$(docker port "$name" 8080/tcp | head -n 1); port=${port##*:}
    local polls=0
    while (( $(now_us) - t0 < ANSWER_TIMEOUT * 1000000 )); do
      if body=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/" 2>/dev/null); then t1=$(now_us); break; fi
      # Whether it died, once a second: a docker CLI call costs tens of ms of CPU, which on 2 cores the starting JVM
      # would lose on every 50 ms poll.
      if (( ++polls % 20 == 0 )) && [[ $(docker inspect -f '{{.State.Running}}' "$name") != true ]]; then break; fi
      sleep 0.05
    done
    if [[ -z $t1 || $body != Hello* ]]; then
      docker logs "$name" 2>&1 | tail -n 20 >&2; docker rm -f "$name" >/dev/null
      die "$img did not answer 200 on / within ${ANSWER_TIMEOUT}s"
    fi
    docker rm -f "$name" >/dev/null
    awk -v d=$(( t1 - t0 )) 'BEGIN { printf "%.2f", d / 1e6 }'
  fi
}

# ---- one app ------------------------------------------------------------------------------------------
prepare_app() { # app dir
  local app=$1 dir=$2 jar
  [[ -d $ROOT/examples/$app ]] || die "no examples/$app"
  rm -rf "$dir"; mkdir -p "$(dirname "$dir")"; cp -r "$ROOT/examples/$app" "$dir"; rm -rf "$dir/target"
  # The same project without the plugin: the <plugin> element that names slim-maven-plugin removed.
  perl -0pe 's{\s*<plugin>(?:(?!</plugin>).)*?<artifactId>slim-maven-plugin</artifactId>.*?</plugin>}{}s' "$dir/pom.xml" \
    >"$dir/pom-without-slim.xml"
  ! grep -q "<artifactId>slim-maven-plugin</artifactId>" "$dir/pom-without-slim.xml" || die "could not remove the plugin from a copy of $app's pom.xml"
  jar=$(app_jar "$app")
  # The naive image: what a first Dockerfile usually looks like. Its context is the project directory.
  if [[ $(app_kind "$app") == plain ]]; then
    printf '%s\n' "FROM $JDK_IMAGE" 'COPY target/dependency/ /app/lib/' "COPY target/$jar /app/app.jar" \
      "ENTRYPOINT [\"java\", \"-cp\", \"/app/app.jar:/app/lib/*\", \"$(app_main "$app")\"]" >"$dir/Dockerfile"
    printf '%s\n' '*' '!target/dependency' "!target/$jar" >"$dir/.dockerignore"
  else
    printf '%s\n' "FROM $JDK_IMAGE" "COPY target/$jar /app/app.jar" 'EXPOSE 8080' \
      'ENTRYPOINT ["java", "-jar", "/app/app.jar"]' >"$dir/Dockerfile"
    printf '%s\n' '*' "!target/$jar" >"$dir/.dockerignore"
  fi
  # Warm-up, online and untimed: resolves every plugin and dependency so the measured builds run offline (-o).
  log "$app: warm-up (resolving plugins and dependencies)"
  # jib.skip: Maven resolves the Jib plugin and its dependencies to load the mojo, which then does nothing.
  (cd "$dir" && "$ROOT/mvnw" -B "${REPO[@]}" -Dslim.skip package "$COPY_DEPS" -DincludeScope=runtime "$JIB" -Djib.skip=true) \
    >"$LOGS/$app-warmup.log" 2>&1 || { tail -n 30 "$LOGS/$app-warmup.log" >&2; die "warm-up failed (log: $LOGS/$app-warmup.log)"; }
}

measure() { # app dir variant run
  local app=$1 dir=$2 variant=$3 run=$4 tag=$IMAGE_PREFIX/$1:$3 base=$LOGS/$1-$3-run$4 cold_id edit_id new_id stage_id=""
  local size answer since s t0
  [[ -z ${REJECTED[$variant]:-} ]] || return 0
  since=$(date +%s)
  rmi_quiet "$tag"
  build_variant "$app" "$dir" "$variant" cold "$base-cold.log" || { rmi_quiet "$tag"; return 0; }
  record "$app" "$variant" "$run" cold_s "$BUILD_S"; record "$app" "$variant" "$run" cold_total_s "$TOTAL_S"
  cold_id=$(image_id "$tag"); [[ -n $cold_id ]] || die "no image $tag after the cold build"
  size=$(docker image inspect -f '{{.Size}}' "$tag")
  record "$app" "$variant" "$run" size_bytes "$size"
  if [[ $variant == slim-* ]]; then
    record "$app" "$variant" "$run" plugin_baseline_bytes "$(jq -r '.baselineBytes // empty' "$dir/target/slim/report.json")"
  fi
  if [[ $variant == slim-jlink* ]]; then
    stage_id=$(jlink_stage_id "$base-cold.log")
    # The plugin tags its jlink stage slim-cache/jlink:<hash>, a tag every project with the same module set shares,
    # so a job on the same daemon that cleans up after itself may delete it. The bench's own tag keeps it, as on a
    # machine of one's own. The previous run's stage is now untagged and ours.
    docker tag "$stage_id" "$IMAGE_PREFIX/$app:jlink-stage" 2>/dev/null || true
    [[ -z ${LAST_STAGE[$app]:-} || ${LAST_STAGE[$app]} == "$stage_id" ]] || rmi_quiet "${LAST_STAGE[$app]}"
    LAST_STAGE[$app]=$stage_id
  fi

  # Edit -> image: one class changed, the whole command (BUILD_S: the plugin's own step), EDITS times in a row.
  local edit edit_log
  for ((edit = 1; edit <= EDITS; edit++)); do
    change_one_class "$dir" "$app"
    # The last edit's log is $base-rebuild.log, the one the checks below read.
    edit_log=$base-rebuild-edit$edit.log
    if ((edit == EDITS)); then edit_log=$base-rebuild.log; fi
    build_variant "$app" "$dir" "$variant" rebuild "$edit_log" || { rmi_quiet "$tag"; return 0; }
    record "$app" "$variant" "$run" rebuild_s "$BUILD_S"; record "$app" "$variant" "$run" rebuild_total_s "$TOTAL_S"
  done
  if [[ $variant == slim-jlink ]]; then
    record "$app" "$variant" "$run" jlink_cached "$(jlink_cached "$base-rebuild.log")"
    record "$app" "$variant" "$run" stage_removed "$(stage_deleted "$stage_id" "$since")"
    if grep -q 'Module analysis: ' "$base-rebuild.log"; then
      record "$app" "$variant" "$run" modules_reanalysed yes
      # From the goal's start to the analysis result: staging the layers plus the module analysis (jdeps).
      record "$app" "$variant" "$run" analysis_s "$(mojo_secs "$base-rebuild.log" "--- slim:" "Module analysis: ")"
    else
      record "$app" "$variant" "$run" modules_reanalysed no
    fi
  fi
  # The rebuilt image must carry the change.
  if [[ $(app_kind "$app") == plain ]]; then
    docker run --rm --network none "$tag" | grep -q "Hello #$edit_count" || die "the rebuilt $tag does not have the changed class"
  fi
  edit_id=$(image_id "$tag")

  # No-op: `mvn package` again with nothing changed, and the same without the plugin (-Dslim.skip=true), back to back,
  # NOOP_PAIRS times, the order alternating (no-op first, then plain first) so that neither always follows the other.
  if [[ $variant == slim-* ]]; then
    local pair noop_total plain_s
    for ((pair = 1; pair <= NOOP_PAIRS; pair++)); do
      if ((pair % 2 == 0)); then plain_s=$(plain_package "$dir" "$base-noop$pair-plain.log"); fi
      build_variant "$app" "$dir" "$variant" noop "$base-noop$pair.log" || { rmi_quiet "$tag"; return 0; }
      noop_total=$TOTAL_S
      record "$app" "$variant" "$run" noop_s "$BUILD_S"; record "$app" "$variant" "$run" noop_total_s "$noop_total"
      # The plugin's own "up to date" (issue 12), not the compiler's "all classes are up to date".
      sed -n '/--- slim:/,$p' "$base-noop$pair.log" | grep -qi 'up to date' && record "$app" "$variant" "$run" noop_uptodate yes \
        || record "$app" "$variant" "$run" noop_uptodate no
      new_id=$(image_id "$tag")
      [[ $new_id == "$edit_id" ]] && record "$app" "$variant" "$run" noop_same_image yes \
        || record "$app" "$variant" "$run" noop_same_image no
      if ((pair % 2 == 1)); then plain_s=$(plain_package "$dir" "$base-noop$pair-plain.log"); fi
      record "$app" "$variant" "$run" noop_plain_s "$plain_s"
      record "$app" "$variant" "$run" noop_delta_s "$(awk -v a="$noop_total" -v b="$plain_s" 'BEGIN { printf "%.2f", a - b }')"
    done
  else
    new_id=$edit_id
  fi
  log "$app $variant run $run: $(awk -F'\t' -v a="$app" -v v="$variant" -v r="$run" '$1==a && $2==v && $3==r { m[$4]=$5 }
    END { printf "%.1f MB, cold step %ss, edit step %ss / whole %ss, no-op %ss (plain %ss)",
      m["size_bytes"]/1e6, m["cold_s"], m["rebuild_s"], m["rebuild_total_s"], m["noop_total_s"] == "" ? "-" : m["noop_total_s"],
      m["noop_plain_s"] == "" ? "-" : m["noop_plain_s"] }' "$DATA")"
  # Superseded images of this run (the cold image, the edit's image, the jlink stage) are ours alone: remove them.
  [[ $cold_id == "$new_id" ]] || rmi_quiet "$cold_id"
  [[ $edit_id == "$new_id" || $edit_id == "$cold_id" ]] || rmi_quiet "$edit_id"
  # The image stays until this run's first answers are measured, all variants taking turns (answer_round).
  # jib-compile builds the same image as jib: only its commands are measured.
  [[ $variant == jib-compile ]] && rmi_quiet "$tag" || ANSWER_VARIANTS+=("$variant")
}

# Time to first answer, after every build of the run: start 1 of each variant, then start 2 of each, and so on, so
# the machine's drift over the run (and whatever a build left the daemon doing) falls on every variant alike.
answer_rounds() { # app run
  local app=$1 run=$2 s v
  for ((s = 1; s <= STARTS; s++)); do
    for v in "${ANSWER_VARIANTS[@]}"; do
      record "$app" "$v" "$run" answer_s "$(first_answer "$app" "$IMAGE_PREFIX/$app:$v")"
    done
  done
  log "$app run $run: first answers (median of $STARTS): $(awk -F'\t' -v a="$app" -v r="$run" '$1==a && $3==r && $4=="answer_s" { v[$2] = v[$2] " " $5 }
    END { for (k in v) printf "%s%s", k, v[k] "; " }' "$DATA")"
  for v in "${ANSWER_VARIANTS[@]}"; do
    [[ $KEEP_IMAGES == 1 && $run == "$RUNS" ]] || rmi_quiet "$IMAGE_PREFIX/$app:$v"
  done
  ANSWER_VARIANTS=()
}

# Whether the daemon deleted the cold build's jlink stage image (id $1) since $2 (epoch s): another job did.
stage_deleted() {
  local full
  full=$(timeout 20 docker events --since "$2" --until "$(date +%s)" --filter type=image --filter event=delete \
    --format '{{.Actor.ID}}' 2>/dev/null | grep -m1 "sha256:$1") || true
  [[ -n $full ]] && echo yes || echo no
}

# At the end: the last jlink stage each app's builds left (tagged slim-cache/jlink:<hash> by the plugin).
remove_stage_images() {
  local app id t
  for app in "${!LAST_STAGE[@]}"; do
    id=${LAST_STAGE[$app]}
    rmi_quiet "$IMAGE_PREFIX/$app:jlink-stage"
    for t in $(docker image inspect -f '{{join .RepoTags " "}}' "$id" 2>/dev/null); do
      [[ $t != slim-cache/jlink:* ]] || rmi_quiet "$t"
    done
    rmi_quiet "$id"
  done
}

# ---- the report ---------------------------------------------------------------------------------------
report() { # app -> markdown on stdout
  awk -F'\t' -v app="$1" -v order="$VARIANTS" -v plain="$(plain_command)" -v edits="$EDITS" '
    function median(key,   n, i, j, t, v) {
      n = split(vals[key], v, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j-1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
      return n == 0 ? "" : (n % 2 ? v[(n+1)/2] : (v[n/2] + v[n/2+1]) / 2)
    }
    function count(key,   v) { return vals[key] == "" ? 0 : split(vals[key], v, " ") }
    function fmt(f, x) { return x == "" ? "–" : sprintf(f, x) }
    function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "–" : sprintf("%.2f×", a / b) }
    $1 == app { vals[$2 SUBSEP $4] = vals[$2 SUBSEP $4] " " $5; runs[$3] = 1
                if ($4 == "noop_plain_s") vals["plain" SUBSEP "noop"] = vals["plain" SUBSEP "noop"] " " $5
                if ($4 == "noop_uptodate") { up_n[$2]++; if ($5 == "yes") up_yes[$2]++ }
                if ($4 == "noop_same_image" && $5 == "no") changed[$2]++
                if ($4 == "jlink_cached") { jl_n++; if ($5 == "yes") jl_yes++; if ($5 == "reused") jl_reused++ }
                if ($4 == "stage_removed" && $5 == "yes") evicted++
                if ($4 == "modules_reanalysed" && $5 == "yes") reanalysed++ }
    END {
      nv = split(order, vs, ",")
      naive = median("naive" SUBSEP "size_bytes")
      naive_ans = median("naive" SUBSEP "answer_s")
      jib_edit = median("jib" SUBSEP "rebuild_total_s")
      jibc_edit = median("jib-compile" SUBSEP "rebuild_total_s")
      jre_cold = median("slim-jre" SUBSEP "cold_s")
      jre_rb = median("slim-jre" SUBSEP "rebuild_s")
      n = 0; for (r in runs) n++
      starts = 0; for (i = 1; i <= nv; i++) if (count(vs[i] SUBSEP "answer_s") > starts) starts = count(vs[i] SUBSEP "answer_s")
      printf "### %s (medians of %d run%s, the edit columns of %d edit%s; first answer: median of %d docker run%s per variant)\n\n", app, n, n == 1 ? "" : "s", n * edits, n * edits == 1 ? "" : "s", starts, starts == 1 ? "" : "s"
      print "| variant | size MB | % of naive | cold step s | edit step s | edit → image s | vs jib | vs jib compile | no-op s | no-op − plain s | no-op step s | first answer s | vs naive |"
      print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
      for (i = 1; i <= nv; i++) {
        v = vs[i]; s = median(v SUBSEP "size_bytes"); if (s == "") continue
        pct = naive == "" ? "n/a" : sprintf("%.1f%%", 100 * s / naive)
        edit = median(v SUBSEP "rebuild_total_s"); ans = median(v SUBSEP "answer_s"); d = median(v SUBSEP "noop_delta_s")
        printf "| %s | %.1f | %s | %.1f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %s |\n", v, s / 1e6, pct,
          median(v SUBSEP "cold_s"), median(v SUBSEP "rebuild_s"), edit, ratio(edit, jib_edit), ratio(edit, jibc_edit),
          fmt("%.2f", median(v SUBSEP "noop_total_s")), d == "" ? "–" : sprintf("%+.2f", d), fmt("%.2f", median(v SUBSEP "noop_s")),
          fmt("%.2f", ans), ratio(ans, naive_ans)
      }
      print ""
      if (median("plain" SUBSEP "noop") != "")
        printf "Plain " plain " with nothing changed (each paired with a no-op, the order alternating): median %.2f s of %d.\n\n", median("plain" SUBSEP "noop"), count("plain" SUBSEP "noop")
      printf "Cold whole commands (Maven included), medians: "
      sep = ""
      for (i = 1; i <= nv; i++) {
        v = vs[i]; if (median(v SUBSEP "cold_total_s") == "") continue
        printf "%s%s %.1f s", sep, v, median(v SUBSEP "cold_total_s"); sep = "; "
      }
      print "."
      for (i = 1; i <= nv; i++) {
        v = vs[i]; if (!up_n[v]) continue
        line = line sprintf("%s%s %d of %d", line == "" ? "" : "; ", v, up_yes[v] + 0, up_n[v])
        if (changed[v]) line = line sprintf(" (image id changed in %d)", changed[v])
      }
      if (line != "") printf "\nNo-op builds whose log says \"up to date\": %s.\n", line
      # The targets of issue 12 (edit -> image <= 0.8x Jib, no-op <= plain + 0.3 s) and issue 10 (first answer <= 0.6x naive).
      tl = ""
      for (i = 1; i <= nv; i++) {
        v = vs[i]; if (v !~ /^slim-(jre|jlink)$/) continue
        e = median(v SUBSEP "rebuild_total_s"); d = median(v SUBSEP "noop_delta_s")
        if (e != "" && jib_edit != "") {
          tl = tl sprintf("%s%s edit → image %.2f× jib (%s)", tl == "" ? "" : "; ", v, e / jib_edit, e / jib_edit <= 0.8 ? "met" : "not met")
          if (jibc_edit != "") tl = tl sprintf(" (%.2f× jib compile)", e / jibc_edit)
        }
        c = median(v SUBSEP "cold_s")
        if (v == "slim-jlink" && c != "" && jre_cold != "") tl = tl sprintf("%sslim-jlink cold step %.2f× slim-jre (%s)", tl == "" ? "" : "; ", c / jre_cold, c / jre_cold <= 2 ? "met" : "not met")
        if (d != "") tl = tl sprintf("%s%s no-op %+.2f s (%s)", tl == "" ? "" : "; ", v, d, d <= 0.3 ? "met" : "not met")
      }
      for (i = 1; i <= nv; i++) {
        v = vs[i]; if (v !~ /-cache$/) continue
        a = median(v SUBSEP "answer_s")
        if (a != "" && naive_ans != "") tl = tl sprintf("%s%s first answer %.2f× naive (%s)", tl == "" ? "" : "; ", v, a / naive_ans, a / naive_ans <= 0.6 ? "met" : "not met")
      }
      if (tl != "") printf "\nTargets (issue 12: edit → image ≤ 0.8× jib in the same `mvn package` loop, no-op ≤ plain + 0.3 s, cold jlink ≤ 2× cold jre; issue 10: first answer with the cache ≤ 0.6× naive): %s.\n", tl
      if (jl_n) {
        printf "\nslim-jlink rebuild: jlink layer from cache in %d of %d runs", jl_yes, jl_n
        if (jl_reused) printf ", not built at all in %d (the rebuild started from the last build'"'"'s image after its unchanged steps)", jl_reused
        if (evicted) printf " (in %d another job on the daemon deleted the cold build'"'"'s stage image before the rebuild)", evicted
        printf "; module analysis re-run in %d of %d", reanalysed, jl_n
        if (median("slim-jlink" SUBSEP "analysis_s") != "") printf " (staging + analysis %.1f s of the rebuild)", median("slim-jlink" SUBSEP "analysis_s")
        if (jre_rb != "") printf "; rebuild step %.1f s vs %.1f s for slim-jre (%.2fx)", median("slim-jlink" SUBSEP "rebuild_s"), jre_rb,
          median("slim-jlink" SUBSEP "rebuild_s") / jre_rb
        print "."
      }
      pb = median("slim-jre" SUBSEP "plugin_baseline_bytes")
      if (pb != "" && naive != "") printf "\nThe plugin'"'"'s own baseline estimate (report.json baselineBytes) %.1f MB vs the measured naive image %.1f MB.\n", pb / 1e6, naive / 1e6
    }' "$DATA"
}

# ---- main ---------------------------------------------------------------------------------------------
start=$(now_us)
bash "$ROOT/scripts/ensure-docker.sh" >&2
bash "$ROOT/scripts/ensure-base-images.sh" jdk jre distroless-java distroless-cc >&2
if [[ ${SKIP_INSTALL:-0} != 1 ]]; then
  log "installing slim-maven-plugin into target/bench/m2 (in front of ~/.m2)"
  (cd "$ROOT" && ./mvnw -B -q "${REPO[@]}" install -DskipTests -Dinvoker.skip) >&2
fi
rm -rf "$LOGS" "$DATA"; mkdir -p "$LOGS"; : >"$DATA"
declare -A LAST_STAGE=()
ANSWER_VARIANTS=()
[[ $KEEP_IMAGES == 1 ]] || trap remove_stage_images EXIT
for app in "${APP_LIST[@]}"; do
  dir=$OUT/work/$app
  prepare_app "$app" "$dir"
  for ((run = 1; run <= RUNS; run++)); do
    # Rotate the order each run, so slow drift on the shared machine does not always hit the same variant.
    n=${#VARIANT_LIST[@]}
    for ((i = 0; i < n; i++)); do
      variant=${VARIANT_LIST[$(( (i + run - 1) % n ))]}
      # A startup cache needs training arguments for a plain app; the bench trains Spring Boot apps only.
      if [[ $variant == *-cache && $(app_kind "$app") == plain ]]; then
        (( run > 1 )) || log "$app: $variant skipped (the bench trains startup caches on the Spring Boot apps only)"
        continue
      fi
      measure "$app" "$dir" "$variant" "$run"
    done
    answer_rounds "$app" "$run"
  done
done

elapsed=$(secs_since "$start")
# Only a full run (every app and variant) writes bench/; filtered quick runs write under target/bench/.
results=$OUT/results-$(date +%F).md
[[ $APPS != "$DEFAULT_APPS" || $VARIANTS != "$DEFAULT_VARIANTS" ]] || results=$ROOT/bench/results-$(date +%F).md
{
  echo "# slim-maven-plugin benchmark, $(date '+%F %H:%M %Z')"
  echo
  echo "\`bench/run.sh $RUNS\` (APPS=$APPS, VARIANTS=$VARIANTS, STARTS=$STARTS, EDITS=$EDITS, NOOP_PAIRS=$NOOP_PAIRS, PLAIN=$PLAIN) took $(awk -v s="$elapsed" 'BEGIN { printf "%.0f", s / 60 }') min on $(nproc) cores;"
  echo "Docker $(docker version --format '{{.Server.Version}}'), classic builder; Jib $JIB_VERSION; base images $JDK_IMAGE (naive, jlink builder),"
  echo "$JRE_IMAGE (jib, slim-jre), gcr.io/distroless/java17-debian12 (slim-distroless), gcr.io/distroless/cc-debian12 (slim-jlink)."
  for img in "$JDK_IMAGE" "$JRE_IMAGE"; do
    [[ $(docker image inspect -f '{{index .Config.Labels "dev.slimimage.stand-in"}}' "$img" 2>/dev/null) != true ]] \
      || { echo "Base images are local stand-ins (scripts/ensure-base-images.sh), not the upstream images."; break; }
  done
  echo "The step columns are the image step only, edit → image and no-op the whole command (see bench/README.md);"
  echo "the machine is shared and noisy, so compare ratios within one run."
  echo
  for v in "${!REJECTED[@]}"; do echo "**${REJECTED[$v]}**"; echo; done
  for app in "${APP_LIST[@]}"; do report "$app"; echo; done
} >"$results"
cat "$results"
log "done in ${elapsed}s; table written to ${results#"$ROOT"/}, raw numbers in ${DATA#"$ROOT"/}, logs in ${LOGS#"$ROOT"/}"
