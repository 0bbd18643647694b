package dev.exchangesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import dev.exchangesync.sandbox.GraphSandbox;
import dev.exchangesync.sandbox.SandboxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sync-and-wait against the sandbox in virtual time: the sandbox and the client share a clock that the poll
 * scheduler moves forward instead of sleeping, so a ten-minute wait takes milliseconds.
 */
class StartedSyncTest {
  private static final DeviceManagementExchangeConnectorSyncType DELTA = DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;
  private static final String CONNECTED = "0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01";
  private static final String DISCONNECTED = "7b2c9e1d-6a4f-4e8b-8c3d-5e0f2a1b9c03";

  private final VirtualTime time = new VirtualTime(Instant.parse("2026-11-25T08:00:00Z"));
  private final GraphSandbox sandbox = GraphSandbox.builder().clock(time).syncDelay(Duration.ofMinutes(2)).start();
  private final ExchangeConnectorClient client = ExchangeConnectorClient.builder()
      .tokenSource(TokenSource.of(sandbox.token()))
      .graphUrl(sandbox.graphUrl())
      .clock(time)
      .pollScheduler(time)
      .pollInterval(Duration.ofSeconds(5))
      .build();

  @AfterEach
  void close() {
    client.close();
    sandbox.close();
    time.close();
  }

  @Test
  void aWaitEndsSyncedWhenLastSyncDateTimeMovesPastItsValueBeforeTheRequest() throws Exception {
    OffsetDateTime before = client.get(CONNECTED).lastSyncDateTime();
    sandbox.clearRequests();

    StartedSync started = client.startSync(CONNECTED, DELTA);
    SyncResult result = started.await(Duration.ofMinutes(10));

    assertEquals(SyncResult.Outcome.SYNCED, result.outcome());
    assertTrue(result.synced());
    assertEquals(before, started.before());
    assertEquals(before, result.before());
    assertEquals(Instant.parse("2026-11-25T08:00:00Z"), result.requestedAt());
    assertEquals(OffsetDateTime.parse("2026-11-25T08:02:00Z"), result.after());
    assertEquals(Duration.ofMinutes(2), result.elapsed()); // reads every 5 s of virtual time
    assertEquals(result.after(), result.connector().lastSyncDateTime());
    List<String> methods = sandbox.requests().stream().map(SandboxRequest::method).toList();
    assertEquals(List.of("GET", "POST"), methods.subList(0, 2)); // the value before, then the request
    assertEquals(1 + 24, methods.subList(2, methods.size()).size()); // at 0 s, 5 s, ... 120 s
    assertEquals(0, client.trackedCalls());
  }

  @Test
  void theFutureGivesTheSameResultWithoutBlocking() throws Exception {
    StartedSync started = client.startSync(CONNECTED, DeviceManagementExchangeConnectorSyncType.FULL_SYNC);

    CompletableFuture<SyncResult> completion = started.completion(Duration.ofMinutes(10));

    SyncResult result = completion.get(10, TimeUnit.SECONDS);
    assertEquals(SyncResult.Outcome.SYNCED, result.outcome());
    assertEquals("{\"syncType\":\"fullSync\"}", sandbox.requests().stream()
        .filter(request -> request.method().equals("POST")).findFirst().orElseThrow().body());
  }

  @Test
  void aConnectorReadFromTheListIsNotReadAgainBeforeItsSync() throws Exception {
    DeviceManagementExchangeConnector listed = client.list().get(0);
    sandbox.clearRequests();

    StartedSync started = client.startSync(listed, DELTA);

    assertEquals(List.of("POST"), sandbox.requests().stream().map(SandboxRequest::method).toList());
    assertEquals(listed.lastSyncDateTime(), started.before());
    assertTrue(started.await(Duration.ofMinutes(5)).synced());
  }

  @Test
  void aDisconnectedConnectorEndsTheWaitAtOnce() throws Exception {
    SyncResult result = client.startSync(DISCONNECTED, DELTA).await(Duration.ofMinutes(10));

    assertEquals(SyncResult.Outcome.DISCONNECTED, result.outcome());
    assertEquals(result.before(), result.after());
    assertEquals(Duration.ZERO, result.elapsed());
    assertEquals(DeviceManagementExchangeConnectorStatus.DISCONNECTED, result.connector().status());
  }

  @Test
  void theDeadlineEndsTheWaitTimedOutWithTheLastValueRead() throws Exception {
    StartedSync started = client.startSync(CONNECTED, DELTA);
    sandbox.clearRequests();

    SyncResult result = started.await(Duration.ofMinutes(1)); // the sync takes two

    assertEquals(SyncResult.Outcome.TIMED_OUT, result.outcome());
    assertFalse(result.synced());
    assertEquals(started.before(), result.after());
    assertTrue(result.elapsed().compareTo(Duration.ofMinutes(1)) <= 0, result.elapsed().toString());
    assertEquals(12, sandbox.requests().size()); // at 0 s ... 55 s; a read at 60 s would be too late
  }

  @Test
  void aFailedReadEndsTheWaitWithItsGraphException() throws Exception {
    StartedSync started = client.startSync(CONNECTED, DELTA);
    sandbox.failNext(1, 404);

    NotFoundException failure = assertThrows(NotFoundException.class, () -> started.await(Duration.ofMinutes(10)));

    assertTrue(failure.getMessage().contains("404"), failure.getMessage());
    ExecutionException async = assertThrows(ExecutionException.class, () -> {
      sandbox.failNext(1, 403);
      started.completion(Duration.ofMinutes(10)).get(10, TimeUnit.SECONDS);
    });
    assertInstanceOf(AuthorizationException.class, async.getCause());
  }

  @Test
  void theSkewAllowanceCountsASyncThatEndedShortlyBeforeTheRequestByThisMachinesClock() {
    Instant requestedAt = Instant.parse("2026-11-25T08:00:00Z");
    OffsetDateTime before = OffsetDateTime.parse("2026-11-25T06:00:00Z");
    StartedSync started = new StartedSync(client, CONNECTED, before, requestedAt);

    assertTrue(started.finishedBy(connectorLastSynced(OffsetDateTime.parse("2026-11-25T07:56:00Z"))));
    assertTrue(started.finishedBy(connectorLastSynced(OffsetDateTime.parse("2026-11-25T07:55:00Z"))));
    assertFalse(started.finishedBy(connectorLastSynced(OffsetDateTime.parse("2026-11-25T07:54:59Z"))));
    assertFalse(started.finishedBy(connectorLastSynced(before)));
    assertFalse(started.finishedBy(connectorLastSynced(null)));
    StartedSync never = new StartedSync(client, CONNECTED, null, requestedAt);
    assertTrue(never.finishedBy(connectorLastSynced(OffsetDateTime.parse("2026-11-25T09:00:00+01:00"))));
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingIsSent() {
    sandbox.clearRequests();

    assertThrows(IllegalArgumentException.class, () -> client.startSync("..", DELTA));
    assertThrows(IllegalArgumentException.class,
        () -> client.startSync(CONNECTED, DeviceManagementExchangeConnectorSyncType.of("halfSync")));
    StartedSync started = new StartedSync(client, CONNECTED, null, Instant.EPOCH);
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> started.await(Duration.ZERO));
    assertTrue(zero.getMessage().contains("timeout"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> started.completion(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> ExchangeConnectorClient.builder().pollInterval(Duration.ZERO));
    assertEquals(List.of(), sandbox.requests());
  }

  @Test
  void aReadStillUnderWayAtTheDeadlineIsCanceledAndTheWaitEndsTimedOut() throws Exception {
    try (MockWebServer server = new MockWebServer();
        ExchangeConnectorClient real = Fixtures.client(server).build()) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      StartedSync started = new StartedSync(real, CONNECTED, null, Instant.now());

      SyncResult result = started.await(Duration.ofMillis(300));

      assertEquals(SyncResult.Outcome.TIMED_OUT, result.outcome());
      assertNull(result.connector());
      assertNull(result.after());
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (real.trackedCalls() > 0 && System.nanoTime() < end) {
        Thread.sleep(5); // the canceled read's callback forgets its state
      }
      assertEquals(0, real.trackedCalls());
    }
  }

  @Test
  void closingTheClientFailsAWaitAndStopsItsReads() throws Exception {
    ExchangeConnectorClient slow = realTimeClient(Duration.ofHours(1));
    StartedSync started = slow.startSync(CONNECTED, DELTA);
    sandbox.clearRequests();
    CompletableFuture<SyncResult> completion = started.completion(Duration.ofHours(2));
    awaitRequests(1);

    slow.close();

    ExecutionException failure = assertThrows(ExecutionException.class, () -> completion.get(10, TimeUnit.SECONDS));
    assertInstanceOf(NetworkException.class, failure.getCause());
    assertTrue(failure.getCause().getMessage().contains("closed"), failure.getCause().getMessage());
    assertThrows(IllegalStateException.class, () -> started.completion(Duration.ofMinutes(1)));
    assertEquals(1, sandbox.requests().size());
  }

  @Test
  void cancelingTheFutureStopsTheReads() throws Exception {
    ExchangeConnectorClient slow = realTimeClient(Duration.ofMillis(200));
    try (slow) {
      StartedSync started = slow.startSync(CONNECTED, DELTA);
      sandbox.clearRequests();
      CompletableFuture<SyncResult> completion = started.completion(Duration.ofHours(2));
      awaitRequests(1);

      assertTrue(completion.cancel(true));
      int reads = sandbox.requests().size();
      Thread.sleep(600); // three poll intervals: no read may come
      assertEquals(reads, sandbox.requests().size());
    }
  }

  /** A client of the sandbox on the real clock and scheduler. */
  private ExchangeConnectorClient realTimeClient(Duration pollInterval) {
    return ExchangeConnectorClient.builder()
        .tokenSource(TokenSource.of(sandbox.token()))
        .graphUrl(sandbox.graphUrl())
        .pollInterval(pollInterval)
        .build();
  }

  private void awaitRequests(int count) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sandbox.requests().size() < count && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertEquals(count, sandbox.requests().size());
  }

  private static DeviceManagementExchangeConnector connectorLastSynced(OffsetDateTime last) {
    return new DeviceManagementExchangeConnector(CONNECTED, last, DeviceManagementExchangeConnectorStatus.CONNECTED,
        null, null, null, null, null, null, null);
  }

  /** A clock that the poll scheduler moves forward by each delay, running the task at once on its own thread. */
  static final class VirtualTime extends Clock implements SyncWait.Scheduler, AutoCloseable {
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final AtomicInteger scheduled = new AtomicInteger();
    private volatile Instant now;

    VirtualTime(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, Duration delay) {
      scheduled.incrementAndGet();
      now = now.plus(delay);
      return runner.submit(task);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      runner.shutdownNow();
    }
  }
}
