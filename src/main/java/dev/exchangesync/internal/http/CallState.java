package dev.exchangesync.internal.http;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * What happened during one call: the ids, the attempts and the waits. {@link CallStates} creates one per call;
 * the interceptors fill it in and the client reads it to word its errors, whether the call ended with a
 * response or an exception.
 */
public final class CallState {
  final String clientRequestId;
  volatile @Nullable String requestId;
  volatile @Nullable String agsDiagnostic;
  volatile int attempts;
  volatile @Nullable Duration retryAfter;
  volatile @Nullable Duration refusedWait;
  /** Waited so far to retry, across the call's attempts. */
  volatile Duration waited = Duration.ZERO;
  /** Async: retries are scheduled by the client, not slept in the interceptor (which holds a dispatcher slot). */
  volatile boolean deferRetries;
  /** Async: the wait before the next attempt, set by the retry interceptor instead of sleeping it. */
  volatile @Nullable Duration nextWait;
  /** When the whole call must be over (System.nanoTime), fixed when it was first enqueued; 0 when unset. */
  volatile long deadlineNanos;

  /** A fresh state with a fresh {@code client-request-id}, kept across the call's retries. */
  CallState() {
    this.clientRequestId = randomUuid();
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

  /** The {@code client-request-id} of the call, sent with each of its attempts. */
  public String clientRequestId() {
    return clientRequestId;
  }

  /** Graph's {@code request-id} from the last answer, or null when no answer came. */
  public @Nullable String requestId() {
    return requestId;
  }

  /** Graph's {@code x-ms-ags-diagnostic} from the last answer, or null. */
  public @Nullable String agsDiagnostic() {
    return agsDiagnostic;
  }

  /** How many times the request was sent. */
  public int attempts() {
    return attempts;
  }

  /**
   * Makes the retry interceptor hand waits back through {@link #takeNextWait} instead of sleeping, and starts the
   * whole call's deadline now, so that time spent queued for a dispatcher slot counts.
   */
  public void deferRetries(Duration callTimeout) {
    deferRetries = true;
    deadlineNanos = System.nanoTime() + callTimeout.toNanos();
  }

  /** Nanoseconds left before the whole async call's deadline (negative once past). */
  public long nanosLeft() {
    return deadlineNanos - System.nanoTime();
  }

  /** The wait before the next attempt, once, or null when the call is over. */
  public @Nullable Duration takeNextWait() {
    Duration wait = nextWait;
    nextWait = null;
    return wait;
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
