package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/**
 * No valid token: signing in failed, or Graph rejected the token ({@code 401}) even after one refresh. The
 * message says what to fix. {@link TokenSource} implementations throw it when they cannot produce a token.
 */
public final class AuthenticationException extends GraphException {
  private static final long serialVersionUID = 1L;

  /** For token sources: signing in failed for the reason {@code message} gives. */
  public AuthenticationException(String message, @Nullable Throwable cause) {
    super(ErrorInfo.none(), message, cause);
  }

  AuthenticationException(ErrorInfo info, String message) {
    super(info, message, null);
  }
}
