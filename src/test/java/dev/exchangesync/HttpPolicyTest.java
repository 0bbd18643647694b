package dev.exchangesync;

import static dev.exchangesync.Fixtures.CONNECTOR_ID;
import static dev.exchangesync.Fixtures.graphError;
import static dev.exchangesync.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.Fixtures.RecordingSleeper;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import dev.exchangesync.internal.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fault injection: throttling, broken connections, timeouts, huge bodies, redirects, cancellation. */
final class HttpPolicyTest {
  private static final DeviceManagementExchangeConnectorSyncType DELTA =
      DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;

  private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.shutdown();
  }

  private ExchangeConnectorClient.Builder builder() {
    return Fixtures.client(server).sleeper(sleeper);
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "no request reached the server");
    return request;
  }

  private static MockResponse throttled(String retryAfter) {
    return graphError(429, "TooManyRequests", "Too many requests").setHeader("Retry-After", retryAfter);
  }

  @Test
  void http429WaitsRetryAfterSecondsThenSucceeds() throws Exception {
    server.enqueue(throttled("7"));
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().build().sync(CONNECTOR_ID, DELTA);

    sleeper.assertWaits(Duration.ofSeconds(7));
    RecordedRequest first = take();
    RecordedRequest second = take();
    assertEquals("{\"syncType\":\"deltaSync\"}", second.getBody().readUtf8());
    assertEquals(first.getHeader("client-request-id"), second.getHeader("client-request-id"));
    assertEquals(first.getHeader("Authorization"), second.getHeader("Authorization"));
  }

  @Test
  void http429HonoursRetryAfterHttpDate() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    server.enqueue(throttled("Wed, 25 Nov 2026 08:00:12 GMT"));
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().clock(clock).build().sync(CONNECTOR_ID, DELTA);

    sleeper.assertWaits(Duration.ofSeconds(12));
  }

  @Test
  void http429TakesFirstUsableValueOfCommaList() throws Exception {
    server.enqueue(throttled("31,120"));
    server.enqueue(throttled("soon, 5"));
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().build().sync(CONNECTOR_ID, DELTA);

    sleeper.assertWaits(Duration.ofSeconds(31), Duration.ofSeconds(5));
    assertEquals(3, server.getRequestCount());
  }

  @ParameterizedTest(name = "Retry-After \"{0}\"")
  @CsvSource({"99999999999", "9999999999999999999999", "181"})
  void retryAfterBeyondTheBudgetEndsTheCallAtOnceHoweverLong(String seconds) {
    server.enqueue(throttled(seconds));

    ThrottledException e = assertThrows(ThrottledException.class, () -> builder().build().sync(CONNECTOR_ID, DELTA));

    assertEquals(1, server.getRequestCount());
    sleeper.assertWaits();
    assertTrue(e.getMessage().contains("throttled; Graph asked to wait "), e.getMessage());
    assertTrue(e.getMessage().endsWith(", longer than the retry budget left"), e.getMessage());
  }

  @Test
  void aProtocolViolationAfterTheStatusLineIsAnInvalidAnswerAndIsNotRetried() {
    server.enqueue(new MockResponse().setResponseCode(204).setHeader("Content-Length", "5").setBody("hello"));

    InvalidResponseException e = assertThrows(InvalidResponseException.class,
        () -> builder().build().sync(CONNECTOR_ID, DELTA));

    assertEquals(1, server.getRequestCount(), "a broken answer was sent again");
    assertTrue(e.getMessage().startsWith("Graph's answer broke the HTTP protocol: HTTP 204 had non-zero"
        + " Content-Length: 5"), e.getMessage());
  }

  @Test
  void interimResponsesAsMockWebServerSendsThemAreSkipped() throws Exception {
    MockResponse answer = new MockResponse().setResponseCode(204);
    for (int i = 0; i < 3; i++) {
      answer.addInformationalResponse(new MockResponse().setResponseCode(102));
    }
    server.enqueue(answer);
    MockResponse asyncAnswer = new MockResponse().setResponseCode(204)
        .addInformationalResponse(new MockResponse().setResponseCode(102))
        .addInformationalResponse(new MockResponse().setResponseCode(103));
    server.enqueue(asyncAnswer);
    ExchangeConnectorClient client = builder().build();

    client.sync(CONNECTOR_ID, DELTA);
    client.syncAsync(CONNECTOR_ID, DELTA).get(10, TimeUnit.SECONDS);

    assertEquals(2, server.getRequestCount());
  }

  /**
   * OkHttp 4.12 reads past one interim response only (fixed in OkHttp 5); a server that sends several gets a clear
   * error from every operation, sync or async, and nothing escapes as an uncaught exception.
   */
  @Test
  void severalInterimResponsesFromARawServerEndInAClearErrorAndNothingEscapes() throws Exception {
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
    try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 2, java.net.InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        for (int call = 0; call < 2; call++) {
          try (java.net.Socket socket = raw.accept()) {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
              // the request head
            }
            String interim = "HTTP/1.1 102 Processing\r\n\r\n";
            socket.getOutputStream().write((interim + interim + interim + "HTTP/1.1 204 No Content\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            in.read(); // until the client hangs up
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      answering.start();
      ExchangeConnectorClient client = ExchangeConnectorClient.builder().tokenSource(TokenSource.of("t"))
          .graphUrl("http://127.0.0.1:" + raw.getLocalPort()).maxAttempts(1).build();

      InvalidResponseException sync = assertThrows(InvalidResponseException.class,
          () -> client.sync(CONNECTOR_ID, DELTA));
      java.util.concurrent.ExecutionException async = assertThrows(java.util.concurrent.ExecutionException.class,
          () -> client.syncAsync(CONNECTOR_ID, DELTA).get(10, TimeUnit.SECONDS));

      for (Throwable e : List.of(sync, async.getCause())) {
        assertInstanceOf(InvalidResponseException.class, e);
        assertTrue(e.getMessage().startsWith("Graph sent more than one interim (1xx) response before its answer,"
            + " which this HTTP client (OkHttp 4) cannot read past"), e.getMessage());
      }
      client.close();
      answering.join(5000);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    assertEquals(List.of(), uncaught);
  }

  @ParameterizedTest(name = "HTTP {0} with Retry-After \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "429|3|3000", "429|Wed, 25 Nov 2026 08:00:04 GMT|4000", "429|5, 60|5000", "429||750",
      "503|3|3000", "503|Wed, 25 Nov 2026 08:00:04 GMT|4000", "503|5, 60|5000", "503||750",
      "504|3|3000", "504|Wed, 25 Nov 2026 08:00:04 GMT|4000", "504|5, 60|5000", "504||750"})
  void everyRetriedStatusHonoursEveryRetryAfterForm(int status, String retryAfter, long expectedMillis)
      throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);
    MockResponse failure = graphError(status, "Code" + status, "wait");
    if (retryAfter != null) {
      failure.setHeader("Retry-After", retryAfter);
    }
    server.enqueue(failure);
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().clock(clock).random(() -> 0.5).build().sync(CONNECTOR_ID, DELTA);

    sleeper.assertWaits(Duration.ofMillis(expectedMillis));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void http503WithoutRetryAfterBacksOffExponentiallyWithJitter() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(504));
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().random(() -> 0.5).build().sync(CONNECTOR_ID, DELTA);

    // Equal jitter: half of 1 s, 2 s, 4 s fixed, plus half of the other half at random = 0.5.
    sleeper.assertWaits(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofMillis(3000));
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void backoffJitterStaysWithinHalfAndWholeOfTheStep() throws Exception {
    for (double random : new double[] {0.0, 0.999}) {
      RecordingSleeper waits = new RecordingSleeper();
      server.enqueue(new MockResponse().setResponseCode(503));
      server.enqueue(new MockResponse().setResponseCode(204));
      Fixtures.client(server).sleeper(waits).random(() -> random).build().sync(CONNECTOR_ID, DELTA);
      long millis = waits.waits.get(0).toMillis();
      assertTrue(millis >= 500 && millis < 1000, "wait " + millis + " ms for random " + random);
    }
  }

  @Test
  void attemptsAreBoundedAndTheErrorCountsThem() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(throttled("1"));
    }

    ThrottledException e = assertThrows(ThrottledException.class,
        () -> builder().maxAttempts(3).build().sync(CONNECTOR_ID, DELTA));

    assertEquals(3, server.getRequestCount());
    assertEquals(3, e.attempts());
    assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
    assertEquals("429 TooManyRequests: Too many requests (request-id: req-429, client-request-id: "
        + e.clientRequestId() + ") after 3 attempts: throttled; Graph asked to wait 1 s", e.getMessage());
    sleeper.assertWaits(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void retryAfterLongerThanBudgetEndsTheCallAtOnce() throws Exception {
    server.enqueue(throttled("600"));

    ThrottledException e = assertThrows(ThrottledException.class, () -> builder().build().sync(CONNECTOR_ID, DELTA));

    assertEquals(1, server.getRequestCount());
    sleeper.assertWaits();
    assertEquals(Duration.ofSeconds(600), e.retryAfter().orElseThrow());
    assertTrue(e.getMessage().endsWith(": throttled; Graph asked to wait 600 s, longer than the retry budget left"),
        e.getMessage());
  }

  @Test
  void waitsAddUpAgainstTheBudget() throws Exception {
    server.enqueue(throttled("6"));
    server.enqueue(throttled("6"));

    ThrottledException e = assertThrows(ThrottledException.class,
        () -> builder().retryBudget(Duration.ofSeconds(10)).build().sync(CONNECTOR_ID, DELTA));

    sleeper.assertWaits(Duration.ofSeconds(6));
    assertEquals(2, e.attempts());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void serviceUnavailableWithRetryAfterPastBudgetIsThrottled() throws Exception {
    server.enqueue(graphError(503, "ServiceUnavailable", "Try later").setHeader("Retry-After", "900"));

    ThrottledException e = assertThrows(ThrottledException.class, () -> builder().build().get(CONNECTOR_ID));

    assertEquals(503, e.statusCode());
  }

  @Test
  void otherErrorsAreNeverRetried() throws Exception {
    for (int status : new int[] {400, 401, 403, 404, 409, 500, 502}) {
      server.enqueue(graphError(status, "Code" + status, "message"));
      int before = server.getRequestCount();
      GraphException e = assertThrows(GraphException.class, () -> builder().build().sync(CONNECTOR_ID, DELTA));
      assertEquals(status, e.statusCode());
      assertEquals(1, e.attempts());
      assertEquals(before + 1, server.getRequestCount(), "HTTP " + status + " was retried");
    }
    sleeper.assertWaits();
  }

  @Test
  void disconnectAfterRequestIsSentIsRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().build().sync(CONNECTOR_ID, DELTA);

    assertEquals("{\"syncType\":\"deltaSync\"}", take().getBody().readUtf8());
    assertEquals("{\"syncType\":\"deltaSync\"}", take().getBody().readUtf8());
    assertEquals(1, sleeper.waits.size());
  }

  @Test
  void disconnectBeforeResponseIsRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().build().sync(CONNECTOR_ID, DELTA);

    assertEquals(1, sleeper.waits.size());
  }

  @Test
  void disconnectMidBodyIsRetried() throws Exception {
    server.enqueue(json(200, Fixtures.connectorJson("a", "connected"))
        .setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    server.enqueue(json(200, Fixtures.connectorJson("a", "connected")));

    assertEquals("a", builder().build().get("a").id());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void connectionRefusedEndsAsNetworkErrorAfterAllAttempts() throws Exception {
    ExchangeConnectorClient client = builder().maxAttempts(3).build();
    server.shutdown();

    NetworkException e = assertThrows(NetworkException.class, () -> client.sync(CONNECTOR_ID, DELTA));

    assertEquals(0, e.statusCode());
    assertEquals(3, e.attempts());
    assertTrue(e.getMessage().startsWith("no answer from " + server.getHostName()
        + ": connection refused or unreachable ("), e.getMessage());
    assertTrue(e.getMessage().endsWith(" after 3 attempts"), e.getMessage());
    assertEquals(2, sleeper.waits.size());
  }

  @Test
  void slowBodyPastReadTimeoutIsRetriedThenFails() throws Exception {
    for (int i = 0; i < 2; i++) {
      server.enqueue(json(200, Fixtures.connectorJson("a", "connected")).throttleBody(16, 1, TimeUnit.SECONDS));
    }

    NetworkException e = assertThrows(NetworkException.class,
        () -> builder().maxAttempts(2).readTimeout(Duration.ofMillis(200)).build().get("a"));

    assertEquals(2, e.attempts());
    assertTrue(e.getMessage().contains(": timed out ("), e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void callTimeoutBoundsTheWholeCall() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204).setHeadersDelay(3, TimeUnit.SECONDS));

    NetworkException e = assertThrows(NetworkException.class, () -> builder()
        .retryBudget(Duration.ZERO).callTimeout(Duration.ofMillis(300)).build().sync(CONNECTOR_ID, DELTA));

    assertTrue(e.getMessage().contains("the call timeout ran out"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void tenMegabyteErrorBodyGivesAClearErrorWithoutReadingItAll() throws Exception {
    Buffer huge = new Buffer();
    for (int i = 0; i < 10 * 1024; i++) {
      huge.writeUtf8("x".repeat(1024));
    }
    server.enqueue(new MockResponse().setResponseCode(500).setHeader("request-id", "big").setBody(huge));

    ServiceException e = assertThrows(ServiceException.class, () -> builder().build().sync(CONNECTOR_ID, DELTA));

    assertTrue(e.getMessage().startsWith("HTTP 500 Internal Server Error (request-id: big"), e.getMessage());
  }

  @Test
  void oversizedSuccessBodyIsRefused() throws Exception {
    Buffer huge = new Buffer().writeUtf8("{\"value\":[");
    String item = Fixtures.connectorJson("a", "connected") + ",";
    while (huge.size() < 17L * 1024 * 1024) {
      huge.writeUtf8(item);
    }
    server.enqueue(new MockResponse().setResponseCode(200).setBody(huge));

    InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> builder().build().list());

    assertTrue(e.getMessage().startsWith("the response body is larger than 16777216 bytes, the most this client"
        + " reads"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void redirectToAnotherHostIsNotFollowedAndCarriesNoToken() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      server.enqueue(new MockResponse().setResponseCode(302)
          .setHeader("Location", other.url("/v1.0/deviceManagement/exchangeConnectors/x/sync")));

      InvalidResponseException e = assertThrows(InvalidResponseException.class,
          () -> builder().build().sync(CONNECTOR_ID, DELTA));

      assertEquals(0, other.getRequestCount());
      assertTrue(e.getMessage().startsWith("HTTP 302 Found"), e.getMessage());
      assertTrue(e.getMessage().endsWith("not following the redirect to "
          + other.url("/v1.0/deviceManagement/exchangeConnectors/x/sync")), e.getMessage());
    }
  }

  @Test
  void cancelingDuringRetryWaitCancelsTheWaitAndSendsNothingMore() throws Exception {
    OkHttpClient shared = new OkHttpClient();
    server.enqueue(throttled("60"));
    server.enqueue(new MockResponse().setResponseCode(204));
    ExchangeConnectorClient client = Fixtures.client(server).sleeper(Sleeper.SYSTEM).httpClient(shared).build();

    CompletableFuture<Void> future = client.syncAsync(CONNECTOR_ID, DELTA);
    take();
    // The call now waits out Retry-After: 60 on the client's retry scheduler, holding no dispatcher thread.
    awaitRunningCalls(shared, 0);
    assertFalse(future.isDone(), "the call did not wait to retry");
    assertTrue(future.cancel(true));

    assertTrue(future.isCancelled());
    assertEquals(0, shared.dispatcher().queuedCallsCount() + shared.dispatcher().runningCallsCount());
    assertEquals(1, server.getRequestCount());
  }

  private static void awaitRunningCalls(OkHttpClient client, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (client.dispatcher().runningCallsCount() != expected) {
      assertTrue(System.nanoTime() < deadline, "running calls stayed at "
          + client.dispatcher().runningCallsCount() + ", expected " + expected);
      Thread.sleep(10);
    }
  }

  @Test
  void unauthorizedGetsOneFreshTokenWithTheClaimsChallenge() throws Exception {
    List<TokenRequest> asked = new CopyOnWriteArrayList<>();
    TokenSource source = request -> {
      asked.add(request);
      return request.forceRefresh() ? "fresh" : "stale";
    };
    String claims = java.util.Base64.getEncoder().encodeToString(
        "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1604106651\"}}}".getBytes());
    server.enqueue(graphError(401, "InvalidAuthenticationToken", "Token revoked")
        .setHeader("WWW-Authenticate", "Bearer realm=\"\", error=\"insufficient_claims\", claims=\"" + claims + "\""));
    server.enqueue(new MockResponse().setResponseCode(204));

    builder().tokenSource(source).build().sync(CONNECTOR_ID, DELTA);

    assertEquals("Bearer stale", take().getHeader("Authorization"));
    assertEquals("Bearer fresh", take().getHeader("Authorization"));
    assertEquals(List.of(TokenRequest.DEFAULT, new TokenRequest("stale",
        "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1604106651\"}}}")), asked);
  }

  @Test
  void secondUnauthorizedIsAnAuthenticationError() throws Exception {
    TokenSource source = request -> request.forceRefresh() ? "fresh" : "stale";
    server.enqueue(graphError(401, "InvalidAuthenticationToken", "expired"));
    server.enqueue(graphError(401, "InvalidAuthenticationToken", "still bad"));

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> builder().tokenSource(source).build().sync(CONNECTOR_ID, DELTA));

    assertEquals(2, server.getRequestCount());
    assertEquals("still bad", e.errorMessage());
  }

  @Test
  void failingTokenSourceSendsNothing() throws Exception {
    TokenSource broken = request -> {
      throw new IllegalStateException("vault sealed");
    };

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> builder().tokenSource(broken).build().sync(CONNECTOR_ID, DELTA));

    assertEquals("the token source failed: java.lang.IllegalStateException: vault sealed", e.getMessage());
    assertEquals(0, server.getRequestCount());
    sleeper.assertWaits();
  }

  @Test
  void plainHttpIsRefusedForHostsOtherThanLoopback() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder().graphUrl("http://graph.microsoft.com").build());

    assertEquals("Graph URL 'http://graph.microsoft.com' uses plain http; only https is allowed, except for"
        + " loopback addresses (localhost, 127.0.0.1, ::1)", e.getMessage());
    assertEquals("http://localhost:1/v1.0/", builder().graphUrl("http://localhost:1").build().baseUrl());
    assertEquals("http://[::1]:1/prefix/beta/",
        builder().graphUrl("http://[::1]:1/prefix/").apiVersion(ApiVersion.BETA).build().baseUrl());
    assertEquals("https://graph.microsoft.us/v1.0/", ExchangeConnectorClient.builder()
        .tokenSource(TokenSource.of("t")).cloud(GraphCloud.US_GOV).build().baseUrl());
  }

  @Test
  void graphUrlWithUserInformationIsRefusedWithoutEchoingIt() {
    for (String url : List.of("https://:s3cr3t@graph.microsoft.com", "https://user:s3cr3t@graph.microsoft.com",
        "https://s3cr3t@graph.microsoft.com", "https://:@graph.microsoft.com", "http://a:s3cr3t@localhost:1")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> builder().graphUrl(url).build(), url);

      assertEquals("the Graph URL must not carry user information (user:password@): credentials belong in the"
          + " token source, never in the URL", e.getMessage(), url);
    }
  }

  @Test
  void aTokenThatNamesNoCloudOnlyGoesToGraphHostsOrLoopbackUnlessAHostIsAllowed() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExchangeConnectorClient.builder()
        .tokenSource(TokenSource.of("t")).graphUrl("https://graph.contoso.example").build());

    assertEquals("graph.contoso.example is not the Graph host of a Microsoft cloud (graph.microsoft.com,"
        + " graph.microsoft.us, dod-graph.microsoft.us, microsoftgraph.chinacloudapi.cn) nor loopback, and the"
        + " access token would be sent there: allow the host explicitly if it is yours", e.getMessage());
    for (GraphCloud cloud : GraphCloud.values()) {
      assertEquals(cloud.graphUrl() + "/v1.0/", ExchangeConnectorClient.builder().tokenSource(TokenSource.of("t"))
          .graphUrl(cloud.graphUrl()).build().baseUrl());
      assertEquals(java.util.Optional.of(cloud), GraphCloud.ofGraphHost(cloud.graphHost().toUpperCase()));
    }
    assertEquals("https://graph.contoso.example/v1.0/", ExchangeConnectorClient.builder()
        .tokenSource(TokenSource.of("t")).graphUrl("https://graph.contoso.example").allowHost("graph.contoso.example")
        .build().baseUrl());
    assertEquals("host 'https://x' is not a host name", assertThrows(IllegalArgumentException.class,
        () -> ExchangeConnectorClient.builder().allowHost("https://x")).getMessage());
  }

  @Test
  void callsGoThroughTheProxyGivenAndAnswerItsAuthenticationChallenge() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.enqueue(new MockResponse().setResponseCode(407).setHeader("Proxy-Authenticate", "Basic realm=\"corp\""));
      proxy.enqueue(new MockResponse().setResponseCode(204));
      proxy.start();
      ExchangeConnectorClient client = builder().graphUrl("http://localhost:1")
          .proxy(new java.net.Proxy(java.net.Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.1",
              proxy.getPort())))
          .proxyCredentials("ops", "pa:ss").build();

      client.sync(CONNECTOR_ID, DELTA);

      RecordedRequest challenged = proxy.takeRequest();
      RecordedRequest answered = proxy.takeRequest();
      assertEquals("POST http://localhost:1/v1.0/deviceManagement/exchangeConnectors/" + CONNECTOR_ID + "/sync HTTP/1.1",
          challenged.getRequestLine());
      assertNull(challenged.getHeader("Proxy-Authorization"));
      assertEquals(okhttp3.Credentials.basic("ops", "pa:ss"), answered.getHeader("Proxy-Authorization"));
      assertEquals(0, server.getRequestCount(), "the call went around the proxy");
    }
  }

  @Test
  void builderNamesWhatIsWrong() {
    assertEquals("tokenSource is required: set TokenSource.of(...) or an MSAL source",
        assertThrows(IllegalStateException.class, () -> ExchangeConnectorClient.builder().build()).getMessage());
    assertEquals("Graph URL 'graph.microsoft.com' is not an http or https URL",
        assertThrows(IllegalArgumentException.class,
            () -> builder().graphUrl("graph.microsoft.com").build()).getMessage());
    assertEquals("Graph URL 'https://graph.microsoft.com/v1.0' already names an API version; give the root (e.g."
        + " https://graph.microsoft.com) and set the version with apiVersion",
        assertThrows(IllegalArgumentException.class,
            () -> builder().graphUrl("https://graph.microsoft.com/v1.0").build()).getMessage());
    assertEquals("maxAttempts must be at least 1 but was 0",
        assertThrows(IllegalArgumentException.class, () -> builder().maxAttempts(0)).getMessage());
    assertEquals("callTimeout (PT1S) must be longer than retryBudget (PT3M), or retries could never finish",
        assertThrows(IllegalArgumentException.class,
            () -> builder().callTimeout(Duration.ofSeconds(1)).build()).getMessage());
    TokenSource china = new TokenSource() {
      @Override
      public String token(TokenRequest request) {
        return "t";
      }

      @Override
      public java.util.Optional<GraphCloud> cloud() {
        return java.util.Optional.of(GraphCloud.CHINA);
      }
    };
    assertEquals("the token source signs in to the china cloud, whose Graph host is"
        + " microsoftgraph.chinacloudapi.cn, but the Graph URL is https://graph.microsoft.com; a token is never"
        + " sent to another cloud's host",
        assertThrows(IllegalArgumentException.class,
            () -> ExchangeConnectorClient.builder().tokenSource(china).build()).getMessage());
  }

  @Test
  void tokenNeverShowsInToStringOrErrors() throws Exception {
    TokenSource source = TokenSource.of("Bearer secret-token-123");
    assertFalse(source.toString().contains("secret-token-123"), source.toString());
    server.enqueue(graphError(401, "InvalidAuthenticationToken", "bad"));
    ExchangeConnectorClient client = builder().tokenSource(source).build();

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.get("a"));

    assertEquals("Bearer secret-token-123", take().getHeader("Authorization"));
    assertFalse(e.getMessage().contains("secret-token-123"));
    assertFalse(client.toString().contains("secret-token-123"));
    assertNull(e.getCause());
  }

  @Test
  void invalidStaticTokensAreRefusedWithoutEchoingThem() {
    assertEquals("the access token is empty",
        assertThrows(IllegalArgumentException.class, () -> TokenSource.of("Bearer  ")).getMessage());
    assertEquals("the access token holds a character that cannot go in an HTTP header (at index 3)",
        assertThrows(IllegalArgumentException.class, () -> TokenSource.of("abc\r\nX-Evil: 1")).getMessage());
    assertInstanceOf(IllegalArgumentException.class,
        assertThrows(IllegalArgumentException.class, () -> TokenSource.fromEnvironment("NO_SUCH_VARIABLE_XYZ")));
  }
}
