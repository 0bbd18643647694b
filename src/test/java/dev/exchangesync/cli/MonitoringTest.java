package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.sandbox.GraphSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status for monitoring: as a Nagios/Icinga plugin, and as Prometheus metrics checked by promtool. */
class MonitoringTest {
  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
  private final List<GraphSandbox> sandboxes = new ArrayList<>();

  @TempDir
  Path temp;

  @AfterEach
  void close() {
    sandboxes.forEach(GraphSandbox::close);
  }

  @Test
  void nagiosOkWithPerformanceData() {
    GraphSandbox sandbox = sandbox(connector("a", NOW.minusHours(1), "connected"),
        connector("b", NOW.minusHours(2), "connected"));

    Run run = run(sandbox, "status", "-o", "nagios", "--warning", "6h", "--critical", "24h");

    assertEquals(0, run.exit, run.out + run.err);
    assertEquals(1, run.out.lines().count(), run.out);
    assertTrue(run.out.startsWith("EXCHANGE CONNECTORS OK - 2 connectors connected, synced within 6h | connectors=2;;;0"
        + " unhealthy=0;;;0 oldest_sync_age=72"), run.out);
    assertTrue(run.out.contains(";21600;86400;0 'sync_age_a'=36"), run.out);
    assertEquals("", run.err);
  }

  @Test
  void nagiosWarningForAnOldSyncAndCriticalForADisconnectedConnector() {
    GraphSandbox sandbox = sandbox(connector("a", NOW.minusHours(8), "connected"),
        connector("b", NOW.minusHours(1), "connected"));

    Run warning = run(sandbox, "status", "-o", "nagios", "--warning", "6h");

    assertEquals(1, warning.exit, warning.out);
    assertTrue(warning.out.startsWith("EXCHANGE CONNECTORS WARNING - 1 of 2 connectors not OK: a: last synced 8h"
        + " ago, more than 6h | "), warning.out);
    assertTrue(warning.out.endsWith("\nWARNING: a: last synced 8h ago, more than 6h\n"), warning.out);

    GraphSandbox broken = sandbox(connector("a", NOW.minusHours(8), "connected"),
        connector("b", NOW.minusDays(3), "disconnected"));
    Run critical = run(broken, "status", "-o", "nagios", "--warning", "6h", "--critical", "2d");

    assertEquals(2, critical.exit, critical.out);
    List<String> lines = critical.out.lines().toList();
    assertTrue(lines.get(0).startsWith("EXCHANGE CONNECTORS CRITICAL - 2 of 2 connectors not OK: b: status is"
        + " disconnected, not connected; last synced 3d ago, more than 2d | connectors=2;;;0 unhealthy=1;;;0"),
        critical.out);
    assertEquals(List.of("CRITICAL: b: status is disconnected, not connected; last synced 3d ago, more than 2d",
        "WARNING: a: last synced 8h ago, more than 6h"), lines.subList(1, lines.size()));
  }

  @Test
  void nagiosUnknownWhenTheCheckCannotRunOrIsMisused() {
    GraphSandbox sandbox = sandbox(connector("a", NOW.minusHours(1), "connected"));
    sandbox.failNext(1, 403);

    Run forbidden = run(sandbox, "status", "-o", "nagios");
    Run inverted = run(sandbox, "status", "-o", "nagios", "--warning", "2d", "--critical", "1d");
    Run typo = run(sandbox, "status", "-o", "nagios", "--warnig", "2d");

    assertEquals(3, forbidden.exit, forbidden.out);
    assertTrue(forbidden.out.startsWith("EXCHANGE CONNECTORS UNKNOWN - 403 Authorization_RequestDenied"),
        forbidden.out);
    assertEquals(3, inverted.exit, inverted.out);
    assertEquals("EXCHANGE CONNECTORS UNKNOWN - --warning (2d) must not be longer than --critical/--max-age (1d)\n",
        inverted.out);
    assertEquals(3, typo.exit, typo.out);
    assertTrue(typo.out.startsWith("EXCHANGE CONNECTORS UNKNOWN - Unknown option: '--warnig'"), typo.out);
  }

  @Test
  void prometheusMetricsPassPromtoolAndFollowTheNamingConventions() throws Exception {
    GraphSandbox sandbox = sandbox(connector("a", NOW.minusHours(1), "connected"),
        connector("b\"\\\nx", NOW.minusDays(3), "disconnected"),
        new DeviceManagementExchangeConnector("never", null, null, null, null, null, null, null, null, null));

    Run run = run(sandbox, "status", "-o", "prometheus");

    assertEquals(0, run.exit, "metrics were written: " + run.err);
    String metrics = run.out;
    assertTrue(metrics.contains("\nexchange_sync_connectors 3\n"), metrics);
    assertTrue(metrics.contains("exchange_sync_connector_connected{connector_id=\"b\\\"\\\\\\nx\",status=\"disconnected\"} 0\n"),
        metrics);
    assertTrue(metrics.contains("exchange_sync_connector_last_sync_timestamp_seconds{connector_id=\"a\"} "
        + NOW.minusHours(1).toEpochSecond() + "\n"), metrics);
    assertTrue(!metrics.contains("exchange_sync_connector_last_sync_timestamp_seconds{connector_id=\"never\"}"),
        "a connector that never synced has no sample");
    assertTrue(metrics.contains("exchange_sync_connector_healthy{connector_id=\"a\"} 1\n"), metrics);
    assertTrue(metrics.contains("\nexchange_sync_last_run_success 1\n"), metrics);
    assertPromtoolAccepts(metrics);

    sandbox.failNext(1, 403);
    Run failed = run(sandbox, "status", "-o", "prometheus");
    assertEquals(1, failed.exit, failed.err);
    assertTrue(failed.out.contains("\nexchange_sync_last_run_success 0\n"), "the textfile shows the failure: "
        + failed.out);
    assertPromtoolAccepts(failed.out);
  }

  @Test
  void monitoringFormatsAreForStatusOnly() {
    GraphSandbox sandbox = sandbox(connector("a", NOW.minusHours(1), "connected"));

    Run run = run(sandbox, "list", "-o", "prometheus");

    assertEquals(2, run.exit);
    assertEquals("exchange-sync: -o prometheus is for status only; list prints table, json, tsv or none\n", run.err);
  }

  /** promtool from Debian's prometheus package (.ci/run installs it): its linter checks the format and names. */
  private void assertPromtoolAccepts(String metrics) throws IOException, InterruptedException {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      assertTrue(System.getenv("CI") == null, "CI must have promtool: .ci/run installs Debian's prometheus package");
      assumeTrue(false, "promtool is not installed (Debian: apt-get install prometheus); skipping its check");
    }
    Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    check.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
    check.getOutputStream().close();
    String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(check.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, check.exitValue(), "promtool check metrics:\n" + said + "\n" + metrics);
    assertEquals("", said.strip(), "promtool's lint found problems:\n" + said);
  }

  private GraphSandbox sandbox(DeviceManagementExchangeConnector... connectors) {
    GraphSandbox sandbox = GraphSandbox.builder().connectors(List.of(connectors)).start();
    sandboxes.add(sandbox);
    return sandbox;
  }

  private static DeviceManagementExchangeConnector connector(String id, OffsetDateTime lastSync, String status) {
    return new DeviceManagementExchangeConnector(id, lastSync, DeviceManagementExchangeConnectorStatus.of(status),
        null, "EXCH01", null, null, null, null, null);
  }

  private record Run(int exit, String out, String err) {
  }

  private Run run(GraphSandbox sandbox, String... args) {
    List<String> all = new ArrayList<>(List.of("--graph-url", sandbox.graphUrl()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ExchangeSyncCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err),
        Map.of("GRAPH_ACCESS_TOKEN", sandbox.token(), "HOME", temp.toString()), false);
    return new Run(exit, out.toString(), err.toString());
  }
}
