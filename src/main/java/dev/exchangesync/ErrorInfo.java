package dev.exchangesync;

import dev.exchangesync.internal.http.CallState;
import org.jspecify.annotations.Nullable;

/** The facts that every {@link GraphException} carries, and the standard way to say them. */
record ErrorInfo(
    int statusCode,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    @Nullable String requestId,
    @Nullable String clientRequestId,
    @Nullable String agsDiagnostic,
    int attempts) {

  /** For failures before any request was sent. */
  static ErrorInfo none() {
    return new ErrorInfo(0, null, null, null, null, null, 0);
  }

  /** For failures without an answer from Graph: the call's ids and attempts only. */
  static ErrorInfo noAnswer(int statusCode, CallState state) {
    return new ErrorInfo(statusCode, null, null, state.requestId(), state.clientRequestId(), state.agsDiagnostic(),
        state.attempts());
  }

  /** Graph's message as one line, Intune's nested error document reduced to its sentence. */
  @Nullable ServiceMessage serviceMessage() {
    return errorMessage == null ? null : ServiceMessage.of(errorMessage);
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
      ServiceMessage message = serviceMessage();
      result.append(": ").append(message != null ? message.text() : "(no message)");
      if (message != null && (message.operationId() != null || message.activityId() != null)) {
        result.append(" (Operation ID: ").append(message.operationId()).append(", Activity ID: ")
            .append(message.activityId()).append(')');
      }
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
