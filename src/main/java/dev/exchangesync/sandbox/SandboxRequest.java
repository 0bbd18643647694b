package dev.exchangesync.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request the sandbox received, as it arrived.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the path and query as sent, still percent-encoded
 * @param headers the headers, names in lower case
 * @param body the body as UTF-8 text, empty when there was none
 */
public record SandboxRequest(String method, String path, Map<String, List<String>> headers, String body) {
  /** Copies the headers. */
  public SandboxRequest {
    headers = Map.copyOf(headers);
  }

  /** The first value of header {@code name} (any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
