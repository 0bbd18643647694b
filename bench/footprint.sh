#!/usr/bin/env bash
# Measures what a library user gets: installs this project, then resolves the runtime classpath of a throwaway
# project that depends on it (so optional CLI-only dependencies are left out, as they are for users).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
version=$(sed -n "s:^  <version>\(.*\)</version>:\1:p" pom.xml | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId><artifactId>consumer</artifactId><version>1</version>
  <dependencies><dependency><groupId>dev.exchangesync</groupId><artifactId>exchange-connector-sync</artifactId>
    <version>$version</version></dependency></dependencies>
</project>
POM
(cd "$work" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=runtime >/dev/null)
total=0
deps=0
printf '%10s  %s\n' bytes jar
for jar in $(tr ':' '\n' < "$work/cp.txt"); do
  size=$(stat -c %s "$jar")
  total=$((total + size))
  case "$jar" in */exchange-connector-sync-*) ;; *) deps=$((deps + size)) ;; esac
  printf '%10d  %s\n' "$size" "$(basename "$jar")"
done
printf '%10d  dependencies only\n%10d  total runtime classpath (library jar included)\n' "$deps" "$total"
# The budget: 4 MiB for the library's runtime classpath, its own jar included.
budget=$((4 * 1024 * 1024))
printf '%10d  budget (4 MiB): %s\n' "$budget" "$([ "$total" -le "$budget" ] && echo "within, $((budget - total)) bytes to spare" || echo "EXCEEDED by $((total - budget)) bytes")"
printf '%10d  target/exchange-sync.jar (CLI, self-contained)\n' "$(stat -c %s target/exchange-sync.jar)"
[ "$total" -le "$budget" ]
