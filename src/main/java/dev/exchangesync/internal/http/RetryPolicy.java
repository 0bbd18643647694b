package dev.exchangesync.internal.http;

import dev.exchangesync.internal.Checks;
import java.time.Duration;

/**
 * When to try a request again and how long to wait.
 *
 * @param maxAttempts most times one request is sent, the first one included
 * @param waitBudget most time spent waiting between attempts of one call, all waits added up
 * @param baseBackoff wait before the second attempt when Graph does not say how long to wait; doubles each time
 * @param maxBackoff longest wait that backoff alone produces
 */
public record RetryPolicy(int maxAttempts, Duration waitBudget, Duration baseBackoff, Duration maxBackoff) {

  /**
   * One try and four retries: enough to ride out the short throttling bursts Intune answers with, few enough
   * that a failing service is not hammered.
   */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /**
   * Three minutes: Microsoft's own Graph SDKs wait at most 180 s for one {@code Retry-After}; a cron job should
   * give up within minutes and report, not hang for an hour.
   */
  public static final Duration DEFAULT_WAIT_BUDGET = Duration.ofMinutes(3);

  /** One second, doubling: 1, 2, 4, 8 s spreads four retries over a quarter of a minute. */
  public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofSeconds(1);

  /** Thirty seconds: past that, waiting longer tells nothing new about a failing service. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

  /** The defaults above. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_WAIT_BUDGET, DEFAULT_BASE_BACKOFF, DEFAULT_MAX_BACKOFF);

  /** Checks the settings. */
  public RetryPolicy {
    checkMaxAttempts(maxAttempts);
    Checks.notNegative(waitBudget, "waitBudget");
    Checks.notNegative(baseBackoff, "baseBackoff");
    Checks.notNegative(maxBackoff, "maxBackoff");
  }

  /** Returns {@code maxAttempts}, refusing values below 1 with a message that names the setting. */
  public static int checkMaxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
    }
    return maxAttempts;
  }

  /** The wait before attempt {@code attempt + 1} with "equal jitter": half fixed, half random. */
  Duration backoff(int attempt, double random) {
    long base = baseBackoff.toMillis();
    long exponential = attempt >= 31 ? Long.MAX_VALUE : base << Math.min(attempt - 1, 30);
    long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, maxBackoff.toMillis());
    return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
  }
}
