package dev.exchangesync;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Graph throttled the request ({@code 429}) or was unavailable ({@code 503}, {@code 504}) for longer than the
 * retry policy waits. {@link #retryAfter()} says how long Graph last asked to wait.
 */
public final class ThrottledException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  ThrottledException(ErrorInfo info, String message, @Nullable Duration retryAfter) {
    super(info, message, null);
    this.retryAfter = retryAfter;
  }

  /** The wait Graph asked for in its last {@code Retry-After} header, if it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
