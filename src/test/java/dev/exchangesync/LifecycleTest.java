package dev.exchangesync;

import static dev.exchangesync.Fixtures.CONNECTOR_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import dev.exchangesync.internal.http.Sleeper;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** close() ends the client's work at once: calls in flight and their waits, later calls, its threads. */
final class LifecycleTest {
  private static final DeviceManagementExchangeConnectorSyncType DELTA =
      DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  private static MockResponse throttledForAMinute() {
    return Fixtures.graphError(429, "TooManyRequests", "slow down").setHeader("Retry-After", "60");
  }

  @Test
  void closeCancelsCallsWaitingToRetryAndLaterCallsAreRefused() throws Exception {
    server.enqueue(throttledForAMinute());
    server.enqueue(throttledForAMinute());
    ExchangeConnectorClient client = Fixtures.client(server).sleeper(Sleeper.SYSTEM).build(); // waits of a minute
    CompletableFuture<Throwable> blocking = CompletableFuture.supplyAsync(() -> {
      try {
        client.sync(CONNECTOR_ID, DELTA);
        return null;
      } catch (Throwable e) {
        return e;
      }
    });
    CompletableFuture<Void> async = client.syncAsync(CONNECTOR_ID, DELTA);
    assertTrue(server.takeRequest(5, TimeUnit.SECONDS) != null && server.takeRequest(5, TimeUnit.SECONDS) != null,
        "both calls reached the server");
    Thread.sleep(100); // both now wait to retry

    long start = System.nanoTime();
    client.close();

    Throwable blocked = blocking.get(5, TimeUnit.SECONDS);
    ExecutionException failed = assertThrows(ExecutionException.class, () -> async.get(5, TimeUnit.SECONDS));
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000, "the waits did not end at once");
    assertInstanceOf(NetworkException.class, blocked);
    assertInstanceOf(NetworkException.class, failed.getCause());
    assertEquals("the client is closed",
        assertThrows(IllegalStateException.class, () -> client.sync(CONNECTOR_ID, DELTA)).getMessage());
    assertThrows(IllegalStateException.class, () -> client.listAsync());
    client.close(); // again: nothing more
    assertEquals(2, server.getRequestCount(), "a canceled call was sent again");
    assertTrue(waitUntilNoThreadRunsInsideTheClient(), "a thread outlived close()");
  }

  @Test
  void listingStopsAtItsBoundWhenGraphPagesWithoutEnd() throws Exception {
    StringBuilder page = new StringBuilder("{\"value\":[");
    for (int i = 0; i < 2500; i++) {
      page.append(i == 0 ? "" : ",").append(Fixtures.connectorJson("c" + i, "connected"));
    }
    String values = page.toString();
    server.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
      @Override
      public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
        String next = server.url("/v1.0/deviceManagement/exchangeConnectors?page=" + request.getSequenceNumber())
            .toString();
        return Fixtures.json(200, values + "],\"@odata.nextLink\":\"" + next + "\"}");
      }
    });
    try (ExchangeConnectorClient client = Fixtures.client(server).build()) {
      InvalidResponseException sync = assertThrows(InvalidResponseException.class, client::list);
      ExecutionException async = assertThrows(ExecutionException.class,
          () -> client.listAsync().get(30, TimeUnit.SECONDS));

      assertEquals("Graph listed more than 10000 Exchange connectors; a tenant has a handful, so the listing was"
          + " stopped there", sync.getMessage());
      assertEquals(sync.getMessage(), async.getCause().getMessage());
      assertEquals(10, server.getRequestCount(), "it read on past the bound");
    }
  }

  /** Whether, within a few seconds, no thread is left retrying, waiting or sweeping for an exchange-sync call. */
  private static boolean waitUntilNoThreadRunsInsideTheClient() throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      boolean busy = Thread.getAllStackTraces().entrySet().stream().anyMatch(thread -> thread.getKey().isAlive()
          && java.util.Arrays.stream(thread.getValue()).anyMatch(frame ->
              frame.getClassName().startsWith("dev.exchangesync.internal.http.RetryInterceptor")
              || frame.getClassName().startsWith("dev.exchangesync.internal.http.Sleeper")));
      if (!busy) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
