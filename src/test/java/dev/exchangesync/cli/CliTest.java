package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.NamedProperties;
import dev.exchangesync.auth.IdentityServer;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.model.DeviceManagementExchangeConnectorType;
import dev.exchangesync.sandbox.GraphSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the CLI's entry point in-process against the Graph sandbox (and a local identity endpoint for login). */
final class CliTest {
  private static final String CONNECTED = "0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01";
  private static final String CONNECTED_ONLINE = "3e9a4b7c-2d8f-4c61-b5e0-1f6a9d3c7b02";
  private static final String DISCONNECTED = "7b2c9e1d-6a4f-4e8b-8c3d-5e0f2a1b9c03";
  private static final String UNKNOWN_STATUS = "a4d8f3e2-9c7b-4a15-b6e9-0d3c8f2a7e04";

  @TempDir
  Path temp;

  private final List<GraphSandbox> sandboxes = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private @Nullable OkHttpClient identityClient;

  @AfterEach
  void tearDown() {
    sandboxes.forEach(GraphSandbox::close);
  }

  private GraphSandbox sandbox(GraphSandbox.Builder builder) {
    GraphSandbox sandbox = builder.start();
    sandboxes.add(sandbox);
    env.put("GRAPH_ACCESS_TOKEN", sandbox.token());
    return sandbox;
  }

  private GraphSandbox sandbox() {
    return sandbox(GraphSandbox.builder().syncDelay(Duration.ofMillis(300)));
  }

  private record Run(int exit, String out, String err) {
  }

  private Run run(String... args) {
    return run(false, args);
  }

  private Run run(boolean terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    env.putIfAbsent("HOME", temp.toString());
    int exit = ExchangeSyncCli.run(args, new PrintWriter(out), new PrintWriter(err), env, terminal, identityClient);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String[] with(GraphSandbox sandbox, String... args) {
    List<String> all = new ArrayList<>(List.of("--graph-url", sandbox.graphUrl()));
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }

  @Test
  void listPrintsEveryConnectorAcrossPages() {
    GraphSandbox sandbox = sandbox();

    Run run = run(with(sandbox, "list"));

    assertEquals(0, run.exit, run.err);
    List<String> lines = run.out.lines().toList();
    assertEquals(5, lines.size(), run.out);
    assertTrue(lines.get(0).matches("ID +STATUS +TYPE +SERVER +LAST SYNC \\(UTC\\) +AGE"), lines.get(0));
    assertTrue(lines.get(1).matches(CONNECTED + " +connected +onPremises +EXCH01\\.contoso\\.local +\\d{4}-\\d\\d-\\d\\d"
        + " \\d\\d:\\d\\d:\\d\\d +1h"), lines.get(1));
    assertTrue(lines.get(4).startsWith(UNKNOWN_STATUS + "  connectorUpgradeRequired  dedicatedModern"), lines.get(4));
    assertEquals(2, sandbox.requests().size(), "the four connectors come in two pages");
  }

  @Test
  void listJsonIsValidJsonAndNothingElse() throws Exception {
    GraphSandbox sandbox = sandbox();

    Run run = run(with(sandbox, "list", "--json"));

    assertEquals(0, run.exit, run.err);
    assertEquals("", run.err);
    JsonAdapter<List<DeviceManagementExchangeConnector>> adapter = new Moshi.Builder()
        .add(dev.exchangesync.internal.generated.JSON.FACTORY).build()
        .adapter(Types.newParameterizedType(List.class, DeviceManagementExchangeConnector.class));
    List<DeviceManagementExchangeConnector> connectors = adapter.failOnUnknown().fromJson(run.out);
    assertEquals(sandbox.connectors(), NamedProperties.of(connectors));
    assertEquals("connectorUpgradeRequired", connectors.get(3).status().value());
  }

  @Test
  void getShowsOneConnectorAsTextOrJson() throws Exception {
    GraphSandbox sandbox = sandbox();

    Run text = run(with(sandbox, "get", CONNECTED));
    Run json = run(with(sandbox, "get", CONNECTED, "--json"));

    assertEquals(0, text.exit, text.err);
    assertTrue(text.out.contains("id:                " + CONNECTED + "\n"), text.out);
    assertTrue(text.out.contains("status:            connected\n"), text.out);
    assertTrue(text.out.contains("server:            EXCH01.contoso.local\n"), text.out);
    assertEquals(0, json.exit, json.err);
    assertEquals(sandbox.connectors().get(0), NamedProperties.of(new Moshi.Builder()
        .add(dev.exchangesync.internal.generated.JSON.FACTORY).build().adapter(DeviceManagementExchangeConnector.class)
        .fromJson(json.out)));
  }

  @Test
  void unknownIdExitsOneWithGraphsErrorOnOneLine() {
    GraphSandbox sandbox = sandbox();

    Run run = run(with(sandbox, "get", "no-such-connector"));

    assertEquals(1, run.exit);
    assertEquals("", run.out);
    assertEquals(1, run.err.lines().count(), run.err);
    assertTrue(run.err.startsWith("exchange-sync: 404 ResourceNotFound: Resource 'no-such-connector' does not exist"),
        run.err);
    assertTrue(run.err.contains("(request-id: "), run.err);
    assertTrue(run.err.strip().endsWith("): no Exchange connector has the id 'no-such-connector'"), run.err);
  }

  @Test
  void syncSendsDeltaSyncByDefaultAndFullSyncOnRequest() {
    GraphSandbox sandbox = sandbox();

    Run delta = run(with(sandbox, "sync", CONNECTED));
    Run full = run(with(sandbox, "sync", CONNECTED_ONLINE, "--type", "fullSync"));

    assertEquals(0, delta.exit, delta.err);
    assertEquals("requested  " + CONNECTED + "  deltaSync\nexchange-sync: 1 connector: 1 requested\n", delta.out);
    assertEquals("fullSync", full.out.lines().findFirst().orElseThrow().split("  ")[2]);
    assertEquals("{\"syncType\":\"deltaSync\"}", sandbox.requests().get(0).body());
    assertEquals("{\"syncType\":\"fullSync\"}", sandbox.requests().get(1).body());
  }

  @Test
  void syncAllReportsEveryConnectorAndExitsOneWhenOneFails() {
    GraphSandbox sandbox = sandbox();
    sandbox.failSyncOf(CONNECTED_ONLINE, 403);

    Run run = run(with(sandbox, "sync", "--all"));

    assertEquals(1, run.exit);
    List<String> lines = run.out.lines().toList();
    assertEquals(java.util.Set.of("requested  " + CONNECTED + "  deltaSync", "requested  " + DISCONNECTED
        + "  deltaSync", "requested  " + UNKNOWN_STATUS + "  deltaSync"), java.util.Set.copyOf(lines));
    List<String> errors = run.err.lines().toList();
    assertEquals(2, errors.size(), run.err);
    assertEquals("exchange-sync: 4 connectors: 3 requested, 1 failed", errors.get(1));
    assertTrue(errors.get(0).startsWith("failed     " + CONNECTED_ONLINE + "  403 Authorization_RequestDenied:"
        + " Injected by the sandbox"), errors.get(0));
    assertTrue(errors.get(0).contains("the token needs the permission DeviceManagementServiceConfig.ReadWrite.All"),
        errors.get(0));
  }

  @Test
  void syncWaitReportsEachConnectorWhenItHasSynced() {
    GraphSandbox sandbox = sandbox();

    Run run = run(with(sandbox, "sync", CONNECTED, CONNECTED_ONLINE, "--wait", "--poll-interval", "100ms"));

    assertEquals(0, run.exit, run.err + run.out);
    List<String> synced = run.out.lines().filter(line -> line.startsWith("synced")).toList();
    assertEquals(2, synced.size(), run.out);
    assertTrue(synced.get(0).matches("synced {5}(" + CONNECTED + "|" + CONNECTED_ONLINE + ") {2}in [\\d.]+m?s \\(last"
        + " sync \\d{4}-.* UTC\\)"), synced.get(0));
    for (DeviceManagementExchangeConnector connector : sandbox.connectors().subList(0, 2)) {
      assertTrue(connector.lastSyncDateTime().isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1)));
    }
  }

  @Test
  void syncWaitShowsLiveProgressOnATerminal() {
    GraphSandbox sandbox = sandbox(GraphSandbox.builder().syncDelay(Duration.ofMillis(600)));

    env.put("COLUMNS", "60");

    Run run = run(true, with(sandbox, "sync", CONNECTED, "--wait", "--poll-interval", "100ms"));

    assertEquals(0, run.exit, run.err);
    assertTrue(run.err.contains("\r\033[Kwaiting: 1 of 1 connector, "), run.err);
    for (String update : run.err.split("\r\033\\[K")) {
      String line = update.lines().findFirst().orElse("");
      assertTrue(line.length() < 60, "the progress line wraps in 60 columns: " + line);
    }
    assertTrue(run.err.contains("…"), "the waiting ids are cut to fit: " + run.err);
    assertFalse(run.out.contains("waiting"), "a terminal gets the live line, not plain lines: " + run.out);
    assertTrue(run.out.lines().anyMatch(line -> line.startsWith("synced     " + CONNECTED)), run.out);
  }

  @Test
  void syncWaitFailsFastForADisconnectedConnector() {
    GraphSandbox sandbox = sandbox();

    Run run = run(with(sandbox, "sync", DISCONNECTED, "--wait", "--poll-interval", "100ms"));

    assertEquals(1, run.exit);
    assertTrue(run.err.contains("failed     " + DISCONNECTED + "  the connector is disconnected, so its sync cannot"
        + " finish"), run.out);
  }

  @Test
  void syncWaitTimesOutNamingTheConnectorsStillWaiting() {
    GraphSandbox sandbox = sandbox(GraphSandbox.builder().syncDelay(Duration.ofHours(1)));

    Run run = run(with(sandbox, "sync", CONNECTED, "--wait", "--timeout", "1s", "--poll-interval", "200ms"));

    assertEquals(1, run.exit);
    assertEquals("timeout    " + CONNECTED + "  not synced after 1s\nexchange-sync: timed out after 1s waiting for 1"
        + " connector: " + CONNECTED + " (Microsoft ended support for the Exchange connector on 19 February 2024; one"
        + " that no longer syncs never finishes)\nexchange-sync: 1 connector: 1 timed out\n", run.err);
  }

  @Test
  void statusIsHealthyWhenEveryConnectorIsConnectedAndRecent() {
    OffsetDateTime recent = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
    GraphSandbox sandbox = sandbox(GraphSandbox.builder().connectors(List.of(
        connector("a", recent, DeviceManagementExchangeConnectorStatus.CONNECTED),
        connector("b", recent, DeviceManagementExchangeConnectorStatus.CONNECTED))));

    Run run = run(with(sandbox, "status"));

    assertEquals(0, run.exit, run.err);
    assertEquals("healthy: all 2 connectors are connected and synced within 1d\n", run.out);
    assertEquals(1, run(with(sandbox, "status", "--max-age", "1h")).exit);
  }

  @Test
  void statusListsEachUnhealthyConnectorWithReasons() {
    GraphSandbox sandbox = sandbox();

    Run run = run(with(sandbox, "status", "--max-age", "2h"));

    assertEquals(1, run.exit);
    assertEquals(List.of(
        "unhealthy  " + CONNECTED_ONLINE + "  last synced 3h ago, more than 2h",
        "unhealthy  " + DISCONNECTED + "  status is disconnected, not connected; last synced 9d ago, more than 2h",
        "unhealthy  " + UNKNOWN_STATUS + "  status is connectorUpgradeRequired, not connected"),
        run.out.lines().toList());
  }

  @Test
  void statusJsonCarriesTheVerdict() throws Exception {
    GraphSandbox sandbox = sandbox();

    Run run = run(with(sandbox, "status", "--json"));

    assertEquals(1, run.exit);
    Map<?, ?> verdict = new Moshi.Builder().build().adapter(Map.class).fromJson(run.out);
    assertEquals(false, verdict.get("healthy"));
    assertEquals("PT24H", verdict.get("maxAge"));
    List<?> connectors = (List<?>) verdict.get("connectors");
    assertEquals(4, connectors.size());
    assertEquals(true, ((Map<?, ?>) connectors.get(0)).get("healthy"));
    assertEquals(List.of("status is disconnected, not connected", "last synced 9d ago, more than 1d"),
        ((Map<?, ?>) connectors.get(2)).get("problems"));
  }

  @Test
  void badInputExitsTwoAndSendsNothing() {
    GraphSandbox sandbox = sandbox();

    Run badType = run(with(sandbox, "sync", CONNECTED, "--type", "bogus"));
    Run noId = run(with(sandbox, "get"));
    Run neither = run(with(sandbox, "sync"));
    Run both = run(with(sandbox, "sync", CONNECTED, "--all"));
    Run badId = run(with(sandbox, "sync", CONNECTED, ".."));
    Run badDuration = run(with(sandbox, "sync", CONNECTED, "--wait", "--timeout", "soon"));
    Run timeoutWithoutWait = run(with(sandbox, "sync", CONNECTED, "--timeout", "5m"));

    assertEquals(2, badType.exit);
    assertTrue(badType.err.startsWith("exchange-sync: Invalid value for option '--type': 'bogus' is not a sync type: expected fullSync"
        + " or deltaSync"), badType.err);
    assertEquals(2, noId.exit);
    assertTrue(noId.err.startsWith("exchange-sync: Missing required parameter: 'ID'"), noId.err);
    assertEquals(2, neither.exit);
    assertEquals("exchange-sync: give at least one connector id, or --all\nSee 'exchange-sync sync --help'.\n",
        neither.err);
    assertEquals(2, both.exit);
    assertTrue(both.err.startsWith("exchange-sync: give connector ids or --all, not both\n"), both.err);
    assertEquals("exchange-sync: connector id '..' is not an id: it is a path step\n", badId.err);
    assertEquals(2, badId.exit);
    assertTrue(badDuration.err.startsWith("exchange-sync: Invalid value for option '--timeout': 'soon' is not a duration"),
        badDuration.err);
    assertEquals(2, timeoutWithoutWait.exit);
    assertTrue(timeoutWithoutWait.err.startsWith("exchange-sync: --timeout and --poll-interval need --wait\n"), timeoutWithoutWait.err);
    assertEquals(List.of(), sandbox.requests(), "bad input reached the server");
  }

  @Test
  void unknownCommandSuggestsTheRightOne() {
    Run run = run("synk");

    assertEquals(2, run.exit);
    assertTrue(run.err.startsWith("exchange-sync: Unknown command: 'synk'\n"), run.err);
    assertTrue(run.err.contains("Did you mean exchange-sync sync?"), run.err);
  }

  @Test
  void plainHttpToAHostThatIsNotLoopbackIsRefusedBeforeSending() {
    env.put("GRAPH_ACCESS_TOKEN", "t");

    Run run = run("--graph-url", "http://graph.example.com", "list");

    assertEquals(2, run.exit);
    assertEquals("exchange-sync: Graph URL 'http://graph.example.com' uses plain http; only https is allowed, except"
        + " for loopback addresses (localhost, 127.0.0.1, ::1)\n", run.err);
  }

  @Test
  void aStaticTokenGoesToAnotherHostOnlyWhenItIsAllowed() {
    env.put("GRAPH_ACCESS_TOKEN", "t");

    Run refused = run("--graph-url", "https://graph.contoso.example", "list");
    Run userInfo = run("--graph-url", "https://:s3cr3t@graph.microsoft.com", "list");
    ExchangeSyncCli allowed = ExchangeSyncCli.parsed(Map.of("GRAPH_ACCESS_TOKEN", "t"), "--graph-url",
        "https://graph.contoso.example", "--allow-host", "localhost", "--allow-host", "graph.contoso.example", "list");

    assertEquals(2, refused.exit);
    assertEquals("exchange-sync: graph.contoso.example is not the Graph host of a Microsoft cloud (graph.microsoft.com,"
        + " graph.microsoft.us, dod-graph.microsoft.us, microsoftgraph.chinacloudapi.cn) nor loopback, and the access"
        + " token would be sent there: allow it with --allow-host if it is yours\n", refused.err);
    assertEquals(2, userInfo.exit);
    assertFalse(userInfo.err.contains("s3cr3t"), userInfo.err);
    try (ExchangeConnectorClient client = allowed.client()) {
      assertEquals("https://graph.contoso.example/v1.0/", client.baseUrl());
    }
  }

  private static DeviceManagementExchangeConnector connector(String id, String server, OffsetDateTime lastSync) {
    return new DeviceManagementExchangeConnector(id, lastSync, DeviceManagementExchangeConnectorStatus.CONNECTED,
        null, server, null, null, null, null, null);
  }

  @Test
  void everyConnectorGetsOneOutcomeWhateverIdGraphSends() {
    OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
    GraphSandbox sandbox = sandbox(GraphSandbox.builder().connectors(List.of(connector("good-1", "a", now),
        connector("..", "b", now), connector("", "c", now), connector("bad\nsynced  c2", "d", now),
        connector("x".repeat(300), "e", now), connector("good-2", "f", now))));

    Run run = run(with(sandbox, "sync", "--all"));

    assertEquals(1, run.exit, run.err);
    assertEquals(java.util.Set.of("requested  good-1  deltaSync", "requested  good-2  deltaSync"),
        java.util.Set.copyOf(run.out.lines().toList()), "printed as each finished, so in any order");
    assertEquals(6, run.out.lines().count() + run.err.lines().filter(line -> line.startsWith("failed ")).count());
    List<String> failed = run.err.lines().filter(line -> line.startsWith("failed ")).toList();
    assertEquals(4, failed.size(), run.err);
    assertTrue(failed.stream().anyMatch(line -> line.startsWith("failed     bad\\nsynced  c2  ")), run.err);
    assertTrue(failed.stream().anyMatch(line -> line.startsWith("failed     " + "x".repeat(200) + "…(100 more)  ")),
        run.err);
    assertEquals(2, sandbox.requests().stream().filter(r -> r.method().equals("POST")).count());
  }

  @Test
  void textFromTheServerCannotForgeLinesOrRunEscapesAndExtremeDatesStillRender() throws Exception {
    OffsetDateTime extreme = OffsetDateTime.parse("+999999999-12-31T23:59:59-18:00");
    GraphSandbox sandbox = sandbox(GraphSandbox.builder().connectors(List.of(
        connector("c1", "EXCH\nsynced     c2\u001b[31m\u202e\u2028", extreme))));

    Run list = run(with(sandbox, "list"));
    Run get = run(with(sandbox, "get", "c1"));
    Run status = run(with(sandbox, "status"));
    Run json = run(with(sandbox, "list", "--json"));

    assertEquals(0, list.exit, list.err);
    assertEquals(2, list.out.lines().count(), list.out);
    assertTrue(list.out.contains("EXCH\\nsynced     c2\\u001b[31m\\u202e\\u2028"), list.out);
    assertTrue(list.out.contains("+999999999-12-31T23:59:59-18:00"), list.out);
    assertEquals(0, get.exit, get.err);
    assertTrue(get.out.contains("last sync (UTC):   +999999999-12-31T23:59:59-18:00"), get.out);
    assertTrue(status.exit <= 1, status.err);
    for (Run run : List.of(list, get, status)) {
      assertFalse(run.out.contains("\u001b") || run.out.contains("\u202e") || run.err.contains("\u001b"), run.out);
    }
    assertTrue(json.out.contains("\"serverName\": \"EXCH\\nsynced     c2\\u001b[31m\u202e\\u2028\""), json.out);
  }

  @Test
  void failuresGoToStderrSoThatCronSeesThem() {
    GraphSandbox sandbox = sandbox();
    String bad = sandbox.connectors().get(0).id();
    sandbox.failSyncOf(bad, 403);

    Run run = run(with(sandbox, "sync", bad, sandbox.connectors().get(1).id()));

    assertEquals(1, run.exit);
    assertFalse(run.out.contains("failed"), run.out);
    assertTrue(run.err.contains("failed     " + bad + "  403 Authorization_RequestDenied: "), run.err);
    assertTrue(run.out.contains("requested  " + sandbox.connectors().get(1).id()), run.out);
  }

  @Test
  void durationsAndCountsOutOfRangeAreRefusedBeforeAnythingIsSent() {
    GraphSandbox sandbox = sandbox();
    String id = sandbox.connectors().get(0).id();

    for (String[] args : List.of(new String[] {"--timeout", "25h"}, new String[] {"--timeout", "999999999d"},
        new String[] {"--poll-interval", "10ms"}, new String[] {"--poll-interval", "2h"},
        new String[] {"--concurrency", "0"}, new String[] {"--timeout", "0s"})) {
      List<String> all = new ArrayList<>(List.of("sync", id, "--wait"));
      all.addAll(List.of(args));
      Run run = run(with(sandbox, all.toArray(String[]::new)));

      assertEquals(2, run.exit, String.join(" ", args) + ": " + run.err);
      assertTrue(run.err.lines().findFirst().orElse("").contains(args[1].equals("0s") ? "'0s'" : args[0]), run.err);
    }
    assertEquals(0, sandbox.requests().size(), "a request was sent");
  }

  @Test
  void timeoutBoundsTheWholeWaitEvenWhenPollsStall() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (okhttp3.mockwebserver.MockWebServer graph = new okhttp3.mockwebserver.MockWebServer()) {
      String connector = "{\"id\":\"c1\",\"lastSyncDateTime\":\"2026-11-24T08:15:30Z\",\"status\":\"connected\"}";
      graph.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
        @Override
        public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
          if (request.getMethod().equals("POST")) {
            return new okhttp3.mockwebserver.MockResponse().setResponseCode(204);
          }
          okhttp3.mockwebserver.MockResponse answer = new okhttp3.mockwebserver.MockResponse()
              .setHeader("Content-Type", "application/json").setBody(connector);
          // The first read (before the sync) answers; every poll after it stalls until the test ends.
          if (request.getSequenceNumber() > 0) {
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return answer;
        }
      });
      graph.start();
      env.put("GRAPH_ACCESS_TOKEN", "t");
      long start = System.nanoTime();

      Run run = run("--graph-url", graph.url("/").toString(), "sync", "c1", "--wait", "--timeout", "2s",
          "--poll-interval", "100ms");

      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertEquals(1, run.exit, run.err);
      assertTrue(seconds < 10, "the wait took " + seconds + " s for a timeout of 2 s");
      assertTrue(run.err.startsWith("timeout    c1  not synced after 2s\n"), run.err);
      release.countDown(); // before the server closes, which waits for its answers
    } finally {
      release.countDown();
    }
  }

  @Test
  void aRunStoppedBySigtermHasShownWhatItSentAndSaysWhatIsUnknown() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (okhttp3.mockwebserver.MockWebServer graph = new okhttp3.mockwebserver.MockWebServer()) {
      graph.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
        @Override
        public okhttp3.mockwebserver.MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
          okhttp3.mockwebserver.MockResponse answer = new okhttp3.mockwebserver.MockResponse();
          if (request.getMethod().equals("GET")) {
            return answer.setHeader("Content-Type", "application/json")
                .setBody("{\"value\":[{\"id\":\"c1\"},{\"id\":\"c2\"}]}");
          }
          answer.setResponseCode(204);
          if (request.getPath().contains("/c2/")) {
            try {
              release.await(60, TimeUnit.SECONDS); // c2's sync gets no answer until the test ends
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return answer;
        }
      });
      graph.start();
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
          ExchangeSyncCli.class.getName(), "--graph-url", graph.url("/").toString(), "sync", "--all",
          "--concurrency", "2");
      builder.environment().put("GRAPH_ACCESS_TOKEN", "t");
      builder.environment().put("HOME", temp.toString());
      Path errFile = temp.resolve("sigterm-err.txt");
      builder.redirectError(errFile.toFile());
      Process process = builder.start();
      java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));

      assertEquals("requested  c1  deltaSync", out.readLine(), "c1's outcome was not shown as it came");
      process.destroy(); // SIGTERM

      assertTrue(process.waitFor(20, TimeUnit.SECONDS));
      String err = java.nio.file.Files.readString(errFile);
      assertEquals(143, process.exitValue(), err);
      assertEquals("unknown    c2  no answer to its sync request yet\nexchange-sync: stopped before 1 connector had an"
          + " outcome\n", err);
      release.countDown(); // before the server closes, which waits for its answers
    } finally {
      release.countDown();
    }
  }

  @Test
  void verboseInAGroupOfFlagsLogsEachExchangeWithTheTokenRedacted() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        ExchangeSyncCli.class.getName(), "--sandbox", "-qv", "list");
    builder.environment().put("HOME", temp.toString());
    Path errFile = temp.resolve("verbose-err.txt");
    builder.redirectError(errFile.toFile());
    Process process = builder.start();

    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    String err = java.nio.file.Files.readString(errFile);
    assertEquals(0, process.exitValue(), err);
    assertEquals("", out, "-q prints nothing on stdout");
    assertTrue(err.contains("--> GET http://127.0.0.1:"), err);
    assertTrue(err.contains("<-- 200 "), err);
    assertFalse(err.contains(GraphSandbox.DEFAULT_TOKEN), "the token was logged: " + err);
  }

  @Test
  void theEnvironmentsProxyCarriesTheCallsWithItsCredentialsUnlessNoProxySaysOtherwise() throws Exception {
    try (okhttp3.mockwebserver.MockWebServer proxy = new okhttp3.mockwebserver.MockWebServer();
        okhttp3.mockwebserver.MockWebServer graph = new okhttp3.mockwebserver.MockWebServer()) {
      proxy.enqueue(new okhttp3.mockwebserver.MockResponse().setResponseCode(407)
          .setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
      proxy.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/json")
          .setBody("{\"value\":[]}"));
      graph.enqueue(new okhttp3.mockwebserver.MockResponse().setHeader("Content-Type", "application/json")
          .setBody("{\"value\":[]}"));
      proxy.start();
      graph.start();
      env.put("GRAPH_ACCESS_TOKEN", "t");
      env.put("http_proxy", "http://ops:s3cr%40t@127.0.0.1:" + proxy.getPort());

      Run viaProxy = run("--graph-url", "http://localhost:" + graph.getPort(), "list");
      env.put("NO_PROXY", "example.com, 127.0.0.1");
      Run direct = run("--graph-url", "http://127.0.0.1:" + graph.getPort(), "list");
      env.put("HTTPS_PROXY", "ftp://ops:s3cret@proxy");
      Run bad = run("--graph-url", "http://127.0.0.1:" + graph.getPort(), "list");

      assertEquals(0, viaProxy.exit, viaProxy.err);
      assertEquals(2, proxy.getRequestCount());
      proxy.takeRequest();
      assertEquals(okhttp3.Credentials.basic("ops", "s3cr@t"), proxy.takeRequest().getHeader("Proxy-Authorization"));
      assertEquals(0, direct.exit, direct.err);
      assertEquals(1, graph.getRequestCount(), "NO_PROXY did not send the call direct");
      assertEquals(2, bad.exit);
      assertEquals("exchange-sync: HTTPS_PROXY is not an http proxy URL (e.g. http://proxy.contoso.com:3128)\n",
          bad.err);
    }
  }

  @Test
  void rejectedTokenExitsThree() {
    GraphSandbox sandbox = sandbox();
    env.put("GRAPH_ACCESS_TOKEN", "not-the-sandbox-token");

    Run run = run(with(sandbox, "list"));

    assertEquals(3, run.exit);
    assertTrue(run.err.startsWith("exchange-sync: 401 InvalidAuthenticationToken: Access token validation failure."),
        run.err);
    assertFalse(run.err.contains("not-the-sandbox-token"));
  }

  @Test
  void aSignInServiceThatCannotBeReachedExitsOneNotThree() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    env.put("HTTPS_PROXY", "http://127.0.0.1:" + closedPort); // every sign-in request is refused at once
    env.put("APP_SECRET", "s3cret-value");

    Run run = run("--tenant", "contoso.onmicrosoft.com", "--client-id", "11111111-2222-3333-4444-555555555555",
        "--auth", "client-secret", "--client-secret-env", "APP_SECRET", "list");

    assertEquals(1, run.exit, run.err);
    assertTrue(run.err.startsWith("exchange-sync: cannot reach the sign-in service login.microsoftonline.com: "),
        run.err);
    assertFalse(run.err.contains("s3cret-value"));
  }

  @Test
  void everyCommandInTheReadmeParsesAsWritten() throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("README.md"));
    java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```sh\n(.*?)```", java.util.regex.Pattern.DOTALL)
        .matcher(readme);
    int commands = 0;
    while (blocks.find()) {
      for (String line : blocks.group(1).replace("\\\n", " ").lines().toList()) {
        String code = line.replaceAll("#.*", "");
        int at = code.indexOf("target/exchange-sync ");
        if (at < 0) {
          continue;
        }
        String command = code.substring(at + "target/exchange-sync ".length()).split(";|&&|\\|")[0].strip()
            .replaceFirst("\\s+>\\s*[\\w./~$-]+$", ""); // an intended redirection of the output to a file
        assertFalse(command.contains("<") || command.contains(">"), "a shell would read this as a redirection: "
            + line);
        String[] args = command.split("\\s+");
        assertDoesNotThrow(() -> ExchangeSyncCli.parse(args), line);
        commands++;
      }
    }
    assertTrue(commands >= 7, "found only " + commands + " commands in the README");
  }

  @Test
  void missingCredentialsExitThree() {
    Run run = run("list");

    assertEquals(3, run.exit);
    assertEquals("exchange-sync: no credentials: set GRAPH_ACCESS_TOKEN to a Graph access token, or sign in with"
        + " --tenant and --client-id (see --help), or try the tool offline with --sandbox\n", run.err);
  }

  @Test
  void serverErrorExitsOne() {
    GraphSandbox sandbox = sandbox();
    sandbox.failNext(1, 500);

    Run run = run(with(sandbox, "status"));

    assertEquals(1, run.exit);
    assertTrue(run.err.startsWith("exchange-sync: 500 InternalServerError: Injected by the sandbox. (request-id: "),
        run.err);
  }

  @Test
  void throttlingIsRiddenOutTransparently() {
    GraphSandbox sandbox = sandbox();
    sandbox.throttleNext(1, Duration.ZERO);

    Run run = run(with(sandbox, "get", CONNECTED));

    assertEquals(0, run.exit, run.err);
    assertEquals(2, sandbox.requests().size());
  }

  @Test
  void embeddedSandboxRunsTheWholeFlowWithoutCredentials() {
    Run run = run("--sandbox", "sync", "--all", "--wait");

    assertEquals(1, run.exit, "the sandbox's disconnected connector cannot finish its sync");
    List<String> lines = run.out.lines().toList();
    assertEquals(4, lines.stream().filter(line -> line.startsWith("requested")).count(), run.out);
    assertEquals(3, lines.stream().filter(line -> line.startsWith("synced")).count(), run.out);
    assertTrue(run.err.lines().anyMatch(line -> line.equals("failed     " + DISCONNECTED
        + "  the connector is disconnected, so its sync cannot finish")), run.err);
    assertTrue(run.err.endsWith("exchange-sync: 4 connectors: 3 synced, 1 failed\n"), run.err);
    assertEquals(0, run("--sandbox", "get", CONNECTED).exit);
  }

  @Test
  void theReadmeFirstCommandSkipsTheDisconnectedConnectorAndEndsWithExitZero() {
    Run run = run("--sandbox", "sync", "--all", "--skip-disconnected", "--wait");

    assertEquals(0, run.exit, run.err);
    assertEquals("", run.err);
    List<String> lines = run.out.lines().toList();
    assertEquals("skipped    " + DISCONNECTED + "  not requested: the connector is disconnected, so a sync could not"
        + " finish",
        lines.get(0), run.out);
    assertEquals(3, lines.stream().filter(line -> line.startsWith("requested")).count(), run.out);
    assertEquals(3, lines.stream().filter(line -> line.startsWith("synced")).count(), run.out);
    assertEquals("exchange-sync: 4 connectors: 3 synced, 1 skipped", lines.get(lines.size() - 1));
  }

  @Test
  void skipDisconnectedNeedsAll() {
    Run run = run("--sandbox", "sync", DISCONNECTED, "--skip-disconnected");

    assertEquals(2, run.exit);
    assertTrue(run.err.startsWith("exchange-sync: --skip-disconnected needs --all: connectors given by id are always synced"),
        run.err);
    assertEquals("", run.out);
  }

  @Test
  void helpAndVersionWorkEverywhere() {
    Run version = run("--version");
    assertEquals(0, version.exit);
    assertEquals("exchange-sync " + ExchangeConnectorClient.VERSION + "\n", version.out);
    for (String command : new String[] {"list", "get", "sync", "status", "login", "logout"}) {
      Run help = run(command, "--help");
      assertEquals(0, help.exit, command);
      assertTrue(help.out.startsWith("Usage: exchange-sync " + command), help.out);
      Run commandVersion = run(command, "--version");
      assertEquals(0, commandVersion.exit, command);
      assertEquals("exchange-sync " + ExchangeConnectorClient.VERSION + "\n", commandVersion.out, command);
    }
    Run top = run("--help");
    assertTrue(top.out.contains("Exit codes: 0 success, 1 Graph or network failure"), top.out);
    Run completion = run("generate-completion");
    assertEquals(0, completion.exit);
    assertTrue(completion.out.contains("complete -F"), completion.out.substring(0, 200));
  }

  @Test
  void completionOffersExactlyTheValuesAcceptedAndValuesAreReadInAnyCase() {
    Run completion = run("generate-completion");

    for (String offered : new String[] {"(\"global\" \"usgov\" \"usgov-dod\" \"china\")", "(\"v1.0\" \"beta\")",
        "(\"device-code\" \"browser\" \"client-secret\" \"client-certificate\" \"workload-identity\""
            + " \"managed-identity\")", "(\"fullSync\" \"deltaSync\")",
        "(\"table\" \"json\" \"tsv\" \"none\" \"nagios\" \"prometheus\")"}) {
      assertTrue(completion.out.contains(offered), "completion does not offer " + offered);
    }
    for (String constant : new String[] {"US_GOV", "V1_0", "CLIENT_SECRET", "DEVICE_CODE", "FULL_SYNC"}) {
      assertFalse(completion.out.contains(constant), "completion offers " + constant + ", which is refused");
    }
    GraphSandbox sandbox = sandbox();
    Run upper = run(with(sandbox, "--api-version", "V1.0", "--cloud", "GLOBAL", "sync", CONNECTED, "--type",
        "FULLSYNC"));
    assertEquals(0, upper.exit, upper.err);
    assertEquals("{\"syncType\":\"fullSync\"}", sandbox.requests().get(0).body());
    Run wrong = run(with(sandbox, "sync", CONNECTED, "--type", "partial"));
    assertEquals(2, wrong.exit);
    assertTrue(wrong.err.contains("'partial' is not a sync type: expected fullSync or deltaSync"), wrong.err);
  }

  @Test
  void loginCachesTheSignInSoLaterRunsNeedNoPrompt() throws Exception {
    try (IdentityServer identity = new IdentityServer()) {
      identityClient = identity.routedClient();
      String clientId = UUID.randomUUID().toString();
      Path cache = temp.resolve("cache.json");
      String[] signIn = {"--tenant", "contoso.onmicrosoft.com", "--client-id", clientId, "--token-cache", cache.toString()};

      Run login = run(true, concat(signIn, "login"));

      assertEquals(0, login.exit, login.err);
      assertTrue(login.err.contains("enter the code ABCD-EFGH"), login.err);
      assertTrue(login.out.startsWith("Signed in as " + IdentityServer.USER + ". Tokens are cached in " + cache
          + ", readable by its owner only ("), login.out);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));

      GraphSandbox sandbox = sandbox(GraphSandbox.builder().token("user-at-1"));
      env.remove("GRAPH_ACCESS_TOKEN");
      Run list = run(false, concat(concat(signIn, "--graph-url", sandbox.graphUrl()), "list"));
      assertEquals(0, list.exit, list.err);
      assertEquals("", list.err, "a later run prompted for sign-in");

      Run logout = run(concat(signIn, "logout"));
      assertEquals("Signed out " + IdentityServer.USER + ".\n", logout.out);
      Run after = run(false, concat(concat(signIn, "--graph-url", sandbox.graphUrl()), "list"));
      assertEquals(3, after.exit);
      assertEquals("exchange-sync: not signed in: the token cache holds no account; sign in first (exchange-sync"
          + " login)\n", after.err);
    }
  }

  @Test
  void clientSecretComesFromAnEnvironmentVariableOrFile() throws Exception {
    try (IdentityServer identity = new IdentityServer()) {
      identityClient = identity.routedClient();
      GraphSandbox sandbox = sandbox(GraphSandbox.builder().token("app-at-1"));
      env.remove("GRAPH_ACCESS_TOKEN");
      String clientId = UUID.randomUUID().toString();
      env.put("APP_SECRET", IdentityServer.SECRET);

      Run fromEnv = run(with(sandbox, "--auth", "client-secret", "--tenant", "contoso.onmicrosoft.com", "--client-id",
          clientId, "--client-secret-env", "APP_SECRET", "get", CONNECTED));
      assertEquals(0, fromEnv.exit, fromEnv.err);

      Path file = temp.resolve("secret.txt");
      Files.writeString(file, IdentityServer.SECRET + "\n");
      sandbox(GraphSandbox.builder().token("app-at-2"));
      GraphSandbox second = sandboxes.get(1);
      env.remove("GRAPH_ACCESS_TOKEN");
      Run fromFile = run(with(second, "--tenant", "contoso.onmicrosoft.com", "--client-id", clientId,
          "--client-secret-file", file.toString(), "get", CONNECTED));
      assertEquals(0, fromFile.exit, fromFile.err);

      Run unset = run(with(sandbox, "--auth", "client-secret", "--tenant", "t.example", "--client-id", clientId,
          "--client-secret-env", "NOT_SET", "list"));
      assertEquals(2, unset.exit);
      assertEquals("exchange-sync: --client-secret-env names NOT_SET, which is not set or empty\n", unset.err);
      Run noTenant = run(with(sandbox, "--client-id", clientId, "--client-secret-env", "APP_SECRET", "list"));
      assertEquals("exchange-sync: --tenant is required for --auth client-secret (or set AZURE_TENANT_ID)\n",
          noTenant.err);
    }
  }

  private static String[] concat(String[] first, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  private static DeviceManagementExchangeConnector connector(String id, OffsetDateTime lastSync,
      DeviceManagementExchangeConnectorStatus status) {
    return new DeviceManagementExchangeConnector(id, lastSync, status, null, "server-" + id, null,
        DeviceManagementExchangeConnectorType.HOSTED, null, null, null);
  }
}
