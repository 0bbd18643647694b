package dev.exchangesync;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A Graph operation failed. The subclasses say how; this class itself stands for any other rejected request,
 * such as {@code 400 BadRequest}.
 *
 * <p>The message reads like {@code 403 Authorization_RequestDenied: Insufficient privileges to complete the
 * operation. (request-id: …, client-request-id: …)}: quote the ids to Microsoft support. It never contains a
 * token.
 */
public class GraphException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final @Nullable String errorCode;
  private final @Nullable String errorMessage;
  private final @Nullable String requestId;
  private final @Nullable String clientRequestId;
  private final @Nullable String agsDiagnostic;
  private final @Nullable String operationId;
  private final @Nullable String activityId;
  private final int attempts;

  GraphException(ErrorInfo info, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = info.statusCode();
    this.errorCode = info.errorCode();
    this.errorMessage = info.errorMessage();
    this.requestId = info.requestId();
    this.clientRequestId = info.clientRequestId();
    this.agsDiagnostic = info.agsDiagnostic();
    ServiceMessage service = info.serviceMessage();
    this.operationId = service != null ? service.operationId() : null;
    this.activityId = service != null ? service.activityId() : null;
    this.attempts = info.attempts();
  }

  /** HTTP status code of Graph's answer, or 0 when no answer came. */
  public int statusCode() {
    return statusCode;
  }

  /** Graph's error code, e.g. {@code ResourceNotFound}, or null when the answer carried none. */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /**
   * Graph's error message as Graph sent it, or null when the answer carried none. Intune often sends a whole
   * JSON document here; {@link #getMessage()} has its sentence, {@link #operationId()} and {@link #activityId()}
   * its ids.
   */
  public @Nullable String errorMessage() {
    return errorMessage;
  }

  /** Graph's id of the request ({@code request-id}), or null when no answer carried one. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** The {@code client-request-id} this client sent, or null when no request was sent. */
  public @Nullable String clientRequestId() {
    return clientRequestId;
  }

  /**
   * Graph's {@code x-ms-ags-diagnostic} header (the data center and role that answered, as JSON), or null when
   * the answer had none. Microsoft asks for it with the request-id in support requests.
   */
  public @Nullable String agsDiagnostic() {
    return agsDiagnostic;
  }

  /** Intune's Operation ID "for customer support", from an Intune error document, or null. */
  public @Nullable String operationId() {
    return operationId;
  }

  /** Intune's Activity ID, from an Intune error document, or null. */
  public @Nullable String activityId() {
    return activityId;
  }

  /** How many times the request was sent, counting retries; 0 when it failed before sending. */
  public int attempts() {
    return attempts;
  }
}
