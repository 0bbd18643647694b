package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/** No answer came from Graph: the connection failed, broke or timed out, even after the allowed retries. */
public final class NetworkException extends GraphException {
  private static final long serialVersionUID = 1L;

  NetworkException(ErrorInfo info, String message, @Nullable Throwable cause) {
    super(info, message, cause);
  }
}
