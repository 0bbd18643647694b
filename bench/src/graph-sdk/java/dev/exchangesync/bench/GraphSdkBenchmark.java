package dev.exchangesync.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The Graph SDK's sync call against the same kind of loopback server as {@link SyncBenchmark}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GraphSdkBenchmark {
  private FastServer server;
  private GraphSdk sdk;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    server = new FastServer();
    sdk = new GraphSdk(server.url(), SyncBenchmark.TOKEN);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    server.close();
  }

  @Benchmark
  public void graphSdk() {
    sdk.sync(SyncBenchmark.CONNECTOR);
  }
}
