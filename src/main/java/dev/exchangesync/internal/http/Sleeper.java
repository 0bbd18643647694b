package dev.exchangesync.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.Call;

/** Waits between attempts. Tests inject one that records the waits instead of sleeping. */
public interface Sleeper {

  /** Longest stretch of sleep between two looks at whether the call was canceled. */
  long CANCEL_CHECK_MILLIS = 20;

  /** Waits {@code duration}, ending early with {@link InterruptedIOException} when {@code call} is canceled. */
  void sleep(Duration duration, Call call) throws IOException;

  /** Really sleeps, in short slices so that canceling the call (or its timeout) ends the wait at once. */
  Sleeper SYSTEM = (duration, call) -> {
    long deadline = System.nanoTime() + duration.toNanos();
    while (true) {
      if (call.isCanceled()) {
        throw new InterruptedIOException("canceled while waiting to retry");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(Duration.ofNanos(left).toMillis() + 1, CANCEL_CHECK_MILLIS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry");
      }
    }
  };
}
