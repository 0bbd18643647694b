#!/usr/bin/env bash
# Reproduces the README's benchmark tables: footprint, steady state (JMH) and cold start, our client side by side
# with raw OkHttp (the floor) and Microsoft's Graph SDK, all against one loopback server per run.
# Usage: bench/run.sh [--no-graph-sdk] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
sdk=-Pgraph-sdk
forks=3 rounds=15 iterations=5
for arg in "$@"; do
  case "$arg" in
    --no-graph-sdk) sdk= ;;
    --quick) forks=1 rounds=5 iterations=3 ;;
    *) echo "usage: bench/run.sh [--no-graph-sdk] [--quick]" >&2; exit 2 ;;
  esac
done

echo "## Footprint"
bash bench/footprint.sh | sed -n '/dependencies only/,$p'

echo "## Steady state (JMH, µs per call; allocation per call from -prof gc)"
mvn -B -q -f bench/pom.xml $sdk package
mvn -B -q -f bench/pom.xml $sdk dependency:build-classpath -Dmdep.outputFile=target/cp.txt > /dev/null
cp="bench/target/classes:$(cat bench/target/cp.txt)"
java -cp "$cp" org.openjdk.jmh.Main -f "$forks" -wi 3 -w 2s -i "$iterations" -r 2s -prof gc \
  -rf json -rff bench/target/jmh.json 2>&1 | grep -E '^(Benchmark|SyncBenchmark|GraphSdkBenchmark)' \
  | grep -vE 'gc\.(count|time|churn)|alloc\.rate +'

echo "## Steady state, paired: clients alternate in batches of 1000 calls, ratio per round (3 JVMs)"
for fork in 1 2 3; do
  java -cp "$cp" dev.exchangesync.bench.PairedRatio "$((rounds * 2))" 1000
done

echo "## Throughput under throttling: 200 syncs, half answered 429 Retry-After: 1 once; async vs blocking"
java -cp "$cp" dev.exchangesync.bench.ThrottledThroughput 200 "$((rounds / 3))"

echo "## Cold start (fresh JVM to first 204) and peak RSS"
# Each client gets only the jars it needs, so no one pays for opening another's.
raw_cp="bench/target/classes:$(tr ':' '\n' < bench/target/cp.txt | grep -E '/(okhttp-4|okio-jvm-|kotlin-stdlib-2)[^/]*\.jar$' | paste -sd:)"
# The CLI as users install it: the tar.gz unpacked elsewhere and reached through a link on the PATH; its start-up
# archive (JDK 17) or AOT cache (JDK 25) is made by the launcher's background training, awaited here.
install=$(mktemp -d)
tar xzf target/exchange-sync-*.tar.gz -C "$install"
ln -s "$install"/exchange-sync-*/bin/exchange-sync "$install/exchange-sync"
export XDG_CACHE_HOME="$install/cache"
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
"$install/exchange-sync" --version > /dev/null
[ -x "$jdk25/bin/java" ] && JAVA_HOME=$jdk25 "$install/exchange-sync" --version > /dev/null
while [ -n "$(find "$XDG_CACHE_HOME/exchange-sync" -name 'train.lock' 2>/dev/null)" ]; do sleep 1; done
# Plain http on loopback, where our client sets up no TLS, and https as against Graph, where both do; the https
# rows trust the bench server's certificate ({trustStore}) instead of the JDK's.
tls="-Djavax.net.ssl.trustStore={trustStore}"
clients=(
  "raw OkHttp main, JDK 17=java -cp $raw_cp dev.exchangesync.bench.RawOkHttp {url} c1"
  "raw OkHttp main without TLS set-up, JDK 17=java -cp $raw_cp dev.exchangesync.bench.RawOkHttp {url} c1 cleartext"
  "installed launcher, JDK 17=$install/exchange-sync --graph-url {url} sync c1"
  "installed launcher --help, JDK 17=$install/exchange-sync --help"
  "plain java -jar, JDK 17=java -jar target/exchange-sync.jar --graph-url {url} sync c1"
  "raw OkHttp main over https, JDK 17=java $tls -cp $raw_cp dev.exchangesync.bench.RawOkHttp {httpsUrl} c1"
  "installed launcher over https, JDK 17=env EXCHANGE_SYNC_JAVA_OPTS=$tls $install/exchange-sync --graph-url {httpsUrl} sync c1"
)
if [ -x "$jdk25/bin/java" ]; then
  clients+=("raw OkHttp main, JDK 25=$jdk25/bin/java -cp $raw_cp dev.exchangesync.bench.RawOkHttp {url} c1"
    "installed launcher, JDK 25 (AOT cache)=env JAVA_HOME=$jdk25 $install/exchange-sync --graph-url {url} sync c1")
fi
if [ -n "$sdk" ]; then
  clients+=("Graph SDK main=java -cp $cp dev.exchangesync.bench.GraphSdk {url} c1")
fi
java -cp "$cp" dev.exchangesync.bench.ColdStart "$rounds" "${clients[@]}"
