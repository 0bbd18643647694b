package dev.exchangesync.internal.http;

import java.io.IOException;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each exchange with Graph at debug level: request line and headers, status, time, Graph's ids. The
 * {@code Authorization} header is always redacted, and bodies are never logged. Installed only when debug
 * logging is on as the client is built, so that it costs nothing otherwise.
 */
public final class LoggingInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(LoggingInterceptor.class);

  /** Whether debug logging of exchanges is on now. */
  public static boolean enabled() {
    return log.isDebugEnabled();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!log.isDebugEnabled()) {
      return chain.proceed(request);
    }
    log.debug("--> {} {} {}", request.method(), request.url(), redacted(request.headers()));
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      log.debug("<-- {} {} in {} ms (request-id: {}, x-ms-ags-diagnostic: {})", response.code(),
          request.url().encodedPath(), (System.nanoTime() - start) / 1_000_000, response.header("request-id"),
          response.header("x-ms-ags-diagnostic"));
      return response;
    } catch (IOException e) {
      log.debug("<-- failed {} after {} ms: {}", request.url().encodedPath(),
          (System.nanoTime() - start) / 1_000_000, e.toString());
      throw e;
    }
  }

  /** The headers as one line, with credentials replaced. */
  static String redacted(Headers headers) {
    StringBuilder line = new StringBuilder("[");
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean secret = lower.equals("authorization") || lower.equals("cookie") || lower.equals("proxy-authorization");
      line.append(i == 0 ? "" : ", ").append(name).append(": ").append(secret ? "<redacted>" : headers.value(i));
    }
    return line.append(']').toString();
  }
}
