package dev.exchangesync.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import dev.exchangesync.AuthenticationException;
import dev.exchangesync.TokenRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A damaged token cache never puts the tokens it holds into an exception message, stderr or a log (ours or MSAL's),
 * and is reported as what it is: a damaged file, named, with what to do.
 */
final class TokenCacheSecretsTest {
  private static final String TENANT = "contoso.onmicrosoft.com";
  private static final Path LOG = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-debug.log"));

  @TempDir
  Path temp;

  private IdentityServer identity;
  private final String clientId = UUID.randomUUID().toString();
  /** Unique, so that finding it anywhere but in the cache file is a leak. */
  private final String secretPrefix = "rt-SECRET-" + UUID.randomUUID() + "-";

  @BeforeEach
  void setUp() throws Exception {
    identity = new IdentityServer();
    identity.refreshTokenPrefix = secretPrefix;
  }

  @AfterEach
  void tearDown() throws Exception {
    identity.close();
  }

  private MsalTokenSource.Builder deviceCode(Path cache) {
    return MsalTokenSource.deviceCode(TENANT, clientId).httpClient(identity.routedClient())
        .deviceCodePrompt(prompt -> { }).tokenCache(cache);
  }

  static Stream<Arguments> corruptions() {
    return Stream.of(
        Arguments.of("truncated just after the refresh token", (UnaryOperator<String>) json ->
            json.substring(0, json.indexOf("rt-SECRET-") + 60)),
        Arguments.of("truncated inside the refresh token", (UnaryOperator<String>) json ->
            json.substring(0, json.indexOf("rt-SECRET-") + 20)),
        Arguments.of("a stray character after the refresh token", (UnaryOperator<String>) json -> {
          int end = json.indexOf('"', json.indexOf("rt-SECRET-"));
          return json.substring(0, end + 1) + " x" + json.substring(end + 1);
        }),
        Arguments.of("the refresh token where an object belongs", (UnaryOperator<String>) json -> {
          int start = json.indexOf("rt-SECRET-");
          String secret = json.substring(start, json.indexOf('"', start));
          return "{\"RefreshToken\":\"" + secret + "\",\"AccessToken\":[\"" + secret + "\"]}";
        }),
        Arguments.of("binary junk around the refresh token", (UnaryOperator<String>) json -> {
          int start = json.indexOf("rt-SECRET-");
          return "\u0000\u0001" + json.substring(start, start + 60) + "\u00ff";
        }));
  }

  /** What an {@link AuthenticationException} said, and what was written to stderr (MSAL's own lines) meanwhile. */
  private record Failure(AuthenticationException exception, String stderr) {
  }

  private static Failure failsWithStderrCaptured(org.junit.jupiter.api.function.Executable action) {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      AuthenticationException e = assertThrows(AuthenticationException.class, action);
      return new Failure(e, stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptions")
  void damagedCacheIsNamedAndLeaksNoToken(String what, UnaryOperator<String> damage) throws Exception {
    Path cache = temp.resolve("token-cache.json");
    deviceCode(cache).build().signIn();
    String json = Files.readString(cache);
    assertTrue(json.contains(secretPrefix), "the sign-in cached no refresh token");
    Files.writeString(cache, damage.apply(json), StandardCharsets.ISO_8859_1);
    long logBefore = Files.exists(LOG) ? Files.size(LOG) : 0;

    MsalTokenSource later = deviceCode(cache).interactionAllowed(false).build();
    Failure failure = failsWithStderrCaptured(() -> later.token(TokenRequest.DEFAULT));
    AuthenticationException e = failure.exception();

    assertEquals("the token cache " + cache + " is damaged (not a token cache MSAL wrote): delete it and sign in"
        + " again", e.getMessage(), what);
    assertNoSecret(everythingSaid(e), "the exception chain");
    assertNoSecret(failure.stderr(), "stderr");
    assertNoSecret(logSince(logBefore), "the log");
    assertTrue(Files.exists(cache), "the damaged file was removed behind the user's back");
  }

  @Test
  void unreadableCacheSaysWhichFileAndWhy() throws Exception {
    Path cache = temp.resolve("token-cache.json");
    Files.createDirectories(cache); // a directory where the file belongs: unreadable, even for root

    MsalTokenSource source = deviceCode(cache).interactionAllowed(false).build();
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> source.token(TokenRequest.DEFAULT));

    assertTrue(e.getMessage().startsWith("cannot read the token cache " + cache + " ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("): check that it is a file its owner can read and write, or delete it and"
        + " sign in again"), e.getMessage());
    assertFalse(e.getMessage().contains("sign-in service"), "blamed the network: " + e.getMessage());
  }

  @Test
  void tokenResponseCutShortLeaksNoTokenAndIsNotCalledANetworkFailure() throws Exception {
    identity.truncateTokenResponses = true;
    long logBefore = Files.exists(LOG) ? Files.size(LOG) : 0;

    MsalTokenSource source = deviceCode(temp.resolve("token-cache.json")).build();
    Failure failure = failsWithStderrCaptured(() -> source.token(TokenRequest.DEFAULT));
    AuthenticationException e = failure.exception();

    assertTrue(e.getMessage().startsWith("sign-in failed (invalid_response): the sign-in service answered HTTP 200"
        + " with a body that is not JSON"), e.getMessage());
    assertNoSecret(everythingSaid(e), "the exception chain");
    assertNoSecret(failure.stderr(), "stderr");
    assertNoSecret(logSince(logBefore), "the log");
  }

  @Test
  void messagesQuotedFromDependenciesHaveCredentialsRedactedAndIdsKept() {
    String quoted = MsalErrors.safe("AADSTS50058: failed for 0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01 with"
        + " eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiIwMDAwMDAwMy0wMDAw.c2lnbmF0dXJl and"
        + " 0.AXoAbcdEFGH1234567890abcdefghijklmno scope DeviceManagementServiceConfig.ReadWrite.All\n"
        + " at [Source: {\"secret\":\"s\"}]");

    assertEquals("AADSTS50058: failed for 0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01 with <redacted> and <redacted> scope"
        + " DeviceManagementServiceConfig.ReadWrite.All", quoted);
  }

  @Test
  void platformStoreFailuresAreReplacedByOnesThatQuoteNothing() {
    String secret = secretPrefix + "1";
    ITokenCacheAccessAspect parserLike = new ITokenCacheAccessAspect() {
      @Override
      public void beforeCacheAccess(ITokenCacheAccessContext context) {
        throw new IllegalStateException("Unexpected end-of-input\n at [Source: {\"secret\":\"" + secret + "\"");
      }

      @Override
      public void afterCacheAccess(ITokenCacheAccessContext context) {
        throw new IllegalStateException("cannot store " + secret);
      }
    };
    TokenCaches.Guarded guarded = new TokenCaches.Guarded(parserLike, "in the keychain");

    TokenCacheException read = assertThrows(TokenCacheException.class, () -> guarded.beforeCacheAccess(null));
    TokenCacheException write = assertThrows(TokenCacheException.class, () -> guarded.afterCacheAccess(null));

    assertEquals("the token cache in the keychain is damaged (not a token cache MSAL wrote): delete it and sign in"
        + " again", read.getMessage());
    assertEquals("cannot write the token cache in the keychain (IllegalStateException): delete it and sign in again",
        write.getMessage());
    assertNoSecret(everythingSaid(read) + everythingSaid(write), "the exception chain");
  }

  private void assertNoSecret(String text, String where) {
    assertFalse(text.contains(secretPrefix), "a refresh token reached " + where + ":\n" + text);
    assertFalse(text.contains("SECRET"), "part of a refresh token reached " + where + ":\n" + text);
  }

  /** Messages and toString of the exception and every cause and suppressed exception, as a stack trace shows them. */
  private static String everythingSaid(Throwable e) {
    ByteArrayOutputStream trace = new ByteArrayOutputStream();
    e.printStackTrace(new PrintStream(trace, true, StandardCharsets.UTF_8));
    return trace.toString(StandardCharsets.UTF_8);
  }

  private static String logSince(long offset) throws Exception {
    if (!Files.exists(LOG)) {
      return "";
    }
    byte[] all = Files.readAllBytes(LOG);
    return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
        StandardCharsets.UTF_8);
  }
}
