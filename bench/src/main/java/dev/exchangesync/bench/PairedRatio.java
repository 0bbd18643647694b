package dev.exchangesync.bench;

import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.TokenSource;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Steady-state ratios that a noisy shared machine cannot skew: the clients run in alternating batches against
 * one loopback server, so a slow spell hits all of them, and each round yields one ratio to raw OkHttp. Prints
 * the median per-call time of each client and the median and quartiles of the per-round ratios.
 *
 * <p>Usage: {@code PairedRatio ROUNDS BATCH} (one JVM is one fork; run it several times).
 */
public final class PairedRatio {
  interface Client {
    void sync() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    try (FastServer server = new FastServer();
        ExchangeConnectorClient facade = ExchangeConnectorClient.builder().graphUrl(server.url())
            .tokenSource(TokenSource.of(SyncBenchmark.TOKEN)).build()) {
      RawOkHttp raw = new RawOkHttp(new OkHttpClient(), server.url(), SyncBenchmark.TOKEN);
      Map<String, Client> clients = new LinkedHashMap<>();
      clients.put("raw OkHttp", () -> raw.sync(SyncBenchmark.CONNECTOR));
      clients.put("exchange-connector-sync",
          () -> facade.sync(SyncBenchmark.CONNECTOR, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC));
      graphSdk(server.url()).ifPresent(sdk -> clients.put("Graph SDK", sdk));

      for (Client client : clients.values()) { // warm-up: let the JIT settle on every path
        time(client, batch * 10);
      }
      Map<String, List<Double>> micros = new LinkedHashMap<>();
      Map<String, List<Double>> ratios = new LinkedHashMap<>();
      List<String> names = new ArrayList<>(clients.keySet());
      for (int round = 0; round < rounds; round++) {
        Map<String, Double> thisRound = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(names);
        if (round % 2 == 1) {
          java.util.Collections.reverse(order); // no client always goes first
        }
        for (String name : order) {
          thisRound.put(name, time(clients.get(name), batch));
        }
        for (String name : names) {
          micros.computeIfAbsent(name, k -> new ArrayList<>()).add(thisRound.get(name));
          ratios.computeIfAbsent(name, k -> new ArrayList<>()).add(thisRound.get(name) / thisRound.get(names.get(0)));
        }
      }
      for (String name : names) {
        List<Double> r = sorted(ratios.get(name));
        System.out.printf("%-24s %7.1f µs/call   ratio %.3f (quartiles %.3f-%.3f)%n", name,
            sorted(micros.get(name)).get(rounds / 2), r.get(rounds / 2), r.get(rounds / 4), r.get(rounds * 3 / 4));
      }
    }
    System.exit(0);
  }

  /** Mean microseconds per call over {@code calls} calls. */
  private static double time(Client client, int calls) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      client.sync();
    }
    return (System.nanoTime() - start) / 1e3 / calls;
  }

  private static List<Double> sorted(List<Double> values) {
    List<Double> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }

  /** The Graph SDK client when the benchmark was built with -Pgraph-sdk. */
  private static java.util.Optional<Client> graphSdk(String url) {
    try {
      Class<?> type = Class.forName("dev.exchangesync.bench.GraphSdk");
      Object sdk = type.getConstructor(String.class, String.class).newInstance(url, SyncBenchmark.TOKEN);
      java.lang.reflect.Method sync = type.getMethod("sync", String.class);
      return java.util.Optional.of(() -> sync.invoke(sdk, SyncBenchmark.CONNECTOR));
    } catch (ClassNotFoundException e) {
      return java.util.Optional.empty();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
