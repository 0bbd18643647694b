package dev.exchangesync.cli;

import org.jspecify.annotations.Nullable;

/**
 * Bad usage: an unknown command or option, a missing or unreadable value, options that do not go together. The
 * tool prints the message, a suggestion when something close was meant, and where to find help; it exits 2, and
 * nothing has been sent.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Command command;
  private final @Nullable String suggestion;

  /**
   * @param command the command whose help answers the mistake; null for the tool's
   * @param suggestion what was probably meant, e.g. {@code --wait} or {@code exchange-sync sync}
   */
  UsageException(@Nullable Command command, String message, @Nullable String suggestion) {
    super(message);
    this.command = command;
    this.suggestion = suggestion;
  }

  UsageException(@Nullable Command command, String message) {
    this(command, message, null);
  }

  /** The command whose help answers the mistake; null for the tool's own. */
  @Nullable Command command() {
    return command;
  }

  @Nullable String suggestion() {
    return suggestion;
  }
}
