#!/usr/bin/env bash
# Runs once after all ITs (pom.xml binds it to post-integration-test): removes the slim-cache/jlink tags that the ITs'
# own builds created, as each IT recorded them in <IT>/jlink-cache-tags.txt ("tag<TAB>full image id", written by
# ItSupport.recordJlinkCacheTags). ITs share such a tag when they link the same modules, so none removes one while
# others may still be running (see ItSupport.groovy).
# A tag is removed only while it still points at the image the IT's build made; if something moved it since, that
# image is ours alone and is removed only when it is dangling. Usage: remove-jlink-cache-tags.sh target/it
set -uo pipefail
shopt -s nullglob

its_dir=${1:?usage: $0 <directory of the cloned ITs>}
removed=0
kept=0
for ledger in "$its_dir"/*/jlink-cache-tags.txt; do
  while IFS=$'\t' read -r tag id; do
    [ -n "$tag" ] || continue
    current=$(docker image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
    if [ "$current" = "$id" ]; then
      if docker rmi "$tag" >/dev/null; then
        removed=$((removed + 1))
      else
        echo "could not remove $tag ($id), recorded in $ledger" >&2
        kept=$((kept + 1))
      fi
    elif docker images -q --no-trunc --filter dangling=true | grep -qx "$id"; then
      docker rmi "$id" >/dev/null && removed=$((removed + 1))
    else
      kept=$((kept + 1)) # moved to another build's image, or still used: not ours to remove
    fi
  done < "$ledger"
done
echo "jlink cache tags of the ITs: removed $removed, left $kept"
