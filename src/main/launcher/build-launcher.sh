#!/bin/sh
# Package step: puts the launcher next to target/exchange-sync.jar and builds its class-data-sharing archive
# from a training run of the CLI on the embedded sandbox (which is also a smoke test of the packaged jar).
set -eu
target=$1
java=$2
cp "$(dirname -- "$0")/exchange-sync" "$target/exchange-sync"
chmod 755 "$target/exchange-sync"
rm -f "$target/exchange-sync.jsa"
"$java" -XX:ArchiveClassesAtExit="$target/exchange-sync.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -jar "$target/exchange-sync.jar" --sandbox sync --all > "$target/exchange-sync-training.log" 2>&1 || {
  echo "the CLI training run failed; see $target/exchange-sync-training.log" >&2
  exit 1
}
