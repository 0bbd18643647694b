package dev.exchangesync;

import static dev.exchangesync.Fixtures.CONNECTOR_ID;
import static dev.exchangesync.Fixtures.TOKEN;
import static dev.exchangesync.Fixtures.connectorJson;
import static dev.exchangesync.Fixtures.graphError;
import static dev.exchangesync.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import dev.exchangesync.model.DeviceManagementExchangeConnectorType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ExchangeConnectorClientTest {
  private final MockWebServer server = new MockWebServer();
  private ExchangeConnectorClient client;

  @BeforeEach
  void setUp() throws Exception {
    server.start();
    client = Fixtures.client(server).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    server.shutdown();
  }

  private MockResponse enqueue(String method, String path, MockResponse response) {
    SpecValidator.assertValidResponse(method, path, response);
    server.enqueue(response);
    return response;
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "no request reached the server");
    SpecValidator.assertValidRequest(request);
    return request;
  }

  @Test
  void aPlainHttpLoopbackClientSetsUpNoTlsAndAnHttpsOneDoes() {
    // Loading the trust store and TLS machinery is a third of a cold start; a loopback sandbox never uses it.
    try (ExchangeConnectorClient https = ExchangeConnectorClient.builder().tokenSource(TokenSource.of(TOKEN))
        .build()) {
      assertEquals(List.of(okhttp3.ConnectionSpec.CLEARTEXT), client.httpClient().connectionSpecs());
      assertTrue(https.httpClient().connectionSpecs().stream().anyMatch(okhttp3.ConnectionSpec::isTls),
          https.httpClient().connectionSpecs().toString());
      assertNotNull(https.httpClient().x509TrustManager());
    }
  }

  @Test
  void syncSendsDeltaSyncBody() throws Exception {
    enqueue("POST", "/v1.0/deviceManagement/exchangeConnectors/x/sync", new MockResponse().setResponseCode(204));

    client.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);

    RecordedRequest request = take();
    assertEquals("POST", request.getMethod());
    assertEquals("/v1.0/deviceManagement/exchangeConnectors/" + CONNECTOR_ID + "/sync", request.getPath());
    assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
    assertEquals("application/json", request.getHeader("Accept"));
    assertEquals("application/json", request.getHeader("Content-Type"));
    assertEquals("{\"syncType\":\"deltaSync\"}", request.getBody().readUtf8());
    assertTrue(request.getHeader("client-request-id").matches("[0-9a-f-]{36}"), request.getHeader("client-request-id"));
    assertTrue(request.getHeader("User-Agent").startsWith("exchange-connector-sync/"), request.getHeader("User-Agent"));
    assertEquals("include-unknown-enum-members", request.getHeader("Prefer"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void everyOperationAsksGraphForEnumMembersNewerThanUnknownFutureValue() throws Exception {
    enqueue("GET", "/v1.0/deviceManagement/exchangeConnectors/x", json(200, connectorJson(CONNECTOR_ID, "connected")));
    enqueue("GET", "/v1.0/deviceManagement/exchangeConnectors", json(200, "{\"value\":[]}"));

    client.get(CONNECTOR_ID);
    client.list();

    assertEquals("include-unknown-enum-members", take().getHeader("Prefer"));
    assertEquals("include-unknown-enum-members", take().getHeader("Prefer"));
  }

  @Test
  void graphsDiagnosticHeaderAndMultiLineMessagesReachTheExceptionOnOneLine() throws Exception {
    String diagnostic = "{\"ServerInfo\":{\"DataCenter\":\"North Europe\",\"Slice\":\"E\",\"Ring\":\"4\"}}";
    enqueue("GET", "/v1.0/deviceManagement/exchangeConnectors/x", Fixtures.graphError(400, "BadRequest",
        "The request\\r\\nis not\\n valid.").setHeader("x-ms-ags-diagnostic", diagnostic).setHeader("request-id", "r1"));

    GraphException e = assertThrows(GraphException.class, () -> client.get(CONNECTOR_ID));

    assertEquals(diagnostic, e.agsDiagnostic());
    assertTrue(e.getMessage().startsWith("400 BadRequest: The request is not valid. (request-id: r1, "), e.getMessage());
    assertEquals("The request\r\nis not\n valid.", e.errorMessage());
    assertEquals(null, e.operationId());
  }

  @Test
  void syncSendsFullSyncBody() throws Exception {
    enqueue("POST", "/v1.0/deviceManagement/exchangeConnectors/x/sync", new MockResponse().setResponseCode(204));

    client.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.FULL_SYNC);

    assertEquals("{\"syncType\":\"fullSync\"}", take().getBody().readUtf8());
  }

  @Test
  void eachCallSendsAFreshClientRequestId() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(new MockResponse().setResponseCode(204));

    client.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);
    client.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);

    assertFalse(take().getHeader("client-request-id").equals(take().getHeader("client-request-id")));
  }

  @Test
  void betaApiVersionChangesThePath() throws Exception {
    try (ExchangeConnectorClient beta = Fixtures.client(server).apiVersion(ApiVersion.BETA).build()) {
      server.enqueue(new MockResponse().setResponseCode(204));

      beta.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);

      assertEquals("/beta/deviceManagement/exchangeConnectors/" + CONNECTOR_ID + "/sync", take().getPath());
    }
  }

  @Test
  void syncAsyncCompletesOn204() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));

    assertNull(client.syncAsync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC)
        .get(5, TimeUnit.SECONDS));
    assertEquals("{\"syncType\":\"deltaSync\"}", take().getBody().readUtf8());
  }

  @Test
  void getReadsEveryProperty() throws Exception {
    enqueue("GET", "/v1.0/deviceManagement/exchangeConnectors/x", json(200, connectorJson(CONNECTOR_ID, "connected")));

    DeviceManagementExchangeConnector connector = client.get(CONNECTOR_ID);

    assertEquals(new DeviceManagementExchangeConnector(CONNECTOR_ID, OffsetDateTime.parse("2026-11-24T08:15:30Z"),
        DeviceManagementExchangeConnectorStatus.CONNECTED, "intune@contoso.com", "EXCH01.contoso.local",
        "CONNECTOR01", DeviceManagementExchangeConnectorType.ON_PREMISES, "19.7.1.0", "contoso", "Contoso"),
        connector);
    RecordedRequest request = take();
    assertEquals("GET", request.getMethod());
    assertEquals("/v1.0/deviceManagement/exchangeConnectors/" + CONNECTOR_ID, request.getPath());
    assertEquals("Bearer " + TOKEN, request.getHeader("Authorization"));
    assertEquals("application/json", request.getHeader("Accept"));
  }

  @Test
  void unknownStatusIsKeptNotDropped() throws Exception {
    server.enqueue(json(200, connectorJson(CONNECTOR_ID, "someNewStatus")
        .replace("onPremises", "quantumExchange")));

    DeviceManagementExchangeConnector connector = client.get(CONNECTOR_ID);

    assertEquals("someNewStatus", connector.status().value());
    assertFalse(connector.status().isKnown());
    assertEquals("quantumExchange", connector.exchangeConnectorType().value());
    assertTrue(DeviceManagementExchangeConnectorStatus.CONNECTED.isKnown());
  }

  @Test
  void absentAndNullPropertiesReadAsNullAndUnknownOnesAreKept() throws Exception {
    server.enqueue(json(200, "{\"id\":\"a\",\"serverName\":null,\"extraProperty\":{\"nested\":[1,2]}}"));

    DeviceManagementExchangeConnector connector = client.get("a");

    Map<String, Object> kept = new LinkedHashMap<>();
    kept.put("serverName", null); // an explicit null, written back as one
    kept.put("extraProperty", Map.of("nested", List.of(BigDecimal.ONE, BigDecimal.valueOf(2))));
    assertEquals(new DeviceManagementExchangeConnector("a", null, null, null, null, null, null, null, null, null,
        kept), connector);
  }

  @Test
  void listFollowsNextLinkAcrossPages() throws Exception {
    String next = server.url("/v1.0/deviceManagement/exchangeConnectors?$skiptoken=page2").toString();
    enqueue("GET", "/v1.0/deviceManagement/exchangeConnectors", json(200, "{\"@odata.context\":\"ctx\",\"value\":["
        + connectorJson("a", "connected") + "," + connectorJson("b", "disconnected")
        + "],\"@odata.nextLink\":\"" + next + "\"}"));
    enqueue("GET", "/v1.0/deviceManagement/exchangeConnectors",
        json(200, "{\"value\":[" + connectorJson("c", "none") + "]}"));

    List<DeviceManagementExchangeConnector> all = client.list();

    assertEquals(List.of("a", "b", "c"), all.stream().map(DeviceManagementExchangeConnector::id).toList());
    assertEquals("/v1.0/deviceManagement/exchangeConnectors", take().getPath());
    RecordedRequest second = take();
    assertEquals("/v1.0/deviceManagement/exchangeConnectors?$skiptoken=page2", second.getPath());
    assertEquals("Bearer " + TOKEN, second.getHeader("Authorization"));
  }

  @Test
  void listAsyncFollowsNextLink() throws Exception {
    String next = server.url("/v1.0/deviceManagement/exchangeConnectors?$skiptoken=2").toString();
    server.enqueue(json(200, "{\"value\":[" + connectorJson("a", "connected") + "],\"@odata.nextLink\":\"" + next + "\"}"));
    server.enqueue(json(200, "{\"value\":[]}"));

    List<DeviceManagementExchangeConnector> all = client.listAsync().get(5, TimeUnit.SECONDS);

    assertEquals(List.of("a"), all.stream().map(DeviceManagementExchangeConnector::id).toList());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void nextLinkToAnotherHostIsNotFollowed() throws Exception {
    server.enqueue(json(200, "{\"value\":[],\"@odata.nextLink\":\"https://attacker.example/steal\"}"));

    InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> client.list());

    assertTrue(e.getMessage().startsWith("Graph's @odata.nextLink 'https://attacker.example/steal' does not point"
        + " to http://" + server.getHostName() + ":" + server.getPort()), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void nextLinkLoopIsRefused() throws Exception {
    String next = server.url("/v1.0/deviceManagement/exchangeConnectors?$skiptoken=same").toString();
    server.enqueue(json(200, "{\"value\":[],\"@odata.nextLink\":\"" + next + "\"}"));
    server.enqueue(json(200, "{\"value\":[],\"@odata.nextLink\":\"" + next + "\"}"));

    InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> client.list());

    assertEquals("Graph's paging does not end: @odata.nextLink '" + next + "' came twice", e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void idWithReservedCharactersStaysOnePathSegment() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));

    client.sync("a/b?c#d%e f", DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);

    assertEquals("/v1.0/deviceManagement/exchangeConnectors/a%2Fb%3Fc%23d%25e%20f/sync", take().getPath());
  }

  @Test
  void dotSegmentsCannotReachAnotherEndpoint() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));

    client.sync("../../users", DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);

    assertEquals("/v1.0/deviceManagement/exchangeConnectors/..%2F..%2Fusers/sync", take().getPath());
  }

  @Test
  void badIdsAreRefusedBeforeAnyRequest() {
    DeviceManagementExchangeConnectorSyncType delta = DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;
    assertEquals("connectorId == null",
        assertThrows(NullPointerException.class, () -> client.sync(null, delta)).getMessage());
    assertEquals("connector id is blank",
        assertThrows(IllegalArgumentException.class, () -> client.sync("  ", delta)).getMessage());
    assertEquals("connector id is 257 characters long; the most is 256",
        assertThrows(IllegalArgumentException.class, () -> client.sync("a".repeat(257), delta)).getMessage());
    assertEquals("connector id '..' is not an id: it is a path step",
        assertThrows(IllegalArgumentException.class, () -> client.get("..")).getMessage());
    assertEquals("connector id ' a' starts or ends with white space",
        assertThrows(IllegalArgumentException.class, () -> client.get(" a")).getMessage());
    assertEquals("connector id holds a control character at index 1",
        assertThrows(IllegalArgumentException.class, () -> client.getAsync("a\nb")).getMessage());
    assertEquals("syncType == null",
        assertThrows(NullPointerException.class, () -> client.sync("a", null)).getMessage());
    assertEquals("unknown sync type 'bogusSync': expected one of [fullSync, deltaSync]",
        assertThrows(IllegalArgumentException.class,
            () -> client.syncAsync("a", DeviceManagementExchangeConnectorSyncType.of("bogusSync"))).getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void forbiddenSaysWhichPermissionIsMissingForAppOnlyTokens() throws Exception {
    String appToken = "h." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"roles\":[\"x\"],\"idtyp\":\"app\"}".getBytes()) + ".s";
    try (ExchangeConnectorClient app = Fixtures.client(server).tokenSource(TokenSource.of(appToken)).build()) {
      enqueue("POST", "/v1.0/deviceManagement/exchangeConnectors/x/sync",
          graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation."));

      AuthorizationException e = assertThrows(AuthorizationException.class,
          () -> app.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC));

      assertEquals(403, e.statusCode());
      assertEquals("Authorization_RequestDenied", e.errorCode());
      assertEquals("req-403", e.requestId());
      assertEquals(take().getHeader("client-request-id"), e.clientRequestId());
      assertEquals("DeviceManagementServiceConfig.ReadWrite.All", e.requiredPermission());
      assertEquals(List.of("DeviceManagementServiceConfig.ReadWrite.All", "DeviceManagementConfiguration.ReadWrite.All"),
          e.acceptedPermissions());
      assertEquals("403 Authorization_RequestDenied: Insufficient privileges to complete the operation."
          + " (request-id: req-403, client-request-id: " + e.clientRequestId() + "): an app-only token needs the"
          + " application permission DeviceManagementServiceConfig.ReadWrite.All (or"
          + " DeviceManagementConfiguration.ReadWrite.All) to sync Exchange connectors, granted with admin consent",
          e.getMessage());
    }
  }

  @Test
  void forbiddenOnReadNamesReadPermissionForUsers() throws Exception {
    server.enqueue(graphError(403, "Forbidden", "No."));

    AuthorizationException e = assertThrows(AuthorizationException.class, () -> client.list());

    assertEquals("DeviceManagementServiceConfig.Read.All", e.requiredPermission());
    assertEquals(List.of("DeviceManagementServiceConfig.Read.All", "DeviceManagementConfiguration.Read.All",
        "DeviceManagementServiceConfig.ReadWrite.All", "DeviceManagementConfiguration.ReadWrite.All"),
        e.acceptedPermissions());
    assertTrue(e.getMessage().endsWith(": a signed-in user's token needs the delegated permission"
        + " DeviceManagementServiceConfig.Read.All (or one of DeviceManagementConfiguration.Read.All,"
        + " DeviceManagementServiceConfig.ReadWrite.All, DeviceManagementConfiguration.ReadWrite.All) to list"
        + " Exchange connectors, and the user needs an Intune role that allows it"), e.getMessage());
  }

  @Test
  void notFoundNamesTheId() throws Exception {
    enqueue("GET", "/v1.0/deviceManagement/exchangeConnectors/x",
        graphError(404, "ResourceNotFound", "Resource not found"));

    NotFoundException e = assertThrows(NotFoundException.class, () -> client.get("missing"));

    assertEquals("missing", e.connectorId());
    assertTrue(e.getMessage().startsWith("404 ResourceNotFound: Resource not found (request-id: req-404, "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("): no Exchange connector has the id 'missing'"), e.getMessage());
  }

  @Test
  void badRequestIsAPlainGraphException() throws Exception {
    server.enqueue(graphError(400, "BadRequest", "Invalid syncType").setHeader("request-id", "r1"));

    GraphException e = assertThrows(GraphException.class,
        () -> client.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.FULL_SYNC));

    assertEquals(GraphException.class, e.getClass());
    assertEquals(400, e.statusCode());
    assertEquals("Invalid syncType", e.errorMessage());
    assertEquals("r1", e.requestId());
    assertEquals(1, e.attempts());
  }

  @Test
  void nonJsonErrorBodyStillGivesAClearError() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(500).setHeader("request-id", "r500")
        .setHeader("Content-Type", "text/html").setBody("<html><body>oops</body></html>"));

    ServiceException e = assertThrows(ServiceException.class,
        () -> client.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC));

    assertEquals("HTTP 500 Internal Server Error (request-id: r500, client-request-id: " + e.clientRequestId() + ")",
        e.getMessage());
    assertNull(e.errorCode());
  }

  @Test
  void unauthorizedWithStaticTokenIsAnAuthenticationErrorAfterOneTry() throws Exception {
    server.enqueue(graphError(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid."));

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.get(CONNECTOR_ID));

    assertEquals(401, e.statusCode());
    assertTrue(e.getMessage().startsWith("401 InvalidAuthenticationToken: Access token has expired or is not yet"
        + " valid. (request-id: req-401"), e.getMessage());
    assertTrue(e.getMessage().endsWith("Graph rejected the access token even after a refresh; sign in again, and"
        + " check that the token was issued for " + server.getHostName()), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void malformedJsonIsAnInvalidResponse() throws Exception {
    server.enqueue(json(200, "{\"id\": \"a\", \"status\": "));

    InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> client.get("a"));

    assertTrue(e.getMessage().startsWith("Graph's answer is not the JSON expected: "), e.getMessage());
    assertEquals("req-200", e.requestId());
  }

  @Test
  void missingRequiredIdIsAnInvalidResponse() throws Exception {
    server.enqueue(json(200, "{\"status\":\"connected\"}"));

    InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> client.get("a"));

    assertTrue(e.getMessage().startsWith("Graph's answer is not the JSON expected: Required value 'id' missing"
        + " at $ (request-id: req-200"), e.getMessage());
  }

  @Test
  void badDateIsAnInvalidResponseThatSaysWhere() throws Exception {
    server.enqueue(json(200, "{\"id\":\"a\",\"lastSyncDateTime\":\"yesterday\"}"));

    InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> client.get("a"));

    assertTrue(e.getMessage().startsWith("Graph's answer is not the JSON expected: Expected an ISO-8601 date-time"
        + " but was yesterday at path $.lastSyncDateTime (request-id: req-200"), e.getMessage());
  }

  @Test
  void perCallStateIsForgottenOnceEachCallIsOver() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    server.enqueue(graphError(404, "ResourceNotFound", "nope"));
    server.enqueue(json(200, connectorJson("a", "connected")));
    server.enqueue(graphError(500, "InternalServerError", "boom"));

    client.sync(CONNECTOR_ID, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);
    assertThrows(NotFoundException.class, () -> client.get("x"));
    client.getAsync("a").get(5, TimeUnit.SECONDS);
    assertThrows(java.util.concurrent.ExecutionException.class, () -> client.listAsync().get(5, TimeUnit.SECONDS));

    assertEquals(0, client.trackedCalls());
  }

  @Test
  void asyncFailuresCompleteWithTheSameException() throws Exception {
    server.enqueue(graphError(404, "ResourceNotFound", "nope"));

    java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> client.getAsync("gone").get(5, TimeUnit.SECONDS));

    NotFoundException cause = assertInstanceOf(NotFoundException.class, e.getCause());
    assertEquals("gone", cause.connectorId());
  }
}
