package dev.exchangesync.auth;

/**
 * The token cache cannot be read, written or understood. Its message names the cache and what to do, and never
 * quotes the cache's content (which holds tokens); it never has a cause, whose message might.
 */
final class TokenCacheException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TokenCacheException(String message) {
    super(message);
  }

  /** The cache's content is not a token cache MSAL can load: cut short, overwritten, or not JSON at all. */
  static TokenCacheException damaged(Object where) {
    return new TokenCacheException("the token cache " + where + " is damaged (not a token cache MSAL wrote):"
        + " delete it and sign in again");
  }
}
