#!/bin/sh
# Package step: checks the library jar, lays out the distribution in target/dist/exchange-sync-VERSION
# (bin/exchange-sync, bin/exchange-sync.cmd, lib/exchange-sync.jar), builds the class-data-sharing archive for the
# build's JDK from a training run against the embedded sandbox, and links target/exchange-sync to the launcher.
# Running the launcher through that link is the smoke test of the package. The zip and tar.gz are made from the
# layout (pom.xml).
set -eu
target=$1
java=$2
version=$3
launchers=$(dirname -- "$0")
# The library jar Maven installs: the named module, and none of the CLI's classes.
library=$target/exchange-connector-sync-$version.jar
entries=$("$(dirname -- "$java")/jar" tf "$library")
if ! printf '%s\n' "$entries" | grep -qx 'module-info.class' || printf '%s\n' "$entries" | grep -q '^dev/exchangesync/cli/'; then
  echo "$library must hold module-info.class and no dev/exchangesync/cli/ class" >&2
  exit 1
fi
home=$target/dist/exchange-sync-$version
rm -rf "$target/dist"
mkdir -p "$home/bin" "$home/lib"
cp "$launchers/exchange-sync" "$launchers/exchange-sync.cmd" "$home/bin/"
chmod 755 "$home/bin/exchange-sync"
cp "$target/exchange-sync.jar" "$home/lib/exchange-sync.jar"
lib=$(cd "$home/lib" && pwd -P)
jdk=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$(dirname -- "$java")/../release")
# A training run as the launcher makes one (against a sandbox served by another JVM), with the same JVM options as
# the launcher's, which an archive must be used with.
"$java" -jar "$lib/exchange-sync.jar" train -- -XX:ArchiveClassesAtExit="$lib/exchange-sync.jsa" \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms8m -XX:-UsePerfData > "$target/exchange-sync-training.log" 2>&1 || {
  echo "the CLI training run failed; see $target/exchange-sync-training.log" >&2
  exit 1
}
# For this JDK and this place only: the launcher uses the archive when both match.
printf '%s %s' "$jdk" "$lib" > "$lib/exchange-sync.jsa.for"
rm -f "$target/exchange-sync" "$target/exchange-sync.jsa"
ln -s "dist/exchange-sync-$version/bin/exchange-sync" "$target/exchange-sync"
JAVA_HOME=$(cd "$(dirname -- "$java")/.." && pwd) "$target/exchange-sync" --sandbox list > "$target/exchange-sync-smoke.log" 2>&1 || {
  echo "the launcher failed its smoke test; see $target/exchange-sync-smoke.log" >&2
  exit 1
}
