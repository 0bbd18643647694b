package dev.exchangesync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/** Debug logs show each exchange and retry, and never the token (surefire sends them to a file). */
final class LoggingTest {
  private static final Path LOG = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-debug.log"));

  @Test
  void logsReachAnSlf4j2Backend() throws Exception {
    // Applications on SLF4J 2 (Spring Boot 3, Logback 1.3+) bind through a service provider, which the 1.7 API
    // does not look for: with our 1.7 dependency winning Maven's mediation, every log went silent.
    Class<?> provider = Class.forName("org.slf4j.spi.SLF4JServiceProvider"); // absent from the 1.7 API
    assertTrue(provider.isInterface());
    assertFalse(org.slf4j.LoggerFactory.getILoggerFactory() instanceof org.slf4j.helpers.NOPLoggerFactory,
        "no SLF4J backend was found: logs go nowhere");
    String marker = "slf4j2-" + UUID.randomUUID();
    org.slf4j.LoggerFactory.getLogger(LoggingTest.class).atDebug().log(marker); // the SLF4J 2 fluent API
    assertTrue(Files.readString(LOG).contains(marker), "the debug line did not reach the backend");
  }

  @Test
  void debugLogsShowRetriesAndRedactTheToken() throws Exception {
    String token = "tok-" + UUID.randomUUID();
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(Fixtures.graphError(429, "TooManyRequests", "slow down").setHeader("Retry-After", "2"));
      server.enqueue(new MockResponse().setResponseCode(204).setHeader("request-id", "rid-logged")
          .setHeader("x-ms-ags-diagnostic", "{\"ServerInfo\":{\"DataCenter\":\"West Europe\"}}"));
      server.start();

      Fixtures.client(server).tokenSource(TokenSource.of(token)).build()
          .sync("logged-connector", DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);
    }

    String log = Files.readString(LOG);
    assertFalse(log.contains(token), "the token leaked into the debug log");
    assertTrue(log.contains("/deviceManagement/exchangeConnectors/logged-connector/sync [")
        && log.contains("Authorization: <redacted>"), log);
    assertTrue(log.contains("POST /v1.0/deviceManagement/exchangeConnectors/logged-connector/sync: attempt 1 got"
        + " HTTP 429, retrying in 2000 ms (Retry-After)"), log);
    assertTrue(log.contains("<-- 204 /v1.0/deviceManagement/exchangeConnectors/logged-connector/sync in "), log);
    assertTrue(log.contains("(request-id: rid-logged, x-ms-ags-diagnostic: {\"ServerInfo\":{\"DataCenter\":"
        + "\"West Europe\"}})"), log);
  }
}
