package dev.exchangesync.auth;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;

/**
 * A local identity endpoint that speaks the parts of the Microsoft identity platform's OAuth 2.0 protocol MSAL
 * uses: device code, token (device code, client credentials, refresh token, authorization code) and its errors.
 * MSAL reaches it through {@link #routedClient()}, which sends the real https authority hosts to loopback.
 */
public final class IdentityServer implements AutoCloseable {
  public static final String SECRET = "s3cret-value";
  public static final String USER = "adele@contoso.com";

  final MockWebServer server = new MockWebServer();
  final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
  /** Federated tokens (workload identity) accepted as client assertions. */
  public final Set<String> federatedTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final List<String> hostsSeen = new CopyOnWriteArrayList<>();
  final AtomicInteger issued = new AtomicInteger();
  volatile int pendingPolls = 1;
  volatile String deviceCodeOutcome = "success";
  volatile long expiresIn = 3600;
  volatile long deviceCodeExpiresIn = 900;
  volatile long tokenDelayMillis;
  volatile @Nullable PublicKey certificateKey;
  volatile @Nullable String lastRefreshToken;
  /** What refresh tokens start with; a test that hunts for leaks makes it unique. */
  volatile String refreshTokenPrefix = "rt-";
  /** Cuts user token responses short just after the refresh token, as a broken proxy might. */
  volatile boolean truncateTokenResponses;
  /** Answers every request with a redirect to another host, which a token request must not follow. */
  volatile boolean redirectEverything;
  private final AtomicInteger polls = new AtomicInteger();

  public IdentityServer() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    server.start();
  }

  /** An HTTP client that sends every request for a Microsoft sign-in host to this server, and no other. */
  public OkHttpClient routedClient() {
    Interceptor route = chain -> {
      Request request = chain.request();
      hostsSeen.add(request.url().host());
      if (!request.url().host().startsWith("login.")) {
        throw new IOException("test refuses to contact " + request.url().host());
      }
      HttpUrl local = request.url().newBuilder().scheme("http").host(server.getHostName()).port(server.getPort()).build();
      return chain.proceed(request.newBuilder().url(local).build());
    };
    return new OkHttpClient.Builder().addInterceptor(route).build();
  }

  /** The form of each token request, in order. */
  public List<Map<String, String>> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  public List<String> grantTypes() {
    return tokenRequests.stream().map(form -> form.get("grant_type")).toList();
  }

  @Override
  public void close() throws IOException {
    server.shutdown();
  }

  private MockResponse answer(RecordedRequest request) {
    if (redirectEverything) {
      return new MockResponse().setResponseCode(307).setHeader("Location", "https://collector.example/token");
    }
    String path = request.getRequestUrl().encodedPath();
    Map<String, String> form = form(request.getBody().readUtf8());
    String tenant = path.split("/")[1];
    if (tenant.equals("nosuchtenant.example")) {
      return error(400, "invalid_request", "AADSTS90002: Tenant 'nosuchtenant.example' not found.");
    }
    String clientId = form.getOrDefault("client_id", "");
    if (clientId.startsWith("unknown")) {
      return error(400, "unauthorized_client", "AADSTS700016: Application with identifier '" + clientId
          + "' was not found in the directory 'Contoso'.");
    }
    if (clientId.startsWith("noconsent")) {
      return error(400, "invalid_grant", "AADSTS65001: The user or administrator has not consented to use the"
          + " application with ID '" + clientId + "' named 'exchange-sync'.");
    }
    if (path.endsWith("/oauth2/v2.0/devicecode")) {
      return json(200, "{\"user_code\":\"ABCD-EFGH\",\"device_code\":\"dc-1\",\"verification_uri\":"
          + "\"https://microsoft.com/devicelogin\",\"expires_in\":" + deviceCodeExpiresIn + ",\"interval\":0,\"message\":\"To sign in, use a"
          + " web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to"
          + " authenticate.\"}");
    }
    if (!path.endsWith("/oauth2/v2.0/token")) {
      return error(404, "not_found", "no such endpoint " + path);
    }
    tokenRequests.add(form);
    if (tokenDelayMillis > 0) {
      try {
        Thread.sleep(tokenDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String grant = form.getOrDefault("grant_type", "");
    switch (grant) {
      case "device_code", "urn:ietf:params:oauth:grant-type:device_code" -> {
        if (polls.incrementAndGet() <= pendingPolls) {
          return error(400, "authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. Authorization is"
              + " pending. Continue polling.");
        }
        return switch (deviceCodeOutcome) {
          case "expired" -> error(400, "expired_token", "AADSTS70020: The provided value for the input parameter"
              + " 'device_code' is not valid. This device code has expired.");
          case "declined" -> error(400, "authorization_declined", "AADSTS70000: The user declined the request.");
          default -> userTokens(clientId, form.get("scope"));
        };
      }
      case "refresh_token" -> {
        if (!form.get("refresh_token").equals(lastRefreshToken)) {
          return error(400, "invalid_grant", "AADSTS70008: The refresh token has expired due to inactivity.");
        }
        return userTokens(clientId, form.get("scope"));
      }
      case "authorization_code" -> {
        return userTokens(clientId, form.get("scope"));
      }
      case "client_credentials" -> {
        boolean secretOk = SECRET.equals(form.get("client_secret"));
        boolean assertionOk = form.containsKey("client_assertion") && (verifies(form.get("client_assertion"))
            || federatedTokens.contains(form.get("client_assertion")));
        if (!secretOk && !assertionOk) {
          return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret"
              + " being sent in the request is the client secret value, not the client secret ID.");
        }
        int n = issued.incrementAndGet();
        return json(200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":"
            + expiresIn + ",\"access_token\":\"app-at-" + n + "\"}");
      }
      default -> {
        return error(400, "unsupported_grant_type", "AADSTS70003: unsupported grant " + grant);
      }
    }
  }

  /** Checks the client assertion's RS256 signature against the test certificate's public key. */
  private boolean verifies(String assertion) {
    PublicKey key = certificateKey;
    String[] parts = assertion.split("\\.");
    if (key == null || parts.length != 3) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance(assertion.contains("PS256") ? "RSASSA-PSS" : "SHA256withRSA");
      String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
      if (header.contains("\"PS256\"")) {
        signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
            java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
      } else {
        signature = Signature.getInstance("SHA256withRSA");
      }
      signature.initVerify(key);
      signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (Exception e) {
      return false;
    }
  }

  private MockResponse userTokens(String clientId, @Nullable String scope) {
    int n = issued.incrementAndGet();
    long now = Instant.now().getEpochSecond();
    String idToken = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"aud\":\"" + clientId + "\",\"iss\":"
        + "\"https://login.microsoftonline.com/tid-1/v2.0\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":"
        + (now + 3600) + ",\"name\":\"Adele Vance\",\"oid\":\"uid-1\",\"preferred_username\":\"" + USER
        + "\",\"sub\":\"sub-1\",\"tid\":\"tid-1\",\"ver\":\"2.0\"}") + ".";
    lastRefreshToken = refreshTokenPrefix + n;
    String body = "{\"token_type\":\"Bearer\",\"scope\":\"" + (scope == null ? "" : scope.replace("\"", ""))
        + "\",\"expires_in\":" + expiresIn + ",\"ext_expires_in\":" + expiresIn + ",\"access_token\":\"user-at-" + n
        + "\",\"refresh_token\":\"" + lastRefreshToken + "\",\"id_token\":\"" + idToken + "\",\"client_info\":\""
        + b64("{\"uid\":\"uid-1\",\"utid\":\"tid-1\"}") + "\"}";
    return json(200, truncateTokenResponses ? body.substring(0, body.indexOf(lastRefreshToken) + 40) : body);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
  }

  private static MockResponse error(int status, String error, String description) {
    return json(status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description
        + "\\r\\nTrace ID: 0000\\r\\nCorrelation ID: 1111\\r\\nTimestamp: 2026-11-25 01:00:00Z\",\"error_codes\":["
        + description.substring(6, description.indexOf(':')) + "]}");
  }

  static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
