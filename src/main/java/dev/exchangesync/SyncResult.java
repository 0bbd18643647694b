package dev.exchangesync;

import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the wait for one connector's sync ended ({@link StartedSync#await}).
 *
 * @param connectorId the connector's id
 * @param outcome whether the sync finished, cannot finish, or the wait ran out of time
 * @param before the connector's {@code lastSyncDateTime} before the sync was requested; null when it had none
 * @param after its {@code lastSyncDateTime} at the last read; null when it had none, or was never read
 * @param requestedAt when the sync was requested, by the client's clock
 * @param endedAt when the wait ended, by the client's clock
 * @param connector the connector as last read; null when the wait ran out before any read answered
 */
public record SyncResult(String connectorId, Outcome outcome, @Nullable OffsetDateTime before,
    @Nullable OffsetDateTime after, Instant requestedAt, Instant endedAt,
    @Nullable DeviceManagementExchangeConnector connector) {

  /** How a wait for a sync ends. */
  public enum Outcome {
    /** The connector's {@code lastSyncDateTime} moved past its value before the request: the sync finished. */
    SYNCED,
    /**
     * The connector's status is {@code disconnected} (or {@code none}): the sync cannot finish. Since Microsoft
     * ended support for the Intune Exchange connector on 19 February 2024, a connector that no longer syncs
     * usually ends here, or in {@link #TIMED_OUT}.
     */
    DISCONNECTED,
    /** The deadline passed before either of the above was seen. */
    TIMED_OUT
  }

  public SyncResult {
    Objects.requireNonNull(connectorId, "connectorId == null");
    Objects.requireNonNull(outcome, "outcome == null");
    Objects.requireNonNull(requestedAt, "requestedAt == null");
    Objects.requireNonNull(endedAt, "endedAt == null");
  }

  /** Whether the sync finished ({@link Outcome#SYNCED}). */
  public boolean synced() {
    return outcome == Outcome.SYNCED;
  }

  /** The time from the request to the end of the wait. */
  public Duration elapsed() {
    return Duration.between(requestedAt, endedAt);
  }
}
