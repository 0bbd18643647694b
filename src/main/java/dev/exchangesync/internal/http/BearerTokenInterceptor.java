package dev.exchangesync.internal.http;

import dev.exchangesync.AuthenticationException;
import dev.exchangesync.TokenRequest;
import dev.exchangesync.TokenSource;
import dev.exchangesync.internal.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Adds {@code Authorization: Bearer …} to requests for the Graph origin, and refuses any other origin. A
 * {@code 401} gets exactly one fresh token, with the claims challenge of continuous access evaluation when
 * Graph sends one, and one more try; a second {@code 401} is returned as it is. The same copy of the request
 * carries the call's {@code client-request-id} and the {@code User-Agent} naming this library.
 */
public final class BearerTokenInterceptor implements Interceptor {
  /** Graph's preference for enum members added after {@code unknownFutureValue}. */
  public static final String INCLUDE_UNKNOWN_ENUM_MEMBERS = "include-unknown-enum-members";
  private static final Pattern CLAIMS = Pattern.compile("claims=\"([^\"]*)\"");

  private final TokenSource tokenSource;
  private final HttpUrl graphRoot;
  private final CallStates states;
  private final String userAgent;

  public BearerTokenInterceptor(TokenSource tokenSource, HttpUrl graphRoot, CallStates states, String userAgent) {
    this.tokenSource = tokenSource;
    this.graphRoot = graphRoot;
    this.states = states;
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!Urls.sameOrigin(request.url(), graphRoot)) {
      throw new RefusedRequestException("refusing to send the Graph token to " + request.url().scheme() + "://"
          + request.url().host() + ":" + request.url().port() + ", which is not the Graph host "
          + graphRoot.host());
    }
    String clientRequestId = states.of(chain.call()).clientRequestId();
    String token = token(TokenRequest.DEFAULT);
    Response response = chain.proceed(stamped(request, token, clientRequestId));
    if (response.code() != 401) {
      return response;
    }
    String claims = claimsChallenge(response);
    String fresh = token(new TokenRequest(token, claims));
    if (fresh.equals(token) && claims == null) {
      return response; // Nothing new to try: the source cannot refresh (e.g. a static token).
    }
    response.close();
    return chain.proceed(stamped(request, fresh, clientRequestId));
  }

  private String token(TokenRequest tokenRequest) throws IOException {
    String token;
    try {
      token = tokenSource.token(tokenRequest);
    } catch (RuntimeException e) {
      throw new AuthenticationException("the token source failed: " + e, e);
    }
    if (token == null || token.isEmpty()) {
      throw new AuthenticationException("the token source returned no token", null);
    }
    if (Checks.firstNonHeaderCharacter(token) >= 0) {
      throw new AuthenticationException(
          "the token source returned a token with a character that cannot go in an HTTP header", null);
    }
    return token;
  }

  private Request stamped(Request request, String token, String clientRequestId) {
    return request.newBuilder()
        .header("Authorization", "Bearer " + token)
        .header("client-request-id", clientRequestId)
        .header("User-Agent", userAgent)
        .header("Prefer", prefer(request.header("Prefer")))
        .build();
  }

  /**
   * The {@code Prefer} header with {@code include-unknown-enum-members}: without it Graph replaces enum members
   * newer than {@code unknownFutureValue} by {@code unknownFutureValue}, and the open enums could never show them.
   */
  static String prefer(@Nullable String existing) {
    if (existing == null || existing.isBlank()) {
      return INCLUDE_UNKNOWN_ENUM_MEMBERS;
    }
    return existing.toLowerCase(java.util.Locale.ROOT).contains(INCLUDE_UNKNOWN_ENUM_MEMBERS) ? existing
        : existing + ", " + INCLUDE_UNKNOWN_ENUM_MEMBERS;
  }

  /** The decoded {@code claims} of a {@code WWW-Authenticate: Bearer … claims="base64"} challenge, if any. */
  static @Nullable String claimsChallenge(Response response) {
    for (String challenge : response.headers("WWW-Authenticate")) {
      Matcher matcher = CLAIMS.matcher(challenge);
      if (matcher.find() && !matcher.group(1).isEmpty()) {
        String claims = matcher.group(1);
        try {
          return new String(Base64.getDecoder().decode(claims), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
          return claims;
        }
      }
    }
    return null;
  }
}
