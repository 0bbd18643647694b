package dev.exchangesync;

import static dev.exchangesync.Fixtures.CONNECTOR_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Async calls waiting to retry hold no thread and no dispatcher slot; their deadline starts when enqueued. */
final class AsyncRetryTest {
  private static final DeviceManagementExchangeConnectorSyncType DELTA =
      DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;

  private final MockWebServer server = new MockWebServer();
  private final Dispatcher dispatcher = new Dispatcher();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    dispatcher.setMaxRequestsPerHost(1); // one slot: a wait holding it would stall every other call
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
    dispatcher.executorService().shutdown();
  }

  @Test
  void aCallWaitingToRetryHoldsNoDispatcherSlot() throws Exception {
    server.enqueue(Fixtures.graphError(429, "TooManyRequests", "slow down").setHeader("Retry-After", "1"));
    server.enqueue(new MockResponse().setResponseCode(204)); // the second call
    server.enqueue(new MockResponse().setResponseCode(204)); // the first call's retry
    try (ExchangeConnectorClient client = Fixtures.client(server)
        .httpClient(new OkHttpClient.Builder().dispatcher(dispatcher).build()).build()) {
      CompletableFuture<Void> throttled = client.syncAsync(CONNECTOR_ID, DELTA);
      assertTrue(server.takeRequest(5, TimeUnit.SECONDS) != null);

      CompletableFuture<Void> other = client.syncAsync("other", DELTA);
      other.get(900, TimeUnit.MILLISECONDS); // done while the first waits its second

      // The other call's slot is freed just after its future completes (OkHttp counts a call until its callback
      // returns): look again for a moment, well inside the first call's one-second wait.
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      while (dispatcher.runningCallsCount() > 0 && System.nanoTime() < end) {
        Thread.sleep(1);
      }
      assertEquals(0, dispatcher.runningCallsCount(), "a call holds a dispatcher slot while it waits");
      assertFalse(throttled.isDone(), "the first call did not wait");
      throttled.get(5, TimeUnit.SECONDS);
      assertEquals(3, server.getRequestCount());
      assertEquals(0, client.trackedCalls(), "a retried call's state was not forgotten");
    }
  }

  @Test
  void timeQueuedForADispatcherSlotCountsAgainstTheCallTimeout() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204).setHeadersDelay(3, TimeUnit.SECONDS));
    server.enqueue(new MockResponse().setResponseCode(204));
    try (ExchangeConnectorClient client = Fixtures.client(server)
        .httpClient(new OkHttpClient.Builder().dispatcher(dispatcher).build())
        .retryBudget(Duration.ofMillis(500)).callTimeout(Duration.ofMillis(1500)).maxAttempts(1).build()) {
      long start = System.nanoTime();
      CompletableFuture<Void> first = client.syncAsync(CONNECTOR_ID, DELTA);
      CompletableFuture<Void> queued = client.syncAsync("queued", DELTA); // waits for the only slot

      ExecutionException e = assertThrows(ExecutionException.class, () -> queued.get(10, TimeUnit.SECONDS));

      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertInstanceOf(NetworkException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("the call timeout ran out"), e.getCause().getMessage());
      assertTrue(millis < 2800, "the queued call had its own 1.5 s after the first: " + millis + " ms");
      assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aRetryWaitPastTheCallTimeoutEndsAtTheTimeout() throws Exception {
    server.enqueue(Fixtures.graphError(503, "ServiceUnavailable", "busy").setHeader("Retry-After", "1")
        .setHeadersDelay(1000, TimeUnit.MILLISECONDS)); // 1 s + 1 s to wait: past the 1.3 s timeout
    server.enqueue(new MockResponse().setResponseCode(204)); // never asked for: the timeout comes first
    try (ExchangeConnectorClient client = Fixtures.client(server)
        .httpClient(new OkHttpClient.Builder().dispatcher(dispatcher).build())
        .retryBudget(Duration.ofSeconds(1)).callTimeout(Duration.ofMillis(1300)).build()) {
      long start = System.nanoTime();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> client.syncAsync(CONNECTOR_ID, DELTA).get(10, TimeUnit.SECONDS));

      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertInstanceOf(NetworkException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("the call timeout ran out"), e.getCause().getMessage());
      assertTrue(millis < 1800, "the call waited out the whole Retry-After: " + millis + " ms");
      assertEquals(1, server.getRequestCount());
    }
  }

  @Test
  void cancelingAFutureWaitingToRetrySendsNothingMore() throws Exception {
    server.enqueue(Fixtures.graphError(429, "TooManyRequests", "slow down").setHeader("Retry-After", "1"));
    server.enqueue(new MockResponse().setResponseCode(204)); // must never be asked for
    try (ExchangeConnectorClient client = Fixtures.client(server)
        .httpClient(new OkHttpClient.Builder().dispatcher(dispatcher).build()).build()) {
      CompletableFuture<Void> throttled = client.syncAsync(CONNECTOR_ID, DELTA);
      assertTrue(server.takeRequest(5, TimeUnit.SECONDS) != null);
      Thread.sleep(100); // now waiting to retry

      assertTrue(throttled.cancel(true));

      Thread.sleep(1500); // past the Retry-After
      assertEquals(1, server.getRequestCount(), "the canceled call was sent again");
      assertEquals(0, client.trackedCalls(), "the canceled call's state was not forgotten");
    }
  }
}
