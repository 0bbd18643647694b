package dev.exchangesync.auth;

import java.io.IOException;

/**
 * The identity platform did not answer: refused, reset, timed out. The only sign-in failure reported as a network
 * problem; a parser's {@link IOException} is not one.
 */
final class UnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  UnreachableException(IOException cause) {
    super(cause.getClass().getSimpleName() + ": " + MsalErrors.safe(cause.getMessage()), cause);
  }
}
