package dev.exchangesync.bench;

import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.TokenSource;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/** One sync call against the same loopback server: our facade, and raw OkHttp as the floor. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SyncBenchmark {
  static final String TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJzY3AiOiJEZXZpY2VNYW5hZ2VtZW50In0.c2ln";
  static final String CONNECTOR = "6b1f1d4e-3c8a-4a59-9d7f-0a6e2f3b5c11";

  private FastServer server;
  private ExchangeConnectorClient facade;
  private RawOkHttp raw;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = new FastServer();
    facade = ExchangeConnectorClient.builder().graphUrl(server.url()).tokenSource(TokenSource.of(TOKEN)).build();
    raw = new RawOkHttp(new OkHttpClient(), server.url(), TOKEN);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    facade.close();
    server.close();
  }

  @Benchmark
  public void facade() throws Exception {
    facade.sync(CONNECTOR, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);
  }

  @Benchmark
  public void rawOkHttp() throws Exception {
    raw.sync(CONNECTOR);
  }

  /** Four callers at once: the bounded concurrency of {@code sync --all}. */
  @Benchmark
  @Threads(4)
  public void facadeConcurrent4() throws Exception {
    facade.sync(CONNECTOR, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);
  }

  @Benchmark
  @Threads(4)
  public void rawOkHttpConcurrent4() throws Exception {
    raw.sync(CONNECTOR);
  }
}
