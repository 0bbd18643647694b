package dev.exchangesync.internal.http;

import okhttp3.Authenticator;
import okhttp3.Credentials;

/** Basic credentials for an HTTP proxy that answers {@code 407}. */
public final class ProxyCredentials {
  private ProxyCredentials() {
  }

  /** Answers a proxy's {@code 407} once with {@code user} and {@code password}; a second {@code 407} stands. */
  public static Authenticator basic(String user, String password) {
    String credentials = Credentials.basic(user, password);
    return (route, response) -> response.request().header("Proxy-Authorization") != null
        ? null // refused once: do not ask again
        : response.request().newBuilder().header("Proxy-Authorization", credentials).build();
  }
}
