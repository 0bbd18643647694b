package dev.exchangesync.internal.http;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * What happened during one call: the ids, the attempts and the waits. {@link #callFactory} tags every request
 * with a fresh one; the retry interceptor fills it in and the client reads it to word its errors, whether the
 * call ended with a response or an exception.
 */
public final class CallState {
  volatile @Nullable String clientRequestId;
  volatile @Nullable String requestId;
  volatile int attempts;
  volatile @Nullable Duration retryAfter;
  volatile @Nullable Duration refusedWait;

  /**
   * A call factory that stamps each call's request, in one copy, with a fresh {@code CallState} tag, a fresh
   * {@code client-request-id} (kept across the call's retries, so Microsoft support sees them as one call) and
   * the {@code User-Agent}.
   */
  public static Call.Factory callFactory(OkHttpClient client, String userAgent) {
    return request -> {
      CallState state = new CallState();
      String clientRequestId = randomUuid();
      state.clientRequestId = clientRequestId;
      return client.newCall(request.newBuilder()
          .tag(CallState.class, state)
          .header("client-request-id", clientRequestId)
          .header("User-Agent", userAgent)
          .build());
    };
  }

  /**
   * A version-4 UUID from {@link ThreadLocalRandom}: a correlation id needs uniqueness, not secrecy, and
   * {@code UUID.randomUUID()} would take a lock on the shared {@code SecureRandom} for every call.
   */
  static String randomUuid() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & ~(0xCL << 60)) | (0x8L << 60);
    return new UUID(most, least).toString();
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
