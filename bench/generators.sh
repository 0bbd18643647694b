#!/usr/bin/env bash
# The stock OpenAPI Generator (java/retrofit2, its own templates) beside ours on every spec of the generator
# corpus (src/test/resources/corpus): generation and compilation, one row per spec. Reproduces the README's table.
# Usage: bench/generators.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -f bench/pom.xml -Pgenerators package
mvn -B -q -f bench/pom.xml -Pgenerators dependency:build-classpath -Dmdep.outputFile=target/generators-cp.txt > /dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "bench/target/classes:$(cat bench/target/generators-cp.txt)" dev.exchangesync.bench.GeneratorComparison \
  src/test/resources/corpus templates "$work" 2>/dev/null | grep -E '^(\||compiles)' # the generator's banner aside
