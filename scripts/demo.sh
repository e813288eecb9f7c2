#!/usr/bin/env bash
# Quick start: brings up a Docker daemon and the base images if needed, installs the plugin, then runs
# `mvn package` on examples/hello, which builds its image and prints the savings report; finally runs the image.
#
# Usage: scripts/demo.sh [runtime]     runtime: jre (default) or distroless
set -euo pipefail
cd "$(dirname "$0")/.."
runtime=${1:-jre}

bash scripts/ensure-docker.sh
bash scripts/ensure-base-images.sh
echo "demo: installing slim-maven-plugin into ~/.m2"
./mvnw -B -q install -DskipTests -Dinvoker.skip
echo "demo: mvn package in examples/hello (runtime=$runtime)"
# Only the plugin's own lines: its Dockerfile summary, the build steps and the report.
(cd examples/hello && ../../mvnw -B package -Dslim.runtime="$runtime") | grep -E '^\[INFO\] (Wrote|  layer|Building|Image|  |\[docker\] (Step|Successfully))|ERROR|BUILD'
echo "demo: docker run --rm hello:1.0.0 slim images"
docker run --rm hello:1.0.0 slim images
