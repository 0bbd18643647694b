package dev.exchangesync.bench;

import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.TokenSource;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Throughput under throttling: {@code CALLS} syncs, every other connector answered once with {@code 429} and
 * {@code Retry-After: 1}, sent as {@code syncAsync} calls on the client's own dispatcher (OkHttp's default, five
 * calls per host at a time) and as blocking {@code sync} calls on one thread each. A retry wait that held a
 * dispatcher slot would make the async run take about {@code CALLS / 2 / 5} seconds; one that holds nothing
 * takes about one second, like the blocking run. Rounds alternate which goes first; prints each round and the
 * median ratio, async to blocking.
 *
 * <p>Usage: {@code ThrottledThroughput [CALLS [ROUNDS]]} (default 200 calls, 5 rounds).
 */
public final class ThrottledThroughput {
  private static final DeviceManagementExchangeConnectorSyncType DELTA =
      DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Set<String> throttledOnce = ConcurrentHashMap.newKeySet();
    // 429 with Retry-After: 1 the first time an odd-numbered connector is synced: …/exchangeConnectors/c17/sync
    FastServer server = new FastServer(path -> {
      String id = path.substring(path.indexOf("exchangeConnectors/") + 19, path.lastIndexOf('/'));
      return (id.charAt(id.length() - 1) - '0') % 2 == 1 && throttledOnce.add(id);
    });
    String url = server.url();
    ExecutorService callers = Executors.newFixedThreadPool(calls);
    try (ExchangeConnectorClient client = ExchangeConnectorClient.builder().graphUrl(url)
        .tokenSource(TokenSource.of(SyncBenchmark.TOKEN)).build()) {
      run(client, callers, calls, true, throttledOnce); // warm-up, both ways
      run(client, callers, calls, false, throttledOnce);
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        boolean asyncFirst = round % 2 == 1;
        double first = run(client, callers, calls, asyncFirst, throttledOnce);
        double second = run(client, callers, calls, !asyncFirst, throttledOnce);
        double async = asyncFirst ? first : second;
        double blocking = asyncFirst ? second : first;
        ratios.add(async / blocking);
        System.out.printf("round %d: %d syncAsync %6.0f ms, %d blocking sync on %d threads %6.0f ms, ratio %.3f%n",
            round, calls, async, calls, calls, blocking, async / blocking);
      }
      ratios.sort(null);
      System.out.printf("median ratio, async to blocking: %.3f (min %.3f, max %.3f)%n",
          ratios.get(rounds / 2), ratios.get(0), ratios.get(rounds - 1));
    } finally {
      callers.shutdownNow();
      server.close();
    }
  }

  /** Milliseconds for {@code calls} syncs of fresh connectors, half of them throttled once. */
  private static double run(ExchangeConnectorClient client, ExecutorService callers, int calls, boolean async,
      Set<String> throttledOnce) throws Exception {
    throttledOnce.clear();
    long start = System.nanoTime();
    if (async) {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(client.syncAsync("c" + i, DELTA));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    } else {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        String id = "c" + i;
        futures.add(callers.submit(() -> {
          client.sync(id, DELTA);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(5, TimeUnit.MINUTES);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
