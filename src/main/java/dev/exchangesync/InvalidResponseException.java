package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/**
 * Graph's answer could not be used: not the JSON the operation returns, larger than the client reads, a
 * redirect, or a next-page link to another host.
 */
public final class InvalidResponseException extends GraphException {
  private static final long serialVersionUID = 1L;

  InvalidResponseException(ErrorInfo info, String message, @Nullable Throwable cause) {
    super(info, message, cause);
  }
}
