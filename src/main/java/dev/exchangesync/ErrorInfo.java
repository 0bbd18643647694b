package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/** The facts that every {@link GraphException} carries, and the standard way to say them. */
record ErrorInfo(
    int statusCode,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    @Nullable String requestId,
    @Nullable String clientRequestId,
    int attempts) {

  /** For failures before any request was sent. */
  static ErrorInfo none() {
    return new ErrorInfo(0, null, null, null, null, 0);
  }

  /**
   * Formats {@code 403 Authorization_RequestDenied: Insufficient privileges. (request-id: a, client-request-id:
   * b)}, with {@code reason} (e.g. {@code HTTP 500 Internal Server Error}) standing in for the status, Graph
   * code and message when the answer had no Graph error.
   */
  String describe(String reason) {
    StringBuilder result = new StringBuilder();
    if (errorCode != null || errorMessage != null) {
      result.append(statusCode).append(' ').append(errorCode != null ? errorCode : "(no code)");
      result.append(": ").append(errorMessage != null ? errorMessage : "(no message)");
    } else {
      result.append(reason);
    }
    if (requestId != null || clientRequestId != null) {
      result.append(" (");
      if (requestId != null) {
        result.append("request-id: ").append(requestId);
      }
      if (clientRequestId != null) {
        result.append(requestId != null ? ", " : "").append("client-request-id: ").append(clientRequestId);
      }
      result.append(')');
    }
    if (attempts > 1) {
      result.append(" after ").append(attempts).append(" attempts");
    }
    return result.toString();
  }
}
