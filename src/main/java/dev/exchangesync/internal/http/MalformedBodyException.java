package dev.exchangesync.internal.http;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A response body that could not be read as the operation's JSON; the message says where, Moshi-style. */
public final class MalformedBodyException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedBodyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
