package dev.exchangesync.internal.http;

import java.util.Locale;
import okhttp3.HttpUrl;

/** URL rules: HTTPS only, with plain HTTP for loopback alone; tokens stay on one origin. */
public final class Urls {
  private Urls() {
  }

  /** Whether {@code host} names this machine without a DNS look-up: localhost, 127.0.0.0/8 or ::1. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String[] octets = h.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Whether a request to {@code url} may be sent at all: HTTPS, or HTTP to a loopback address. */
  public static boolean isAllowed(HttpUrl url) {
    return url.isHttps() || isLoopback(url.host());
  }

  /** Whether two URLs share scheme, host and port, so that a token for one may go to the other. */
  public static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
