package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/**
 * No answer came from Graph, or from the sign-in service: the connection failed, broke or timed out, even after
 * the allowed retries. Trying again later may work; nothing is wrong with the credentials.
 */
public final class NetworkException extends GraphException {
  private static final long serialVersionUID = 1L;

  /** For token sources: the sign-in service could not be reached, for the reason {@code message} gives. */
  public NetworkException(String message, @Nullable Throwable cause) {
    super(ErrorInfo.none(), message, cause);
  }

  NetworkException(ErrorInfo info, String message, @Nullable Throwable cause) {
    super(info, message, cause);
  }
}
