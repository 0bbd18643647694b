package dev.exchangesync.internal.http;

import java.io.IOException;

/** A response body was larger than the client reads. Not retried: the next answer would be as large. */
public final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  ResponseTooLargeException(long limit) {
    super("the response body is larger than " + limit + " bytes, the most this client reads");
  }
}
