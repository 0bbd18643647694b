package dev.exchangesync.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations like {@code 90s}, {@code 10m}, {@code 24h}, {@code 7d} or ISO-8601 {@code PT5M}; prints them short. */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
  /** Longest duration any option takes: a year; more is a typo, and would overflow the clock arithmetic. */
  static final Duration MAX = Duration.ofDays(365);

  private Durations() {
  }

  /** Reads a duration of an option; an {@link IllegalArgumentException} says what is wrong with it. */
  static Duration parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(value);
    Duration duration;
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      duration = switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } else {
      try {
        duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not a duration: use e.g. 90s, 10m, 24h, 7d or PT5M");
      }
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("'" + text + "' is not a positive duration");
    }
    if (duration.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("'" + text + "' is longer than " + format(MAX));
    }
    return duration;
  }

  /** {@code 45s}, {@code 12m 5s}, {@code 3h 5m}, {@code 9d 2h}, or {@code 350ms}. */
  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 1) {
      return duration.toMillis() + "ms";
    }
    if (seconds < 60) {
      long tenths = duration.toMillis() / 100 % 10;
      return seconds < 10 && tenths > 0 ? seconds + "." + tenths + "s" : seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
    }
    if (seconds < 86400) {
      return (seconds / 3600) + "h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + "m");
    }
    return (seconds / 86400) + "d" + (seconds % 86400 / 3600 == 0 ? "" : " " + seconds % 86400 / 3600 + "h");
  }
}
