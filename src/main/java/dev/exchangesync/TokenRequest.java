package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/**
 * What the client needs from a {@link TokenSource} for one request.
 *
 * @param rejectedToken the token Graph just rejected with {@code 401}, which must not be returned again; null for
 *     an ordinary request. Several calls may report the same rejected token: the source refreshes once and gives
 *     them all the new token.
 * @param claims the claims challenge from Graph's {@code WWW-Authenticate} header (continuous access
 *     evaluation), decoded JSON to pass to the identity platform; null when there is none
 */
public record TokenRequest(@Nullable String rejectedToken, @Nullable String claims) {
  /** An ordinary request: a cached, unexpired token will do. */
  public static final TokenRequest DEFAULT = new TokenRequest(null, null);

  /** Whether a cached token will not do: Graph rejected it, or asked for more claims. */
  public boolean forceRefresh() {
    return rejectedToken != null || claims != null;
  }

  @Override
  public String toString() {
    return "TokenRequest{forceRefresh=" + forceRefresh() + ", claims=" + (claims != null) + "}";
  }
}
