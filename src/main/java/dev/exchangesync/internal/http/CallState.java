package dev.exchangesync.internal.http;

import java.time.Duration;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * What happened during one call: the ids, the attempts and the waits. {@link #callFactory} tags every request
 * with a fresh one; the interceptors fill it in and the client reads it to word its errors, whether the call
 * ended with a response or an exception.
 */
public final class CallState {
  volatile @Nullable String clientRequestId;
  volatile @Nullable String requestId;
  volatile int attempts;
  volatile @Nullable Duration retryAfter;
  volatile @Nullable Duration refusedWait;

  /** A call factory that gives each call's request a fresh {@code CallState} tag. */
  public static Call.Factory callFactory(OkHttpClient client) {
    return request -> client.newCall(request.newBuilder().tag(CallState.class, new CallState()).build());
  }

  /** The state tagged onto {@code request}, or a new detached one when it has none. */
  public static CallState of(Request request) {
    CallState state = request.tag(CallState.class);
    return state != null ? state : new CallState();
  }

  /** The {@code client-request-id} sent, or null when nothing was sent. */
  public @Nullable String clientRequestId() {
    return clientRequestId;
  }

  /** Graph's {@code request-id} from the last answer, or null when no answer came. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** How many times the request was sent. */
  public int attempts() {
    return attempts;
  }

  /** The wait the last {@code Retry-After} asked for, if any. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  /** The wait a further retry needed when it did not fit the remaining budget, if that ended the call. */
  public @Nullable Duration refusedWait() {
    return refusedWait;
  }
}
