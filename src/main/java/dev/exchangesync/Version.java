package dev.exchangesync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This library's version, from the build: {@link ExchangeConnectorClient#VERSION}. */
final class Version {
  private static final String VERSION = load();

  private Version() {
  }

  /** The version, e.g. {@code 0.1.0}. */
  static String get() {
    return VERSION;
  }

  /** The {@code User-Agent} this library sends. */
  static String userAgent() {
    return "exchange-connector-sync/" + VERSION + " (Java " + Runtime.version().feature() + ")";
  }

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
