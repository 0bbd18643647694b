package dev.exchangesync.internal.http;

import java.io.IOException;

/** The client refused to send a request that would break its rules (another host, plain HTTP). Not retried. */
public final class RefusedRequestException extends IOException {
  private static final long serialVersionUID = 1L;

  RefusedRequestException(String message) {
    super(message);
  }
}
