package dev.exchangesync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.AuthenticationException;
import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.ServiceException;
import dev.exchangesync.TokenSource;
import dev.exchangesync.generated.model.DeviceManagementExchangeConnector;
import dev.exchangesync.generated.model.DeviceManagementExchangeConnectorSyncType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox as library users get it: Graph's behaviour, faults on demand, requests to read back. */
final class GraphSandboxTest {
  private GraphSandbox sandbox = GraphSandbox.builder().syncDelay(Duration.ofMillis(200)).start();
  private final ExchangeConnectorClient client = ExchangeConnectorClient.builder()
      .graphUrl(sandbox.graphUrl()).tokenSource(TokenSource.of(sandbox.token())).build();
  private final OkHttpClient http = new OkHttpClient();

  @AfterEach
  void tearDown() {
    client.close();
    sandbox.close();
  }

  private Response raw(String method, String path, String body, String token) throws Exception {
    Request.Builder request = new Request.Builder().url(sandbox.graphUrl() + path);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.method(method, body == null ? null : RequestBody.create(body, MediaType.get("application/json")));
    return http.newCall(request.build()).execute();
  }

  @Test
  void servesSeededConnectorsAcrossPages() throws Exception {
    List<DeviceManagementExchangeConnector> connectors = client.list();

    assertEquals(4, connectors.size());
    assertEquals(sandbox.connectors(), connectors);
    assertEquals(2, sandbox.requests().size());
    assertEquals("/v1.0/deviceManagement/exchangeConnectors?$top=2&$skiptoken=2", sandbox.requests().get(1).path());
    assertEquals("Bearer " + sandbox.token(), sandbox.requests().get(1).header("authorization"));
  }

  @Test
  void syncMovesLastSyncDateTimeForwardAfterTheDelay() throws Exception {
    String id = sandbox.connectors().get(0).id();
    OffsetDateTime before = client.get(id).lastSyncDateTime();

    client.sync(id, DeviceManagementExchangeConnectorSyncType.FULL_SYNC);
    assertEquals(before, client.get(id).lastSyncDateTime(), "the sync finished at once");
    Thread.sleep(300);

    assertTrue(client.get(id).lastSyncDateTime().isAfter(before));
    SandboxRequest sync = sandbox.requests().get(1);
    assertEquals("POST", sync.method());
    assertEquals("{\"syncType\":\"fullSync\"}", sync.body());
    assertNotNull(sync.header("client-request-id"));
  }

  @Test
  void answersLikeGraphToBadRequests() throws Exception {
    try (Response noToken = raw("GET", "/v1.0/deviceManagement/exchangeConnectors", null, null)) {
      assertEquals(401, noToken.code());
      assertNotNull(noToken.header("request-id"));
      String body = noToken.body().string();
      assertTrue(body.startsWith("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token is"
          + " empty.\",\"innerError\":{\"request-id\":\"" + noToken.header("request-id") + "\""), body);
    }
    try (Response badBody = raw("POST", "/v1.0/deviceManagement/exchangeConnectors/x/sync", "{\"syncType\":\"soon\"}",
        sandbox.token())) {
      assertEquals(400, badBody.code());
      assertTrue(badBody.body().string().contains("Invalid value for syncType: 'soon'."));
    }
    try (Response notJson = raw("POST", "/v1.0/deviceManagement/exchangeConnectors/x/sync", "sync please",
        sandbox.token())) {
      assertEquals(400, notJson.code());
    }
    try (Response wrongPath = raw("GET", "/v1.0/deviceManagement/managedDevices", null, sandbox.token())) {
      assertEquals(400, wrongPath.code());
      assertTrue(wrongPath.body().string().contains("Resource not found for the segment 'managedDevices'."));
    }
    try (Response wrongMethod = raw("DELETE", "/v1.0/deviceManagement/exchangeConnectors/x", null, sandbox.token())) {
      assertEquals(405, wrongMethod.code());
    }
    try (Response badVersion = raw("GET", "/v2/deviceManagement/exchangeConnectors", null, sandbox.token())) {
      assertEquals(400, badVersion.code());
    }
  }

  @Test
  void answersConformToTheOpenApiDocument() throws Exception {
    // The fourth seeded connector carries enum values from the future on purpose; the spec's enums cannot know them.
    sandbox.close();
    sandbox = GraphSandbox.builder().connectors(GraphSandbox.defaultConnectors(java.time.Instant.now()).subList(0, 3))
        .start();
    String id = sandbox.connectors().get(0).id();
    String[][] exchanges = {
        {"GET", "/v1.0/deviceManagement/exchangeConnectors", null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors?$top=2&$skiptoken=2", null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors/" + id, null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors/missing", null},
        {"POST", "/v1.0/deviceManagement/exchangeConnectors/" + id + "/sync", "{\"syncType\":\"deltaSync\"}"},
        {"POST", "/v1.0/deviceManagement/exchangeConnectors/" + id + "/sync", "{\"syncType\":\"bogus\"}"}};
    for (String[] exchange : exchanges) {
      try (Response response = raw(exchange[0], exchange[1], exchange[2], sandbox.token())) {
        dev.exchangesync.SpecValidator.assertValidResponse(exchange[0], exchange[1].replaceFirst("\\?.*", ""),
            response.code(), response.headers(), response.body().string());
      }
    }
    sandbox.throttleNext(1, Duration.ofSeconds(2));
    try (Response throttled = raw("GET", "/v1.0/deviceManagement/exchangeConnectors", null, sandbox.token())) {
      assertEquals("2", throttled.header("Retry-After"));
      dev.exchangesync.SpecValidator.assertValidResponse("GET", "/v1.0/deviceManagement/exchangeConnectors",
          throttled.code(), throttled.headers(), throttled.body().string());
    }
  }

  @Test
  void throttlingFaultIsRiddenOutByTheClient() throws Exception {
    sandbox.throttleNext(2, Duration.ZERO);

    client.get(sandbox.connectors().get(0).id());

    assertEquals(3, sandbox.requests().size());
  }

  @Test
  void droppedConnectionIsRetried() throws Exception {
    sandbox.dropNext(1);

    assertEquals(4, client.list().size());
    assertEquals(3, sandbox.requests().size());
  }

  @Test
  void failureFaultReachesTheCaller() {
    sandbox.failNext(1, 502);

    ServiceException e = assertThrows(ServiceException.class, () -> client.list());

    assertEquals(502, e.statusCode());
    assertEquals("InternalServerError", e.errorCode());
    assertEquals(sandbox.requests().size(), 1);
  }

  @Test
  void wrongTokenIsRejected() {
    ExchangeConnectorClient wrong = ExchangeConnectorClient.builder().graphUrl(sandbox.graphUrl())
        .tokenSource(TokenSource.of("other")).build();

    AuthenticationException e = assertThrows(AuthenticationException.class, wrong::list);

    assertEquals("InvalidAuthenticationToken", e.errorCode());
  }

  @Test
  void settingsAreChecked() {
    assertEquals("status must be an error status (400-599) but was 200",
        assertThrows(IllegalArgumentException.class, () -> sandbox.failNext(1, 200)).getMessage());
    assertEquals("count must be at least 1 but was 0",
        assertThrows(IllegalArgumentException.class, () -> sandbox.dropNext(0)).getMessage());
    assertEquals("pageSize must be at least 1 but was 0",
        assertThrows(IllegalArgumentException.class, () -> GraphSandbox.builder().pageSize(0)).getMessage());
  }
}
