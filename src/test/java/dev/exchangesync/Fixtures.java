package dev.exchangesync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exchangesync.internal.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;

/** Canned Graph answers and test doubles shared by the client tests. */
final class Fixtures {
  static final String TOKEN = "eyJ0eXAiOiJKV1QifQ.eyJzY3AiOiJEZXZpY2VNYW5hZ2VtZW50In0.c2ln";
  static final String CONNECTOR_ID = "6b1f1d4e-3c8a-4a59-9d7f-0a6e2f3b5c11";

  private Fixtures() {
  }

  static String connectorJson(String id, String status) {
    return "{\"id\":\"" + id + "\",\"lastSyncDateTime\":\"2026-11-24T08:15:30Z\",\"status\":\"" + status + "\","
        + "\"primarySmtpAddress\":\"intune@contoso.com\",\"serverName\":\"EXCH01.contoso.local\","
        + "\"connectorServerName\":\"CONNECTOR01\",\"exchangeConnectorType\":\"onPremises\","
        + "\"version\":\"19.7.1.0\",\"exchangeAlias\":\"contoso\",\"exchangeOrganization\":\"Contoso\"}";
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setHeader("request-id", "req-" + status)
        .setBody(body);
  }

  static MockResponse graphError(int status, String code, String message) {
    return json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"innerError\":"
        + "{\"request-id\":\"req-" + status + "\",\"date\":\"2026-11-24T08:15:30\"}}}");
  }

  static ExchangeConnectorClient.Builder client(MockWebServer server) {
    return ExchangeConnectorClient.builder()
        .tokenSource(TokenSource.of(TOKEN))
        .graphUrl(server.url("/").toString())
        .sleeper(new RecordingSleeper())
        .random(() -> 0.5);
  }

  /** Records the waits it is asked for instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration, okhttp3.Call call) {
      waits.add(duration);
    }

    void assertWaits(Duration... expected) {
      assertEquals(List.of(expected), new ArrayList<>(waits));
    }
  }
}
