package dev.exchangesync.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.AuthenticationException;
import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.GraphCloud;
import dev.exchangesync.IdentityKind;
import dev.exchangesync.NetworkException;
import dev.exchangesync.TokenRequest;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MSAL4J's real code against a local identity endpoint; no Microsoft host is contacted. */
final class MsalTokenSourceTest {
  private static final String TENANT = "contoso.onmicrosoft.com";

  @TempDir
  Path temp;

  private IdentityServer identity;
  /** MSAL keeps a JVM-wide throttling cache keyed by client id, so every test gets its own app. */
  private final String clientId = UUID.randomUUID().toString();
  private final List<DeviceCodePrompt> prompts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    identity = new IdentityServer();
  }

  @AfterEach
  void tearDown() throws Exception {
    identity.close();
  }

  private MsalTokenSource.Builder deviceCode() {
    return MsalTokenSource.deviceCode(TENANT, clientId).httpClient(identity.routedClient())
        .deviceCodePrompt(prompts::add);
  }

  private MsalTokenSource.Builder secret(String secret) {
    return MsalTokenSource.clientSecret(TENANT, clientId, secret).httpClient(identity.routedClient());
  }

  @Test
  void deviceCodeFlowPollsUntilSignInFinishes() throws Exception {
    identity.pendingPolls = 2;
    MsalTokenSource source = deviceCode().build();

    String token = source.token(TokenRequest.DEFAULT);

    assertEquals("user-at-1", token);
    assertEquals(1, prompts.size());
    assertEquals("ABCD-EFGH", prompts.get(0).userCode());
    assertEquals("https://microsoft.com/devicelogin", prompts.get(0).verificationUri());
    assertTrue(prompts.get(0).message().contains("enter the code ABCD-EFGH"));
    assertEquals(3, identity.tokenRequests.size());
    assertEquals("dc-1", identity.tokenRequests.get(2).get("device_code"));
    assertTrue(identity.tokenRequests.get(2).get("scope")
        .contains("https://graph.microsoft.com/DeviceManagementServiceConfig.ReadWrite.All"));
    assertEquals(Set.of("login.microsoftonline.com"), Set.copyOf(identity.hostsSeen));
    assertEquals(IdentityKind.DELEGATED, source.identityKind());
    assertEquals(List.of(IdentityServer.USER), source.accounts());
  }

  @Test
  void signInFollowsNoRedirect() {
    identity.redirectEverything = true;

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> secret(IdentityServer.SECRET).build().token(TokenRequest.DEFAULT));

    assertEquals(Set.of("login.microsoftonline.com"), Set.copyOf(identity.hostsSeen), "a redirect was followed");
    assertTrue(e.getMessage().startsWith("sign-in failed"), e.getMessage());
  }

  @Test
  void tokenIsReusedUntilItNearsExpiry() throws Exception {
    MsalTokenSource source = deviceCode().build();

    assertEquals("user-at-1", source.token(TokenRequest.DEFAULT));
    int requests = identity.server.getRequestCount();

    assertEquals("user-at-1", source.token(TokenRequest.DEFAULT));

    assertEquals(requests, identity.server.getRequestCount());
    assertEquals(1, source.acquisitions());
  }

  @Test
  void tokenIsRefreshedWithTheRefreshTokenBeforeItExpires() throws Exception {
    identity.expiresIn = 120; // inside the five-minute refresh margin
    MsalTokenSource source = deviceCode().build();
    assertEquals("user-at-1", source.token(TokenRequest.DEFAULT));

    assertEquals("user-at-2", source.token(TokenRequest.DEFAULT));

    assertEquals("refresh_token", identity.grantTypes().get(identity.grantTypes().size() - 1));
    assertEquals("rt-1", identity.tokenRequests.get(identity.tokenRequests.size() - 1).get("refresh_token"));
    assertEquals(1, prompts.size(), "a person was asked to sign in again");
  }

  @Test
  void persistentCacheLetsALaterRunSignInSilently() throws Exception {
    Path cache = temp.resolve("cache/token-cache.json");
    MsalTokenSource login = deviceCode().tokenCache(cache).build();
    assertEquals(IdentityServer.USER, login.signIn());
    int requests = identity.tokenRequests.size();

    MsalTokenSource later = deviceCode().tokenCache(cache).interactionAllowed(false).build();
    String token = later.token(TokenRequest.DEFAULT);

    assertEquals("user-at-1", token);
    assertEquals(requests, identity.tokenRequests.size(), "the later run went to the identity platform");
    assertEquals(1, prompts.size());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.getParent())));
    assertFalse(Files.readString(cache).isEmpty());
  }

  @Test
  void headlessLinuxWithoutAKeyringFallsBackToAnOwnerOnlyFileAndSaysWhy() throws Exception {
    // This machine has msal4j-persistence-extension on the test classpath but no libsecret or session keyring.
    Path cache = temp.resolve("fallback/token-cache.json");

    MsalTokenSource source = deviceCode().tokenCache(cache).build();

    String description = source.tokenCacheDescription().orElseThrow();
    assertTrue(description.startsWith(cache + ", readable by its owner only (the platform's encrypted store is not"
        + " available here: "), description);
    source.signIn();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
    assertTrue(Files.readString(cache).contains("\"refresh_token\"") || Files.readString(cache).contains("RefreshToken"));
  }

  @Test
  void appOnlyFlowsKeepNothingOnDisk() throws Exception {
    Path cache = temp.resolve("app/token-cache.json");

    MsalTokenSource source = secret(IdentityServer.SECRET).tokenCache(cache).build();
    source.token(TokenRequest.DEFAULT);

    assertTrue(source.tokenCacheDescription().isEmpty());
    assertFalse(Files.exists(cache));
  }

  @Test
  void signOutRemovesTheAccountFromTheCache() throws Exception {
    Path cache = temp.resolve("token-cache.json");
    deviceCode().tokenCache(cache).build().signIn();

    MsalTokenSource source = deviceCode().tokenCache(cache).interactionAllowed(false).build();
    assertEquals(List.of(IdentityServer.USER), source.signOut());

    MsalTokenSource after = deviceCode().tokenCache(cache).interactionAllowed(false).build();
    assertEquals(List.of(), after.accounts());
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> after.token(TokenRequest.DEFAULT));
    assertEquals("not signed in: the token cache holds no account; sign in first (call MsalTokenSource.signIn()"
        + " where a person can sign in)", e.getMessage());
    AuthenticationException advised = assertThrows(AuthenticationException.class, () -> deviceCode().tokenCache(cache)
        .interactionAllowed(false).signInAdvice("run mytool auth").build().token(TokenRequest.DEFAULT));
    assertEquals("not signed in: the token cache holds no account; sign in first (run mytool auth)",
        advised.getMessage());
    assertThrows(IllegalArgumentException.class, () -> deviceCode().signInAdvice("two\nlines"));
  }

  @Test
  void noInteractionWhereNobodyWatchesFailsWithoutContactingTheIdentityPlatform() {
    MsalTokenSource source = deviceCode().interactionAllowed(false).build();

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> source.token(TokenRequest.DEFAULT));

    assertTrue(e.getMessage().startsWith("not signed in"), e.getMessage());
    assertEquals(0, identity.server.getRequestCount());
    assertEquals(0, prompts.size());
  }

  @Test
  void expiredDeviceCodeSaysWhatToDo() {
    identity.deviceCodeOutcome = "expired";

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> deviceCode().build().token(TokenRequest.DEFAULT));

    assertEquals("the device code expired before sign-in finished (expired_token, AADSTS70020): run again and enter"
        + " the code in time", e.getMessage());
  }

  @Test
  void deviceCodeThatRunsOutWhilePendingExpires() {
    identity.pendingPolls = Integer.MAX_VALUE;
    identity.deviceCodeExpiresIn = 1;

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> deviceCode().build().token(TokenRequest.DEFAULT));

    assertEquals("the device code expired before sign-in finished: run again and enter the code in time",
        e.getMessage());
  }

  @Test
  void interruptingAPendingDeviceCodeSignInCancelsItAndStopsPolling() throws Exception {
    identity.pendingPolls = Integer.MAX_VALUE;
    CountDownLatch prompted = new CountDownLatch(1);
    MsalTokenSource source = deviceCode().deviceCodePrompt(prompt -> prompted.countDown()).build();
    List<Throwable> thrown = new CopyOnWriteArrayList<>();
    Thread signIn = new Thread(() -> {
      try {
        source.token(TokenRequest.DEFAULT);
      } catch (Exception e) {
        thrown.add(e);
      }
    });
    signIn.start();
    assertTrue(prompted.await(10, TimeUnit.SECONDS));

    signIn.interrupt();
    signIn.join(10_000);

    assertFalse(signIn.isAlive());
    assertEquals("sign-in was canceled", thrown.get(0).getMessage());
    // Polling stops: the count settles (bounded look, no fixed sleep as a pass condition).
    int before = -1;
    for (int i = 0; i < 50 && before != identity.server.getRequestCount(); i++) {
      before = identity.server.getRequestCount();
      Thread.sleep(100);
    }
    assertEquals(before, identity.server.getRequestCount(), "MSAL kept polling after the cancel");
  }

  @Test
  void declinedSignInIsReported() {
    identity.deviceCodeOutcome = "declined";

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> deviceCode().build().token(TokenRequest.DEFAULT));

    assertEquals("sign-in was declined (authorization_declined, AADSTS70000)", e.getMessage());
  }

  @Test
  void browserFlowCompletesThroughTheLoopbackRedirect() throws Exception {
    List<String> opened = new CopyOnWriteArrayList<>();
    MsalTokenSource source = MsalTokenSource.browser(TENANT, clientId).httpClient(identity.routedClient())
        .openBrowser(url -> {
          opened.add(url.toString());
          // Play the identity platform's part: the browser posts the code back (response_mode=form_post).
          Map<String, String> query = IdentityServer.form(url.getQuery());
          assertEquals("form_post", query.get("response_mode"));
          new Thread(() -> post(query.get("redirect_uri"), "code=auth-code-1&state=" + query.get("state"))).start();
        })
        .build();

    assertEquals("user-at-1", source.token(TokenRequest.DEFAULT));

    assertEquals(1, opened.size());
    assertTrue(opened.get(0).startsWith("https://login.microsoftonline.com/" + TENANT + "/oauth2/v2.0/authorize?"),
        opened.get(0));
    assertEquals(List.of("authorization_code"), identity.grantTypes());
    assertEquals("auth-code-1", identity.tokenRequests.get(0).get("code"));
    assertNotNull(identity.tokenRequests.get(0).get("code_verifier"));
  }

  private static void post(String url, String form) {
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      connection.getOutputStream().write(form.getBytes(StandardCharsets.US_ASCII));
      connection.getResponseCode();
      connection.disconnect();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void clientSecretGetsAnAppOnlyTokenForTheDefaultScope() throws Exception {
    MsalTokenSource source = secret(IdentityServer.SECRET).build();

    assertEquals("app-at-1", source.token(TokenRequest.DEFAULT));

    Map<String, String> form = identity.tokenRequests.get(0);
    assertEquals("client_credentials", form.get("grant_type"));
    assertTrue(List.of(form.get("scope").split(" ")).contains("https://graph.microsoft.com/.default"), form.get("scope"));
    assertEquals(IdentityKind.APPLICATION, source.identityKind());
    assertFalse(source.toString().contains(IdentityServer.SECRET));
  }

  @Test
  void anUnreachableSignInServiceIsANetworkFailureNotRefusedCredentials() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    okhttp3.OkHttpClient nowhere = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> chain.proceed(
        chain.request().newBuilder().url(chain.request().url().newBuilder().scheme("http").host("127.0.0.1")
            .port(closedPort).build()).build())).build();

    NetworkException e = assertThrows(NetworkException.class, () -> MsalTokenSource.clientSecret(TENANT, clientId,
        IdentityServer.SECRET).httpClient(nowhere).build().token(TokenRequest.DEFAULT));

    assertTrue(e.getMessage().startsWith("cannot reach the sign-in service login.microsoftonline.com: "),
        e.getMessage());
    assertFalse(e.getMessage().contains(IdentityServer.SECRET));
  }

  @Test
  void wrongClientSecretIsAClearError() {
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> secret("wrong").build().token(TokenRequest.DEFAULT));

    assertEquals("the app's credential was rejected (invalid_client, AADSTS7000215): check that the client secret"
        + " or certificate belongs to app '" + clientId + "' and has not expired", e.getMessage());
    assertFalse(e.getMessage().contains("wrong"));
  }

  @Test
  void unknownClientIdAndTenantAreNamed() {
    String unknown = "unknown-" + UUID.randomUUID();
    AuthenticationException app = assertThrows(AuthenticationException.class, () -> MsalTokenSource
        .clientSecret(TENANT, unknown, "x").httpClient(identity.routedClient()).build().token(TokenRequest.DEFAULT));
    assertEquals("unknown client id '" + unknown + "' in tenant '" + TENANT + "' (unauthorized_client,"
        + " AADSTS700016): check the client id, and that the app is registered in that tenant", app.getMessage());

    AuthenticationException tenant = assertThrows(AuthenticationException.class, () -> MsalTokenSource
        .clientSecret("nosuchtenant.example", clientId, "x").httpClient(identity.routedClient()).build()
        .token(TokenRequest.DEFAULT));
    assertEquals("tenant 'nosuchtenant.example' not found (invalid_request, AADSTS90002): give the tenant id or one"
        + " of its verified domains", tenant.getMessage());
  }

  @Test
  void missingConsentNamesThePermissionToGrant() {
    String app = "noconsent-" + UUID.randomUUID();

    AuthenticationException e = assertThrows(AuthenticationException.class, () -> MsalTokenSource
        .clientSecret(TENANT, app, IdentityServer.SECRET).httpClient(identity.routedClient()).build()
        .token(TokenRequest.DEFAULT));

    assertEquals("consent missing (invalid_grant, AADSTS65001): an admin must grant app '" + app + "' the"
        + " permission DeviceManagementServiceConfig.ReadWrite.All in tenant '" + TENANT + "'", e.getMessage());
  }

  @Test
  void badTenantOrClientIdIsRefusedBeforeAnyRequest() {
    assertEquals("tenant 'contoso com' is not a tenant id or domain name", assertThrows(IllegalArgumentException.class,
        () -> MsalTokenSource.deviceCode("contoso com", clientId)).getMessage());
    assertEquals("client id 'a/b' is not an application (client) id", assertThrows(IllegalArgumentException.class,
        () -> MsalTokenSource.deviceCode(TENANT, "a/b")).getMessage());
    assertEquals("the client secret is empty", assertThrows(IllegalArgumentException.class,
        () -> MsalTokenSource.clientSecret(TENANT, clientId, " ")).getMessage());
  }

  @Test
  void concurrentCallersShareOneAcquisition() throws Exception {
    identity.tokenDelayMillis = 200;
    MsalTokenSource source = secret(IdentityServer.SECRET).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> tokens = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tokens.add(pool.submit((Callable<String>) () -> {
        start.await();
        return source.token(TokenRequest.DEFAULT);
      }));
    }
    start.countDown();
    for (Future<String> token : tokens) {
      assertEquals("app-at-1", token.get(10, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertEquals(1, identity.tokenRequests.size());
  }

  @Test
  void rejectedTokenIsReplacedOnceAndClaimsArePassed() throws Exception {
    MsalTokenSource source = secret(IdentityServer.SECRET).build();
    String first = source.token(TokenRequest.DEFAULT);

    String claims = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"1604106651\"}}}";
    String second = source.token(new TokenRequest(first, claims));
    String third = source.token(new TokenRequest(first, null)); // a late caller reporting the same rejection

    assertEquals("app-at-2", second);
    assertEquals("app-at-2", third);
    assertEquals(2, identity.tokenRequests.size());
    assertTrue(identity.tokenRequests.get(1).get("claims").contains("1604106651"), identity.tokenRequests.get(1).toString());
  }

  @Test
  void unauthorizedFromGraphGetsOneFreshTokenThenSucceeds() throws Exception {
    try (MockWebServer graph = new MockWebServer()) {
      graph.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\","
          + "\"message\":\"Token expired\"}}"));
      graph.enqueue(new MockResponse().setResponseCode(204));
      graph.start();
      ExchangeConnectorClient client = ExchangeConnectorClient.builder().graphUrl(graph.url("/").toString())
          .tokenSource(secret(IdentityServer.SECRET).build()).build();

      client.sync("c1", DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);

      assertEquals("Bearer app-at-1", graph.takeRequest().getHeader("Authorization"));
      assertEquals("Bearer app-at-2", graph.takeRequest().getHeader("Authorization"));
      assertEquals(List.of("client_credentials", "client_credentials"), identity.grantTypes());
    }
  }

  @Test
  void secondUnauthorizedFromGraphIsAnAuthenticationError() throws Exception {
    try (MockWebServer graph = new MockWebServer()) {
      for (int i = 0; i < 2; i++) {
        graph.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":{\"code\":"
            + "\"InvalidAuthenticationToken\",\"message\":\"Access token validation failure.\"}}"));
      }
      graph.start();
      ExchangeConnectorClient client = ExchangeConnectorClient.builder().graphUrl(graph.url("/").toString())
          .tokenSource(secret(IdentityServer.SECRET).build()).build();

      AuthenticationException e = assertThrows(AuthenticationException.class, () -> client.get("c1"));

      assertEquals(401, e.statusCode());
      assertEquals(2, graph.getRequestCount());
      assertEquals(2, identity.tokenRequests.size());
    }
  }

  @Test
  void nationalCloudMovesAuthorityScopeAndGraphHostTogether() throws Exception {
    MsalTokenSource china = secret(IdentityServer.SECRET).cloud(GraphCloud.CHINA).build();

    china.token(TokenRequest.DEFAULT);

    assertEquals(List.of("login.chinacloudapi.cn"), identity.hostsSeen);
    assertTrue(List.of(identity.tokenRequests.get(0).get("scope").split(" "))
        .contains("https://microsoftgraph.chinacloudapi.cn/.default"), identity.tokenRequests.get(0).get("scope"));
    assertEquals("https://microsoftgraph.chinacloudapi.cn/v1.0/", ExchangeConnectorClient.builder()
        .cloud(GraphCloud.CHINA).tokenSource(china).build().baseUrl());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExchangeConnectorClient.builder().tokenSource(china).build());
    assertTrue(e.getMessage().startsWith("the token source signs in to the china cloud"), e.getMessage());
    MsalTokenSource dod = MsalTokenSource.deviceCode(TENANT, clientId).cloud(GraphCloud.US_GOV_DOD).build();
    assertEquals("https://dod-graph.microsoft.us/v1.0/", ExchangeConnectorClient.builder()
        .cloud(GraphCloud.US_GOV_DOD).tokenSource(dod).build().baseUrl());
  }

  private Path certificate(String password) throws Exception {
    Path p12 = temp.resolve("app.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=exchange-sync-test",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", password,
        "-keypass", password).redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      store.load(in, password.toCharArray());
    }
    identity.certificateKey = store.getCertificate("app").getPublicKey();
    return p12;
  }

  @Test
  void certificateFromPkcs12SignsTheClientAssertion() throws Exception {
    Path p12 = certificate("p12-pass");
    ClientCertificate certificate = ClientCertificate.fromFile(p12, "p12-pass".toCharArray());

    MsalTokenSource source = MsalTokenSource.clientCertificate(TENANT, clientId, certificate)
        .httpClient(identity.routedClient()).build();

    assertEquals("app-at-1", source.token(TokenRequest.DEFAULT));
    assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        identity.tokenRequests.get(0).get("client_assertion_type"));
    assertEquals(40, certificate.thumbprint().length());
  }

  @Test
  void certificateFromPemWorksToo() throws Exception {
    Path p12 = certificate("pem-pass");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(p12)) {
      store.load(in, "pem-pass".toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("app", "pem-pass".toCharArray());
    Path pem = temp.resolve("app.pem");
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\n"
        + mime.encodeToString(store.getCertificate("app").getEncoded()) + "\n-----END CERTIFICATE-----\n");

    MsalTokenSource source = MsalTokenSource.clientCertificate(TENANT, clientId,
        ClientCertificate.fromFile(pem, new char[0])).httpClient(identity.routedClient()).build();

    assertEquals("app-at-1", source.token(TokenRequest.DEFAULT));
  }

  @Test
  void unreadableCertificatesSayWhy() throws Exception {
    Path missing = temp.resolve("missing.pem");
    assertEquals("certificate file " + missing + " cannot be read: no such file",
        assertThrows(IllegalArgumentException.class, () -> ClientCertificate.fromFile(missing, new char[0]))
            .getMessage());
    Path p12 = certificate("right-pass");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ClientCertificate.fromPkcs12(p12, "wrong-pass".toCharArray())).getMessage()
        .startsWith("certificate file " + p12 + " cannot be opened: wrong password, or not a PKCS#12 file"));
    Path pkcs1 = temp.resolve("old.pem");
    Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientCertificate.fromPem(pkcs1)).getMessage()
        .contains("convert it to PKCS#8"));
    Path text = temp.resolve("notes.txt");
    Files.writeString(text, "hello");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ClientCertificate.fromPem(text)).getMessage()
        .endsWith("holds no PEM block; give PEM (-----BEGIN ...) or a PKCS#12 file"));
  }
}
