package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.exchangesync.sandbox.GraphSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -o table|json|tsv|none, --quiet and --wide on every command, as az and kubectl users expect. */
class OutputFormatsTest {
  private static final String DISCONNECTED = "7b2c9e1d-6a4f-4e8b-8c3d-5e0f2a1b9c03";
  private static final JsonAdapter<Map<String, Object>> OBJECT = new Moshi.Builder().build()
      .adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final GraphSandbox sandbox = GraphSandbox.builder().syncDelay(Duration.ofMillis(200)).start();
  private final Map<String, String> env = new HashMap<>();

  @TempDir
  Path temp;

  @AfterEach
  void close() {
    sandbox.close();
  }

  @Test
  void syncResultsAreJsonLinesWithASummaryAndFailuresStillReachStderr() throws IOException {
    Run run = run(false, "sync", "--all", "--wait", "--poll-interval", "100ms", "-o", "json");

    assertEquals(1, run.exit, run.err);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : run.out.lines().toList()) {
      lines.add(OBJECT.fromJson(line)); // every line is one JSON object
    }
    assertEquals(4, lines.stream().filter(line -> "requested".equals(line.get("state"))).count(), run.out);
    assertEquals(3, lines.stream().filter(line -> "synced".equals(line.get("state"))).count(), run.out);
    assertTrue(lines.contains(Map.of("state", "failed", "connectorId", DISCONNECTED, "detail",
        "the connector is disconnected, so its sync cannot finish")), run.out);
    assertEquals(Map.of("summary", Map.of("connectors", 4.0, "synced", 3.0, "requested", 0.0, "skipped", 0.0,
        "failed", 1.0, "timeout", 0.0)), lines.get(lines.size() - 1));
    assertEquals("failed     " + DISCONNECTED + "  the connector is disconnected, so its sync cannot finish\n"
        + "exchange-sync: 4 connectors: 3 synced, 1 failed\n", run.err);
  }

  @Test
  void tsvIsForScriptsWithGraphsNamesAndIsoTimes() {
    Run list = run(false, "list", "-o", "tsv");

    assertEquals(0, list.exit, list.err);
    List<String> rows = list.out.lines().toList();
    assertEquals("id\tstatus\texchangeConnectorType\tserverName\tlastSyncDateTime\tageSeconds", rows.get(0));
    assertEquals(5, rows.size());
    assertTrue(rows.get(1).matches("0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01\tconnected\tonPremises\tEXCH01.contoso.local"
        + "\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\t3\\d{3}"), rows.get(1));

    Run sync = run(false, "sync", DISCONNECTED, "-o", "tsv");
    assertEquals("state\tconnectorId\tdetail\nrequested\t" + DISCONNECTED + "\tdeltaSync\n", sync.out);
  }

  @Test
  void noneAndQuietPrintNothingOnStdoutButFailuresStillOnStderr() {
    Run none = run(false, "list", "-o", "none");
    Run quiet = run(false, "--quiet", "sync", "--all", "--wait", "--poll-interval", "100ms");
    Run quietStatus = run(false, "status", "-q");

    assertEquals(0, none.exit);
    assertEquals("", none.out);
    assertEquals(1, quiet.exit);
    assertEquals("", quiet.out);
    assertEquals("failed     " + DISCONNECTED + "  the connector is disconnected, so its sync cannot finish\n"
        + "exchange-sync: 4 connectors: 3 synced, 1 failed\n", quiet.err);
    assertEquals(1, quietStatus.exit, "the exit code still tells");
    assertEquals("", quietStatus.out);
  }

  @Test
  void quietShowsNoProgressEvenOnATerminal() {
    Run quiet = run(true, "sync", "0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01", "--wait", "--poll-interval", "100ms", "-q");

    assertEquals(0, quiet.exit, quiet.err);
    assertEquals("", quiet.out);
    assertEquals("", quiet.err);
  }

  @Test
  void tablesFitTheTerminalUnlessWide() {
    env.put("COLUMNS", "80");

    Run fitted = run(true, "list");
    Run wide = run(true, "list", "--wide");
    Run piped = run(false, "list");

    for (String line : fitted.out.lines().toList()) {
      assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
    }
    assertTrue(fitted.out.contains("…"), fitted.out);
    assertTrue(wide.out.lines().anyMatch(line -> line.length() > 80), wide.out);
    assertTrue(!wide.out.contains("…"), wide.out);
    assertTrue(!piped.out.contains("…") && piped.out.lines().anyMatch(line -> line.length() > 80),
        "a pipe gets the whole table, as with --wide: " + piped.out);
    assertTrue(fitted.out.startsWith("ID"), fitted.out);
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheAcceptedOnes() {
    Run run = run(false, "list", "-o", "yaml");

    assertEquals(2, run.exit);
    assertTrue(run.err.contains("'yaml' is not an output format: expected table, json, tsv, none, nagios,"
        + " prometheus"), run.err);
    assertEquals(0, sandbox.requests().size());
  }

  private record Run(int exit, String out, String err) {
  }

  private Run run(boolean terminal, String... args) {
    List<String> all = new ArrayList<>(List.of("--graph-url", sandbox.graphUrl()));
    all.addAll(List.of(args));
    env.put("GRAPH_ACCESS_TOKEN", sandbox.token());
    env.put("HOME", temp.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ExchangeSyncCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), env,
        terminal);
    return new Run(exit, out.toString(), err.toString());
  }
}
