package dev.exchangesync;

import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One wait for a started sync: reads the connector, then again after each poll interval, until the sync finished,
 * cannot finish, or the deadline passed. No thread is held between reads.
 */
final class SyncWait extends CompletableFuture<SyncResult> {
  /** Runs a task after a delay; the client's scheduler, or virtual time in tests. */
  interface Scheduler {
    Future<?> schedule(Runnable task, Duration delay);
  }

  private final StartedSync sync;
  private final Function<String, CompletableFuture<DeviceManagementExchangeConnector>> read;
  private final Clock clock;
  private final Scheduler pollScheduler;
  private final Scheduler deadlineScheduler;
  private final Duration pollInterval;
  private final Instant deadline;
  private @Nullable DeviceManagementExchangeConnector last;
  private @Nullable CompletableFuture<DeviceManagementExchangeConnector> reading;
  private @Nullable Future<?> pending;

  /**
   * @param pollScheduler runs the next read after the poll interval
   * @param deadlineScheduler ends a read still under way at the deadline; real time always
   */
  SyncWait(StartedSync sync, Function<String, CompletableFuture<DeviceManagementExchangeConnector>> read,
      Clock clock, Scheduler pollScheduler, Scheduler deadlineScheduler, Duration pollInterval, Duration timeout) {
    this.sync = sync;
    this.read = read;
    this.clock = clock;
    this.pollScheduler = pollScheduler;
    this.deadlineScheduler = deadlineScheduler;
    this.pollInterval = pollInterval;
    this.deadline = clock.instant().plus(timeout);
  }

  /** Starts the first read; returns this. */
  SyncWait start() {
    poll();
    return this;
  }

  private void poll() {
    if (isDone()) {
      return;
    }
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      end(SyncResult.Outcome.TIMED_OUT);
      return;
    }
    CompletableFuture<DeviceManagementExchangeConnector> call;
    try {
      call = read.apply(sync.connectorId());
    } catch (RuntimeException e) { // the client was closed
      completeExceptionally(e);
      return;
    }
    synchronized (this) {
      reading = call;
    }
    Future<?> cap = scheduleOrFail(deadlineScheduler, () -> {
      if (!call.isDone()) {
        end(SyncResult.Outcome.TIMED_OUT); // before canceling, so that the cancellation is not taken as a failure
        call.cancel(true);
      }
    }, left);
    call.whenComplete((connector, failure) -> {
      if (cap != null) {
        cap.cancel(false);
      }
      if (isDone()) {
        return;
      }
      if (failure != null) {
        completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure);
        return;
      }
      synchronized (this) {
        last = connector;
      }
      if (sync.finishedBy(connector)) {
        end(SyncResult.Outcome.SYNCED);
      } else if (DeviceManagementExchangeConnectorStatus.DISCONNECTED.equals(connector.status())
          || DeviceManagementExchangeConnectorStatus.NONE.equals(connector.status())) {
        end(SyncResult.Outcome.DISCONNECTED);
      } else if (!clock.instant().plus(pollInterval).isBefore(deadline)) {
        end(SyncResult.Outcome.TIMED_OUT); // the next read would come after the deadline
      } else {
        Future<?> next = scheduleOrFail(pollScheduler, this::poll, pollInterval);
        synchronized (this) {
          pending = next;
        }
        if (isDone() && next != null) {
          next.cancel(false);
        }
      }
    });
  }

  private @Nullable Future<?> scheduleOrFail(Scheduler scheduler, Runnable task, Duration delay) {
    try {
      return scheduler.schedule(task, delay);
    } catch (RejectedExecutionException e) {
      completeExceptionally(new NetworkException(ErrorInfo.none(), "canceled: the client was closed while waiting"
          + " for the sync of " + sync.connectorId(), null));
      return null;
    }
  }

  private void end(SyncResult.Outcome outcome) {
    DeviceManagementExchangeConnector connector;
    synchronized (this) {
      connector = last;
    }
    complete(new SyncResult(sync.connectorId(), outcome, sync.before(),
        connector == null ? null : connector.lastSyncDateTime(), sync.requestedAt(), clock.instant(), connector));
  }

  /** Canceling the wait cancels the read under way and the next one. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean canceled = super.cancel(mayInterruptIfRunning);
    stop();
    return canceled;
  }

  /** Stops reading: cancels the read under way and the next one. */
  void stop() {
    CompletableFuture<DeviceManagementExchangeConnector> call;
    Future<?> next;
    synchronized (this) {
      call = reading;
      next = pending;
    }
    if (call != null) {
      call.cancel(true);
    }
    if (next != null) {
      next.cancel(false);
    }
  }
}
