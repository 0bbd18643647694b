package dev.exchangesync;

import dev.exchangesync.internal.Checks;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * A connector sync that Graph accepted ({@link ExchangeConnectorClient#startSync}), and the wait until it has
 * finished.
 *
 * <p>Graph's sync action only starts a sync; the connector reports its end through {@code lastSyncDateTime}.
 * The wait reads the connector every {@linkplain ExchangeConnectorClient.Builder#pollInterval poll interval} until
 * one of these is seen:
 * <ul>
 *   <li>{@code lastSyncDateTime} is later than its value before the request, and not earlier than the request
 *       minus {@link #CLOCK_SKEW_ALLOWANCE}: {@link SyncResult.Outcome#SYNCED};
 *   <li>the connector's status is {@code disconnected} or {@code none}: {@link SyncResult.Outcome#DISCONNECTED};
 *   <li>the deadline passes: {@link SyncResult.Outcome#TIMED_OUT}. A read still under way then is canceled.
 * </ul>
 * A read that fails (after the client's retries) ends the wait with its {@link GraphException}.
 *
 * <p>Microsoft ended support for the Intune Exchange connector on 19 February 2024; after that date a connector
 * "will no longer sync with Intune", so its wait ends disconnected or timed out, never synced.
 */
public final class StartedSync {
  /**
   * How much earlier than the request, by this machine's clock, a {@code lastSyncDateTime} set by Graph's clock
   * may be and still count as this sync's end: five minutes, as clocks of machines and services commonly differ by
   * less. A sync that ended before the request but after {@linkplain #before() the previous one} counts too (it
   * may be one that was already running).
   */
  public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

  private final ExchangeConnectorClient client;
  private final String connectorId;
  private final @Nullable OffsetDateTime before;
  private final Instant requestedAt;

  StartedSync(ExchangeConnectorClient client, String connectorId, @Nullable OffsetDateTime before,
      Instant requestedAt) {
    this.client = client;
    this.connectorId = connectorId;
    this.before = before;
    this.requestedAt = requestedAt;
  }

  /** The connector's id. */
  public String connectorId() {
    return connectorId;
  }

  /** The connector's {@code lastSyncDateTime} before the request; null when it had none. */
  public @Nullable OffsetDateTime before() {
    return before;
  }

  /** When the sync was requested, by the client's clock. */
  public Instant requestedAt() {
    return requestedAt;
  }

  /** Whether the connector as read now shows this sync finished (see the class comment). */
  public boolean finishedBy(DeviceManagementExchangeConnector connector) {
    OffsetDateTime last = connector.lastSyncDateTime();
    return last != null && (before == null || last.isAfter(before))
        && !last.toInstant().isBefore(requestedAt.minus(CLOCK_SKEW_ALLOWANCE));
  }

  /**
   * Waits, blocking, until the sync finished, the connector is disconnected, or {@code timeout} passed.
   *
   * @throws GraphException when reading the connector failed; the wait ends then
   * @throws InterruptedException when the thread was interrupted; the read under way is canceled
   * @throws IllegalArgumentException when {@code timeout} is not positive
   */
  public SyncResult await(Duration timeout) throws GraphException, InterruptedException {
    CompletableFuture<SyncResult> completion = completion(timeout);
    try {
      return completion.get();
    } catch (InterruptedException e) {
      completion.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GraphException graph) {
        throw graph;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("waiting for " + connectorId + " failed", cause);
    }
  }

  /**
   * The same wait without blocking: the future completes with the result, or exceptionally with the
   * {@link GraphException} of a failed read. Canceling it cancels the read under way and the reads to come; closing
   * the client fails it with a {@link NetworkException}. Each call starts a wait of its own.
   *
   * @throws IllegalArgumentException when {@code timeout} is not positive
   */
  public CompletableFuture<SyncResult> completion(Duration timeout) {
    Checks.positive(timeout, "timeout");
    return client.awaitSync(this, timeout);
  }

  @Override
  public String toString() {
    return "StartedSync{" + connectorId + ", requested " + requestedAt + "}";
  }
}
