package dev.exchangesync.cli;

import dev.exchangesync.internal.http.ProxyCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Authenticator;
import org.jspecify.annotations.Nullable;

/**
 * The proxy settings of the environment, as curl and the Azure CLI read them: {@code HTTPS_PROXY} for https,
 * {@code HTTP_PROXY} for http (either in lower case too), credentials in the proxy URL, and {@code NO_PROXY}, a
 * comma list of hosts and domain suffixes ({@code *} for all) that go direct. Without them the JVM's proxy
 * properties apply ({@code -Dhttps.proxyHost=…}).
 */
final class Proxies {
  private Proxies() {
  }

  /** A proxy from the environment: where to, and who to authenticate as. */
  record Settings(ProxySelector selector, @Nullable Authenticator authenticator) {
  }

  /**
   * The settings from {@code env}, or null when it names no proxy.
   *
   * @throws IllegalArgumentException when a variable is not a proxy URL; the message never quotes credentials
   */
  static @Nullable Settings fromEnvironment(Map<String, String> env) {
    Endpoint https = endpoint(env, "HTTPS_PROXY");
    Endpoint http = endpoint(env, "HTTP_PROXY");
    if (https == null && http == null) {
      return null;
    }
    List<String> direct = new ArrayList<>();
    String noProxy = variable(env, "NO_PROXY");
    if (noProxy != null) {
      for (String entry : noProxy.split(",")) {
        String host = entry.strip().toLowerCase(Locale.ROOT);
        if (!host.isEmpty()) {
          direct.add(host.startsWith("*.") ? host.substring(1) : host);
        }
      }
    }
    ProxySelector selector = new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        Endpoint endpoint = "https".equalsIgnoreCase(uri.getScheme()) && https != null ? https : http;
        if (endpoint == null || bypasses(direct, uri.getHost())) {
          return List.of(Proxy.NO_PROXY);
        }
        return List.of(endpoint.proxy());
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // OkHttp reports the failure to the caller; nothing to remember.
      }
    };
    Endpoint credentials = https != null && https.user() != null ? https : http;
    Authenticator authenticator = credentials == null || credentials.user() == null ? null
        : ProxyCredentials.basic(credentials.user(), credentials.password());
    return new Settings(selector, authenticator);
  }

  private record Endpoint(Proxy proxy, @Nullable String user, String password) {
  }

  private static @Nullable String variable(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      value = env.get(name.toLowerCase(Locale.ROOT));
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static @Nullable Endpoint endpoint(Map<String, String> env, String name) {
    String value = variable(env, name);
    if (value == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(value.contains("://") ? value : "http://" + value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(name + " is not an http proxy URL (e.g. http://proxy.contoso.com:3128)");
    }
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(),
        uri.getPort() > 0 ? uri.getPort() : 80));
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null) {
      return new Endpoint(proxy, null, "");
    }
    int colon = userInfo.indexOf(':');
    String user = URLDecoder.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), StandardCharsets.UTF_8);
    String password = colon < 0 ? "" : URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8);
    return new Endpoint(proxy, user, password);
  }

  private static boolean bypasses(List<String> direct, @Nullable String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String entry : direct) {
      if (entry.equals("*") || h.equals(entry) || (entry.startsWith(".") ? h.endsWith(entry) : h.endsWith("." + entry))) {
        return true;
      }
    }
    return false;
  }
}
