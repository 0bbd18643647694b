package dev.exchangesync.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.AuthenticationException;
import dev.exchangesync.GraphException;
import dev.exchangesync.NamedProperties;
import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.ServiceException;
import dev.exchangesync.TokenSource;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
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
    assertEquals(sandbox.connectors(), NamedProperties.of(connectors));
    assertEquals("connectorUpgradeRequired", connectors.get(3).status().value(), "the client asked for new members");
    assertEquals(2, sandbox.requests().size());
    assertEquals("include-unknown-enum-members", sandbox.requests().get(0).header("prefer"));
    assertEquals("/v1.0/deviceManagement/exchangeConnectors?$top=2&$skiptoken=2", sandbox.requests().get(1).path());
    assertEquals("Bearer " + sandbox.token(), sandbox.requests().get(1).header("authorization"));
  }

  @Test
  void servesHttpsWithTheGivenKeyAndPagesOnTheSameOrigin() throws Exception {
    HeldCertificate loopback = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(loopback.certificate())
        .build();
    try (GraphSandbox https = GraphSandbox.builder()
        .https(new HandshakeCertificates.Builder().heldCertificate(loopback).build().sslContext()).start();
        ExchangeConnectorClient tls = ExchangeConnectorClient.builder()
            .graphUrl(https.graphUrl())
            .tokenSource(TokenSource.of(https.token()))
            .httpClient(new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .build())
            .build()) {
      assertTrue(https.graphUrl().startsWith("https://127.0.0.1:"), https.graphUrl());
      assertEquals(4, tls.list().size(), "the next page's link is https too, or the client would refuse it");
      assertEquals(2, https.requests().size());
    }
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
      assertEquals(404, badVersion.code(), "Graph answers an unknown API version with 404");
      assertTrue(badVersion.body().string().contains("\"code\":\"NotFound\",\"message\":\"Invalid version: v2\""));
    }
  }

  @Test
  void timesOnTheMinuteKeepTheirSecondsAsGraphWritesThem() throws Exception {
    // OffsetDateTime.toString() drops ":00" seconds: a sandbox started on the minute sent "2026-11-25T06:15Z".
    sandbox.close();
    sandbox = GraphSandbox.builder().clock(java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T07:15:00Z"),
        java.time.ZoneOffset.UTC)).start();

    try (Response list = raw("GET", "/v1.0/deviceManagement/exchangeConnectors", null, sandbox.token());
        Response missing = raw("GET", "/v1.0/deviceManagement/exchangeConnectors/missing", null, sandbox.token())) {
      String listed = list.body().string();
      String error = missing.body().string();

      assertTrue(listed.contains("\"lastSyncDateTime\":\"2026-11-25T06:15:00Z\""), listed);
      assertTrue(error.contains("\"date\":\"2026-11-25T07:15:00\""), error);
      dev.exchangesync.SpecValidator.assertValidResponse("GET", "/v1.0/deviceManagement/exchangeConnectors",
          list.code(), list.headers(), listed);
    }
  }

  @Test
  void answersConformToTheOpenApiDocument() throws Exception {
    // Without Prefer: include-unknown-enum-members even the connector from the future shows only members of openapi/.
    String id = sandbox.connectors().get(3).id();
    String[][] exchanges = {
        {"GET", "/v1.0/deviceManagement/exchangeConnectors", null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors?$top=2&$skiptoken=2", null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors?$select=status,version&$filter=status%20eq%20'connected'", null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors/" + id, null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors/" + id + "?$select=lastSyncDateTime", null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors/missing", null},
        {"GET", "/v1.0/deviceManagement/exchangeConnectors?$orderby=status", null},
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
  void newEnumMembersAreSentOnlyToRequestsThatPreferThemAsGraphDoes() throws Exception {
    String path = "/v1.0/deviceManagement/exchangeConnectors/" + sandbox.connectors().get(3).id();

    try (Response plain = raw("GET", path, null, sandbox.token())) {
      String body = plain.body().string();
      assertTrue(body.contains("\"status\":\"unknownFutureValue\"") && body.contains(
          "\"exchangeConnectorType\":\"unknownFutureValue\""), body);
      assertEquals(null, plain.header("Preference-Applied"));
    }
    Request preferring = new Request.Builder().url(sandbox.graphUrl() + path)
        .header("Authorization", "Bearer " + sandbox.token()).header("Prefer", "include-unknown-enum-members").build();
    try (Response preferred = http.newCall(preferring).execute()) {
      String body = preferred.body().string();
      assertTrue(body.contains("\"status\":\"connectorUpgradeRequired\"") && body.contains(
          "\"exchangeConnectorType\":\"dedicatedModern\""), body);
      assertEquals("include-unknown-enum-members", preferred.header("Preference-Applied"));
    }
  }

  @Test
  void entitiesCarryTheirODataContextAndExplicitNulls() throws Exception {
    String id = sandbox.connectors().get(1).id();

    try (Response response = raw("GET", "/v1.0/deviceManagement/exchangeConnectors/" + id, null, sandbox.token())) {
      String body = response.body().string();
      assertTrue(body.startsWith("{\"@odata.context\":\"" + sandbox.graphUrl()
          + "/v1.0/$metadata#deviceManagement/exchangeConnectors/$entity\",\"id\":\"" + id + "\""), body);
      assertTrue(body.contains("\"primarySmtpAddress\":null") && body.contains("\"version\":null"), body);
    }
  }

  @Test
  void declaredQueryOptionsAreHonouredAndOthersRefusedWithGraphsError() throws Exception {
    String connectors = "/v1.0/deviceManagement/exchangeConnectors";

    try (Response selected = raw("GET", connectors + "?$select=status&$filter=status%20eq%20'connected'&$top=1", null,
        sandbox.token())) {
      String body = selected.body().string();
      assertTrue(body.startsWith("{\"@odata.context\":\"" + sandbox.graphUrl() + "/v1.0/$metadata#deviceManagement/"
          + "exchangeConnectors(status)\",\"value\":[{\"id\":\"" + sandbox.connectors().get(0).id()
          + "\",\"status\":\"connected\"}],\"@odata.nextLink\":\""), body);
      assertTrue(body.endsWith("$top=1&$skiptoken=1&$select=status&$filter=status%20eq%20%27connected%27\"}"), body);
    }
    for (String option : List.of("$orderby=status", "$count=true", "$search=%22x%22", "$expand=x", "$skip=1")) {
      try (Response refused = raw("GET", connectors + "?" + option, null, sandbox.token())) {
        assertEquals(400, refused.code(), option);
        String name = option.substring(0, option.indexOf('='));
        assertTrue(refused.body().string().contains("\"code\":\"BadRequest\",\"message\":\"Query option '" + name
            + "' is not supported for this resource.\""), option);
      }
    }
    try (Response unknown = raw("GET", connectors + "?$select=colour", null, sandbox.token())) {
      assertEquals(400, unknown.code());
      assertTrue(unknown.body().string().contains("Could not find a property named 'colour' on type"
          + " 'microsoft.graph.deviceManagementExchangeConnector'."));
    }
    try (Response badFilter = raw("GET", connectors + "?$filter=startswith(status,'c')", null, sandbox.token())) {
      assertEquals(400, badFilter.code());
      assertTrue(badFilter.body().string().contains("Invalid filter clause"));
    }
  }

  @Test
  void namespaceQualifiedSyncActionIsAcceptedAsGraphAcceptsIt() throws Exception {
    String id = sandbox.connectors().get(0).id();

    try (Response response = raw("POST", "/beta/deviceManagement/exchangeConnectors/" + id + "/microsoft.graph.sync",
        "{\"syncType\":\"fullSync\"}", sandbox.token())) {
      assertEquals(204, response.code());
    }
  }

  @Test
  void intuneErrorDocumentsReachTheCallerAsOneLineWithTheirIds() {
    sandbox.failNextLikeIntune(1, 400);

    GraphException e = assertThrows(GraphException.class, () -> client.get(sandbox.connectors().get(0).id()));

    assertEquals("400 BadRequest: An error has occurred (Operation ID: " + e.operationId() + ", Activity ID: "
        + e.requestId() + ") (request-id: " + e.requestId() + ", client-request-id: " + e.clientRequestId() + ")",
        e.getMessage());
    assertTrue(e.operationId().matches("[0-9a-f-]{36}"), e.operationId());
    assertEquals(e.requestId(), e.activityId());
    assertTrue(e.errorMessage().startsWith("{\r\n  \"_version\": 3,"), "the raw message is kept as Graph sent it");
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
