package dev.exchangesync.internal.http;

import dev.exchangesync.GraphException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.net.UnknownServiceException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request again after throttling ({@code 429}), unavailability ({@code 503}, {@code 504}) or a broken
 * connection, within a {@link RetryPolicy}; and reads each response body into memory with a size limit.
 *
 * <p>A connection failure is retried whether or not the request had reached Graph: every operation of this
 * client is safe to repeat (reads; and a second sync request for a connector only queues one more sync). Reading
 * the body here means a connection that breaks mid-body is retried like one that breaks before the status line.
 */
public final class RetryInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RetryInterceptor.class);

  /**
   * Sixteen MiB: a page of a thousand connectors is well under one MiB, and the limit keeps a broken or
   * hostile server from filling the heap.
   */
  public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  /** Sixty-four KiB: Graph's error bodies are under one KiB; only so much of an error body is read. */
  public static final long MAX_ERROR_BODY_BYTES = 64L * 1024;

  private final CallStates states;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;

  public RetryInterceptor(CallStates states, RetryPolicy policy, Sleeper sleeper, Clock clock,
      DoubleSupplier random) {
    this.states = states;
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallState state = states.of(chain.call());
    for (int attempt = state.attempts + 1; ; attempt++) {
      state.attempts = attempt;
      Response response;
      try {
        response = buffered(chain.proceed(request));
      } catch (IOException e) {
        if (!isRetryable(e) || chain.call().isCanceled()) {
          throw e;
        }
        Duration wait = policy.backoff(attempt, random.getAsDouble());
        if (attempt >= policy.maxAttempts() || state.waited.plus(wait).compareTo(policy.waitBudget()) > 0) {
          throw e;
        }
        log.debug("{} {}: attempt {} failed ({}), retrying in {} ms",
            request.method(), request.url().encodedPath(), attempt, e.toString(), wait.toMillis());
        state.waited = state.waited.plus(wait); // across attempts, and across an async call's clones
        if (state.deferRetries) {
          state.nextWait = wait; // the client schedules the next attempt: no thread or dispatcher slot waits here
          throw e;
        }
        sleeper.sleep(wait, chain.call());
        continue;
      }

      state.requestId = response.header("request-id");
      state.agsDiagnostic = response.header("x-ms-ags-diagnostic");
      int code = response.code();
      if (code != 429 && code != 503 && code != 504) {
        return response;
      }
      Optional<Duration> retryAfter = RetryAfter.parse(response.headers("Retry-After"), clock);
      state.retryAfter = retryAfter.orElse(null);
      if (attempt >= policy.maxAttempts()) {
        return response;
      }
      Duration wait = retryAfter.isPresent() ? retryAfter.get() : policy.backoff(attempt, random.getAsDouble());
      if (state.waited.plus(wait).compareTo(policy.waitBudget()) > 0) {
        state.refusedWait = wait;
        log.debug("{} {}: attempt {} got HTTP {}; the wait of {} ms does not fit the retry budget",
            request.method(), request.url().encodedPath(), attempt, code, wait.toMillis());
        return response;
      }
      log.debug("{} {}: attempt {} got HTTP {}, retrying in {} ms{}",
          request.method(), request.url().encodedPath(), attempt, code, wait.toMillis(),
          retryAfter.isPresent() ? " (Retry-After)" : "");
      state.waited = state.waited.plus(wait); // across attempts, and across an async call's clones
      if (state.deferRetries) {
        state.nextWait = wait; // the client schedules the next attempt: no thread or dispatcher slot waits here
        return response;
      }
      response.close();
      sleeper.sleep(wait, chain.call());
    }
  }

  /** Whether a failure may clear up when the request is sent again. */
  private static boolean isRetryable(IOException e) {
    return !(e instanceof GraphException
        || isProtocolViolation(e) // an answer that broke HTTP is an invalid answer, not a lost one
        || e instanceof RefusedRequestException
        || e instanceof ResponseTooLargeException
        || e instanceof UnknownHostException
        || e instanceof UnknownServiceException
        || e instanceof SSLPeerUnverifiedException);
  }

  /**
   * Whether {@code e} says the answer broke HTTP (a 204 with a body, a malformed status line or chunk). OkHttp also
   * reports a connection cut mid-body as a ProtocolException, "unexpected end of stream": that one is a lost
   * answer and is retried.
   */
  public static boolean isProtocolViolation(Throwable e) {
    return e instanceof ProtocolException && (e.getMessage() == null
        || !e.getMessage().startsWith("unexpected end of stream"));
  }

  /** Reads the whole body (success) or its first part (error) into memory. */
  private static Response buffered(Response response) throws IOException {
    ResponseBody body = response.body();
    if (body == null || body.contentLength() == 0) {
      return response; // e.g. the sync action's 204: nothing to read.
    }
    long limit = response.isSuccessful() ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES;
    Buffer buffer = new Buffer();
    try (body) {
      if (response.isSuccessful() && body.contentLength() > limit) {
        throw new ResponseTooLargeException(limit);
      }
      BufferedSource source = body.source();
      while (buffer.size() <= limit && source.read(buffer, 8192) != -1) {
        // Keep reading until the end or just past the limit.
      }
      if (buffer.size() > limit) {
        if (response.isSuccessful()) {
          throw new ResponseTooLargeException(limit);
        }
        Buffer head = new Buffer();
        buffer.copyTo(head, 0, limit);
        buffer = head;
      }
    }
    return response.newBuilder()
        .body(ResponseBody.create(buffer, body.contentType(), buffer.size()))
        .build();
  }
}
