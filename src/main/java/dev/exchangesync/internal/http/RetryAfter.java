package dev.exchangesync.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code Retry-After} in every form Graph and proxies send: delta-seconds ({@code 120}), an HTTP-date
 * ({@code Wed, 25 Nov 2026 08:00:00 GMT}) and a comma list such as {@code 31,120}, of which the first usable
 * value counts.
 */
public final class RetryAfter {
  private RetryAfter() {
  }

  /** The wait asked for by the {@code Retry-After} header values, or empty when none is usable. */
  public static Optional<Duration> parse(List<String> headerValues, Clock clock) {
    for (String header : headerValues) {
      Optional<Duration> wait = parseDate(header.strip(), clock);
      if (wait.isPresent()) {
        return wait;
      }
      for (String item : header.split(",")) {
        wait = parseSeconds(item.strip());
        if (wait.isPresent()) {
          return wait;
        }
      }
    }
    return Optional.empty();
  }

  /** Delta-seconds; a value too large for a long is as good as forever, and ends the call like any wait too long. */
  private static Optional<Duration> parseSeconds(String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    String digits = text.replaceFirst("^0+(?=.)", "");
    return Optional.of(Duration.ofSeconds(digits.length() > 15 ? FOREVER_SECONDS : Long.parseLong(digits)));
  }

  /** A million billion seconds: longer than any budget, yet within what Duration.toMillis can count. */
  private static final long FOREVER_SECONDS = 1_000_000_000_000_000L;

  /** An HTTP-date in the past means "now". */
  private static Optional<Duration> parseDate(String text, Clock clock) {
    if (text.isEmpty() || Character.isDigit(text.charAt(0))) {
      return Optional.empty();
    }
    try {
      Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), when);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
