package dev.exchangesync.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the builders, with messages that name the setting. Not API. */
public final class Checks {
  private Checks() {
  }

  /** Returns {@code duration}, refusing null and negative values. */
  public static Duration notNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name + " == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative but was " + duration);
    }
    return duration;
  }

  /** Returns {@code duration}, refusing null, zero and negative values. */
  public static Duration positive(Duration duration, String name) {
    if (notNegative(duration, name).isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + duration);
    }
    return duration;
  }

  /**
   * The index of the first character of {@code value} that an HTTP header value must not hold here (controls,
   * white space, non-ASCII), or -1 when there is none. Tokens are checked with it before they reach OkHttp,
   * which would throw an unchecked exception instead.
   */
  public static int firstNonHeaderCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        return i;
      }
    }
    return -1;
  }
}
