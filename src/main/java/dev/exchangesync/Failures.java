package dev.exchangesync;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.exchangesync.model.MainError;
import dev.exchangesync.model.OdataError;
import dev.exchangesync.internal.http.CallState;
import dev.exchangesync.internal.http.MalformedBodyException;
import dev.exchangesync.internal.http.RefusedRequestException;
import dev.exchangesync.internal.http.ResponseTooLargeException;
import dev.exchangesync.internal.http.RetryInterceptor;
import dev.exchangesync.internal.http.RuntimeFailureInterceptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/** Turns failed calls into the {@link GraphException} family, each with a message a person can act on. */
final class Failures {
  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(307, "Temporary Redirect"),
      Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(409, "Conflict"), Map.entry(412, "Precondition Failed"), Map.entry(429, "Too Many Requests"),
      Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  private final JsonAdapter<OdataError> errorAdapter;
  private final String graphHost;
  private final TokenSource tokenSource;

  Failures(Moshi moshi, String graphHost, TokenSource tokenSource) {
    this.errorAdapter = moshi.adapter(OdataError.class);
    this.graphHost = graphHost;
    this.tokenSource = tokenSource;
  }

  /** The exception for an answer outside 2xx. */
  GraphException fromResponse(Response<?> response, CallState state, Operation operation,
      @Nullable String connectorId) {
    int status = response.code();
    MainError error = graphError(response.errorBody());
    String requestId = response.headers().get("request-id");
    ErrorInfo info = new ErrorInfo(status, error != null ? capped(error.code()) : null,
        error != null ? error.message() : null, capped(requestId != null ? requestId : state.requestId()),
        state.clientRequestId(), capped(response.headers().get("x-ms-ags-diagnostic")), Math.max(state.attempts(), 1));
    String reason = "HTTP " + status + " " + REASONS.getOrDefault(status, response.message());
    String described = info.describe(reason.strip());
    if (status >= 300 && status < 400) {
      String location = response.headers().get("Location");
      return new InvalidResponseException(info, described + ": Graph does not redirect these operations;"
          + " not following the redirect to " + (location != null ? location : "(no Location)"), null);
    }
    if (status == 401) {
      return new AuthenticationException(info, described + ": Graph rejected the access token even after a"
          + " refresh; sign in again, and check that the token was issued for " + graphHost);
    }
    if (status == 403) {
      return new AuthorizationException(info, described + ": " + operation.permissionHint(
          tokenSource.identityKind()), operation.permissions());
    }
    if (status == 404) {
      return new NotFoundException(info, connectorId != null
          ? described + ": no Exchange connector has the id '" + connectorId + "'" : described, connectorId);
    }
    Duration retryAfter = state.retryAfter();
    if (status == 429 || ((status == 503 || status == 504) && retryAfter != null)) {
      Duration refused = state.refusedWait();
      String wait = refused != null
          ? "; Graph asked to wait " + seconds(refused) + ", longer than the retry budget left"
          : retryAfter != null ? "; Graph asked to wait " + seconds(retryAfter) : "";
      return new ThrottledException(info, described + ": throttled" + wait, retryAfter);
    }
    if (status >= 500) {
      return new ServiceException(info, described);
    }
    return new GraphException(info, described, null);
  }

  /** The exception for a call that ended without a usable answer. */
  GraphException fromFailure(Throwable failure, CallState state) {
    if (failure instanceof GraphException graph) {
      return graph;
    }
    ErrorInfo info = ErrorInfo.noAnswer(0, state);
    if (failure instanceof MalformedBodyException || failure instanceof ResponseTooLargeException) {
      ErrorInfo answered = ErrorInfo.noAnswer(200, state);
      return new InvalidResponseException(answered, answered.describe(failure.getMessage()), failure);
    }
    if (failure instanceof RuntimeFailureInterceptor.UnexpectedFailureException || failure instanceof RuntimeException) {
      Throwable cause = failure instanceof RuntimeException ? failure : failure.getCause();
      if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).startsWith("state: ")) {
        // OkHttp 4.12's HTTP/1 reader after a second 1xx response (OkHttp 5 reads past any number).
        return new InvalidResponseException(info, info.describe("Graph sent more than one interim (1xx) response"
            + " before its answer, which this HTTP client (OkHttp 4) cannot read past"), failure);
      }
      return new GraphException(info, info.describe("the call failed unexpectedly: " + cause), failure);
    }
    if (RetryInterceptor.isProtocolViolation(failure)) {
      return new InvalidResponseException(info, info.describe("Graph's answer broke the HTTP protocol: "
          + failure.getMessage()), failure);
    }
    if (failure instanceof RefusedRequestException) {
      return new InvalidResponseException(info, info.describe(failure.getMessage()), failure);
    }
    return new NetworkException(info, info.describe("no answer from " + graphHost + ": " + why(failure)),
        failure);
  }

  /** A value from a header or error body, cut to 200 characters: a hostile server could send 200 KB. */
  static @Nullable String capped(@Nullable String value) {
    return value == null || value.length() <= 200 ? value : value.substring(0, 200) + "…";
  }

  private static String why(Throwable failure) {
    if (failure instanceof UnknownHostException) {
      return "unknown host " + failure.getMessage();
    }
    if (failure instanceof ConnectException) {
      return "connection refused or unreachable (" + failure.getMessage() + ")";
    }
    if (failure instanceof SocketTimeoutException) {
      return "timed out (" + failure.getMessage() + ")";
    }
    if (failure instanceof InterruptedIOException && "timeout".equals(failure.getMessage())) {
      return "the call timeout ran out";
    }
    if (failure instanceof InterruptedIOException) {
      return "canceled";
    }
    String message = failure.getMessage();
    return failure.getClass().getSimpleName() + (message != null ? ": " + message : "");
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  /** Graph's error from the body, or null when the body is not Graph's error JSON. */
  private @Nullable MainError graphError(@Nullable ResponseBody body) {
    if (body == null) {
      return null;
    }
    try (body) {
      OdataError error = errorAdapter.fromJson(body.source());
      return error != null ? error.error() : null;
    } catch (IOException | RuntimeException notGraphJson) {
      return null;
    }
  }
}
