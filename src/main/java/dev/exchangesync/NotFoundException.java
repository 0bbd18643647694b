package dev.exchangesync;

import org.jspecify.annotations.Nullable;

/** Graph answered {@code 404}: there is no Exchange connector with the id that was asked for. */
public final class NotFoundException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String connectorId;

  NotFoundException(ErrorInfo info, String message, @Nullable String connectorId) {
    super(info, message, null);
    this.connectorId = connectorId;
  }

  /** The connector id that was not found, or null for an operation without one. */
  public @Nullable String connectorId() {
    return connectorId;
  }
}
