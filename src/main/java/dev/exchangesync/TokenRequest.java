package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/**
 * What the client needs from a {@link TokenSource} for one request.
 *
 * @param forceRefresh true after Graph rejected the previous token with {@code 401}: a cached token must not be
 *     returned again
 * @param claims the claims challenge from Graph's {@code WWW-Authenticate} header (continuous access
 *     evaluation), to pass to the identity platform; null when there is none
 */
public record TokenRequest(boolean forceRefresh, @Nullable String claims) {
  /** An ordinary request: a cached, unexpired token will do. */
  public static final TokenRequest DEFAULT = new TokenRequest(false, null);
}
