package dev.exchangesync;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Microsoft cloud: the Graph host and the sign-in host that go together. A token from one cloud's sign-in
 * host is only ever sent to the same cloud's Graph host.
 */
public enum GraphCloud {
  /** The global cloud. */
  GLOBAL("global", "graph.microsoft.com", "login.microsoftonline.com"),
  /** US Government L4 (GCC High). */
  US_GOV("usgov", "graph.microsoft.us", "login.microsoftonline.us"),
  /** US Government L5 (DoD). */
  US_GOV_DOD("usgov-dod", "dod-graph.microsoft.us", "login.microsoftonline.us"),
  /** China, operated by 21Vianet. */
  CHINA("china", "microsoftgraph.chinacloudapi.cn", "login.chinacloudapi.cn");

  private final String id;
  private final String graphHost;
  private final String loginHost;

  GraphCloud(String id, String graphHost, String loginHost) {
    this.id = id;
    this.graphHost = graphHost;
    this.loginHost = loginHost;
  }

  /** The short name used on the command line: {@code global}, {@code usgov}, {@code usgov-dod}, {@code china}. */
  public String id() {
    return id;
  }

  /** The Graph host, e.g. {@code graph.microsoft.com}. */
  public String graphHost() {
    return graphHost;
  }

  /** The sign-in (authority) host, e.g. {@code login.microsoftonline.com}. */
  public String loginHost() {
    return loginHost;
  }

  /** The Graph root URL, e.g. {@code https://graph.microsoft.com}, without an API version. */
  public String graphUrl() {
    return "https://" + graphHost;
  }

  /** Every cloud's Graph host, comma separated, for messages. */
  static String graphHosts() {
    return Arrays.stream(values()).map(GraphCloud::graphHost).collect(Collectors.joining(", "));
  }

  /** The scope for app-only tokens, e.g. {@code https://graph.microsoft.com/.default}. */
  public String defaultScope() {
    return graphUrl() + "/.default";
  }

  /** The cloud whose Graph host is {@code host} (case ignored), if any. */
  public static Optional<GraphCloud> ofGraphHost(String host) {
    for (GraphCloud cloud : values()) {
      if (cloud.graphHost.equalsIgnoreCase(host)) {
        return Optional.of(cloud);
      }
    }
    return Optional.empty();
  }

  /** Returns the cloud whose {@link #id()} is {@code text}, ignoring case. */
  public static GraphCloud fromId(String text) {
    for (GraphCloud cloud : values()) {
      if (cloud.id.equals(text.toLowerCase(Locale.ROOT))) {
        return cloud;
      }
    }
    throw new IllegalArgumentException(
        "unknown cloud '" + text + "': expected one of global, usgov, usgov-dod, china");
  }
}
