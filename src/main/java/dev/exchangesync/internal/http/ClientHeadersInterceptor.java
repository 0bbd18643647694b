package dev.exchangesync.internal.http;

import java.io.IOException;
import java.util.UUID;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Gives each call a fresh {@code client-request-id} (kept across its retries, so Microsoft support sees them as
 * one call) and a {@code User-Agent} naming this library and its version.
 */
public final class ClientHeadersInterceptor implements Interceptor {
  private final String userAgent;

  public ClientHeadersInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    String clientRequestId = UUID.randomUUID().toString();
    CallState.of(chain.request()).clientRequestId = clientRequestId;
    return chain.proceed(chain.request().newBuilder()
        .header("client-request-id", clientRequestId)
        .header("User-Agent", userAgent)
        .build());
  }
}
