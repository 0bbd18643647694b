package dev.exchangesync.sandbox;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.exchangesync.internal.generated.JSON;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import dev.exchangesync.model.DeviceManagementExchangeConnectorType;
import dev.exchangesync.model.InnerError;
import dev.exchangesync.model.MainError;
import dev.exchangesync.model.OdataError;
import dev.exchangesync.model.SyncExchangeConnectorRequest;
import dev.exchangesync.internal.Checks;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * An in-process HTTP server on a loopback port that answers the Exchange connector endpoints of Graph the way
 * Graph does: it checks the bearer token and the body, answers a valid sync with {@code 204} and moves the
 * connector's {@code lastSyncDateTime} forward a short moment later, pages the list with
 * {@code @odata.nextLink}, and answers mistakes with Graph's error body and a {@code request-id}.
 *
 * <pre>{@code
 * try (GraphSandbox sandbox = GraphSandbox.start()) {
 *   ExchangeConnectorClient client = ExchangeConnectorClient.builder()
 *       .graphUrl(sandbox.graphUrl())
 *       .tokenSource(TokenSource.of(sandbox.token()))
 *       .build();
 *   sandbox.throttleNext(1, Duration.ofSeconds(1));
 *   client.sync(sandbox.connectors().get(0).id(), DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);
 *   assertEquals(2, sandbox.requests().size());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Faults apply to the next requests in the order they were added.
 */
public final class GraphSandbox implements Closeable {
  /** The bearer token the sandbox accepts unless told otherwise. */
  public static final String DEFAULT_TOKEN = "sandbox-token";

  /** Largest request body the sandbox reads; Graph's sync body is two dozen bytes. */
  private static final int MAX_REQUEST_BODY = 64 * 1024;

  private static final String CONNECTORS = "deviceManagement/exchangeConnectors";
  /** The sync action's path segment: Graph also takes it namespace-qualified. */
  private static final Set<String> ACTION = Set.of("sync", "microsoft.graph.sync");
  /** The query options each operation takes, as openapi/ declares them; Graph refuses other system options. */
  private static final Set<String> LIST_OPTIONS = Set.of("$top", "$skiptoken", "$filter", "$select");
  private static final Set<String> GET_OPTIONS = Set.of("$select");
  private static final String PREFERENCE = "include-unknown-enum-members";
  private static final Set<String> PROPERTIES = Set.of("id", "lastSyncDateTime", "status", "primarySmtpAddress",
      "serverName", "connectorServerName", "exchangeConnectorType", "version", "exchangeAlias", "exchangeOrganization");
  private static final Pattern FILTER_TERM = Pattern.compile("([A-Za-z]+)\\s+eq\\s+'((?:[^']|'')*)'");

  private final HttpServer server;
  private final ExecutorService executor;
  private final String token;
  private final Duration syncDelay;
  private final int pageSize;
  private final Clock clock;
  private final Map<String, Connector> connectors = new LinkedHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, Integer> syncFailures = new HashMap<>();
  private final List<SandboxRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final JsonAdapter<Object> jsonWithNulls;
  private final JsonAdapter<SyncExchangeConnectorRequest> syncAdapter;
  private final JsonAdapter<OdataError> errorAdapter;

  private GraphSandbox(Builder builder) throws IOException {
    this.token = builder.token;
    this.syncDelay = builder.syncDelay;
    this.pageSize = builder.pageSize;
    this.clock = builder.clock;
    List<DeviceManagementExchangeConnector> seed =
        builder.connectors != null ? builder.connectors : defaultConnectors(clock.instant());
    for (DeviceManagementExchangeConnector connector : seed) {
      connectors.put(connector.id(), new Connector(connector));
    }
    Moshi moshi = new Moshi.Builder().add(JSON.FACTORY).build();
    this.jsonWithNulls = moshi.adapter(Object.class).serializeNulls();
    this.syncAdapter = moshi.adapter(SyncExchangeConnectorRequest.class);
    this.errorAdapter = moshi.adapter(OdataError.class);
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "graph-sandbox");
      thread.setDaemon(true);
      return thread;
    });
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port);
    if (builder.sslContext != null) {
      HttpsServer https = HttpsServer.create(address, 50);
      https.setHttpsConfigurator(new HttpsConfigurator(builder.sslContext));
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 50);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a sandbox with the default connectors, token and timing. */
  public static GraphSandbox start() {
    return builder().start();
  }

  /** Starts configuring a sandbox. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Graph root to give the client, e.g. {@code http://127.0.0.1:53711} ({@code https} when it serves TLS); the
   * API version follows it.
   */
  public String graphUrl() {
    InetSocketAddress address = server.getAddress();
    return (server instanceof HttpsServer ? "https://" : "http://") + address.getAddress().getHostAddress() + ":"
        + address.getPort();
  }

  /** The bearer token the sandbox accepts. */
  public String token() {
    return token;
  }

  /** The connectors as a {@code GET} would return them now. */
  public List<DeviceManagementExchangeConnector> connectors() {
    synchronized (connectors) {
      Instant now = clock.instant();
      return connectors.values().stream().map(connector -> connector.view(now)).toList();
    }
  }

  /** Every request received so far, oldest first. */
  public List<SandboxRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Forgets the requests received so far. */
  public void clearRequests() {
    requests.clear();
  }

  /** Answers the next {@code count} requests with {@code 429} and {@code Retry-After} (whole seconds). */
  public void throttleNext(int count, Duration retryAfter) {
    addFaults(count, new Fault(429, retryAfter, false, false));
  }

  /** Answers the next {@code count} requests with {@code status} and a Graph error body. */
  public void failNext(int count, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be an error status (400-599) but was " + status);
    }
    addFaults(count, new Fault(status, null, false, false));
  }

  /**
   * Answers the next {@code count} requests with {@code status} and an error as Intune writes it: a whole JSON
   * document, with line breaks, in {@code error.message}, whose Operation ID is a fresh UUID and whose Activity ID
   * is the answer's {@code request-id}.
   */
  public void failNextLikeIntune(int count, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be an error status (400-599) but was " + status);
    }
    addFaults(count, new Fault(status, null, false, true));
  }

  /** Closes the connection of the next {@code count} requests without answering. */
  public void dropNext(int count) {
    addFaults(count, new Fault(0, null, true, false));
  }

  /** Answers every sync of connector {@code connectorId} with {@code status}, until {@link #close}. */
  public void failSyncOf(String connectorId, int status) {
    synchronized (syncFailures) {
      syncFailures.put(connectorId, status);
    }
  }

  private void addFaults(int count, Fault fault) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1 but was " + count);
    }
    synchronized (faults) {
      for (int i = 0; i < count; i++) {
        faults.add(fault);
      }
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "GraphSandbox{" + graphUrl() + "}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readBody(exchange.getRequestBody());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
      requests.add(new SandboxRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() != null ? "?" + exchange.getRequestURI().getRawQuery() : ""),
          headers, new String(body, StandardCharsets.UTF_8)));
      Answer answer = answer(exchange, body);
      if (answer == null) {
        return; // Dropped: closing without a status line ends the connection.
      }
      exchange.getResponseHeaders().set("request-id", answer.requestId);
      String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
      if (clientRequestId != null) {
        exchange.getResponseHeaders().set("client-request-id", clientRequestId);
      }
      answer.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      if (answer.body == null) {
        exchange.sendResponseHeaders(answer.status, -1);
      } else {
        byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_REQUEST_BODY + 1);
    return bytes.length > MAX_REQUEST_BODY ? new byte[0] : bytes;
  }

  private @Nullable Answer answer(HttpExchange exchange, byte[] body) {
    String requestId = UUID.randomUUID().toString();
    Fault fault;
    synchronized (faults) {
      fault = faults.poll();
    }
    if (fault != null) {
      if (fault.drop) {
        return null;
      }
      Answer error = error(requestId, fault.status, codeOf(fault.status),
          fault.intune ? intuneMessage(requestId) : "Injected by the sandbox.");
      if (fault.retryAfter != null) {
        error.headers.put("Retry-After", Long.toString(fault.retryAfter.toSeconds()));
      }
      return error;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.equals("Bearer " + token)) {
      Answer error = error(requestId, 401, "InvalidAuthenticationToken",
          authorization == null ? "Access token is empty." : "Access token validation failure. Invalid audience.");
      error.headers.put("WWW-Authenticate", "Bearer realm=\"\", error=\"invalid_token\"");
      return error;
    }
    List<String> segments = new ArrayList<>();
    for (String raw : exchange.getRequestURI().getRawPath().split("/", -1)) {
      if (!raw.isEmpty()) {
        segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    if (segments.isEmpty() || !(segments.get(0).equals("v1.0") || segments.get(0).equals("beta"))) {
      return error(requestId, 404, "NotFound", "Invalid version: " + (segments.isEmpty() ? "" : segments.get(0)));
    }
    String rest = String.join("/", segments.subList(1, Math.min(segments.size(), 3)));
    if (segments.size() < 3 || !rest.equals(CONNECTORS) || segments.size() > 5
        || (segments.size() == 5 && !ACTION.contains(segments.get(4)))) {
      return error(requestId, 400, "BadRequest", "Resource not found for the segment '"
          + segments.get(segments.size() - 1) + "'.");
    }
    String method = exchange.getRequestMethod();
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    String prefer = exchange.getRequestHeaders().getFirst("Prefer");
    boolean newMembers = prefer != null && prefer.toLowerCase(Locale.ROOT).contains(PREFERENCE);
    if (method.equals("GET") && segments.size() <= 4) {
      String refused = refusedOption(query, segments.size() == 3 ? LIST_OPTIONS : GET_OPTIONS);
      if (refused != null) {
        return error(requestId, 400, "BadRequest", "Query option '" + refused + "' is not supported for this"
            + " resource.");
      }
    }
    if (segments.size() == 3) {
      return method.equals("GET") ? preferred(list(query, requestId, segments.get(0), newMembers), newMembers)
          : notAllowed(requestId, method);
    }
    String id = segments.get(3);
    if (segments.size() == 4) {
      return method.equals("GET") ? preferred(get(query, requestId, segments.get(0), id, newMembers), newMembers)
          : notAllowed(requestId, method);
    }
    return method.equals("POST") ? sync(requestId, id, body) : notAllowed(requestId, method);
  }

  private Answer list(Map<String, String> query, String requestId, String version, boolean newMembers) {
    int top = pageSize;
    int skip = 0;
    try {
      if (query.containsKey("$top")) {
        top = Integer.parseInt(query.get("$top"));
      }
      if (query.containsKey("$skiptoken")) {
        skip = Integer.parseInt(query.get("$skiptoken"));
      }
    } catch (NumberFormatException e) {
      return error(requestId, 400, "BadRequest", "Invalid $top or $skiptoken: " + e.getMessage());
    }
    if (top < 1 || skip < 0) {
      return error(requestId, 400, "BadRequest", "Invalid $top or $skiptoken.");
    }
    List<String> select = select(query.get("$select"));
    Map<String, String> filter = filter(query.get("$filter"));
    String refused = refusedProperty(select, filter);
    if (refused != null) {
      return error(requestId, 400, "BadRequest", refused);
    }
    List<Map<String, @Nullable Object>> matching = new ArrayList<>();
    for (DeviceManagementExchangeConnector connector : connectors()) {
      Map<String, @Nullable Object> json = render(connector, newMembers);
      boolean matches = filter.entrySet().stream()
          .allMatch(term -> term.getValue().equals(String.valueOf(json.get(term.getKey()))));
      if (matches) {
        matching.add(selected(json, select));
      }
    }
    Map<String, @Nullable Object> page = new LinkedHashMap<>();
    page.put("@odata.context", graphUrl() + "/" + version + "/$metadata#" + CONNECTORS + selection(select));
    page.put("value", matching.subList(Math.min(skip, matching.size()), Math.min(skip + top, matching.size())));
    if (skip + top < matching.size()) {
      StringBuilder next = new StringBuilder(graphUrl() + "/" + version + "/" + CONNECTORS + "?$top=" + top
          + "&$skiptoken=" + (skip + top));
      for (String option : List.of("$select", "$filter")) {
        if (query.containsKey(option)) {
          String value = URLEncoder.encode(query.get(option), StandardCharsets.UTF_8).replace("+", "%20");
          next.append('&').append(option).append('=').append(value);
        }
      }
      page.put("@odata.nextLink", next.toString());
    }
    return ok(200, requestId, jsonWithNulls.toJson(page));
  }

  private Answer get(Map<String, String> query, String requestId, String version, String id, boolean newMembers) {
    List<String> select = select(query.get("$select"));
    String refused = refusedProperty(select, Map.of());
    if (refused != null) {
      return error(requestId, 400, "BadRequest", refused);
    }
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    synchronized (connectors) {
      Connector connector = connectors.get(id);
      if (connector == null) {
        return notFound(requestId, id);
      }
      json.put("@odata.context", graphUrl() + "/" + version + "/$metadata#" + CONNECTORS + selection(select)
          + "/$entity");
      json.putAll(selected(render(connector.view(clock.instant()), newMembers), select));
    }
    return ok(200, requestId, jsonWithNulls.toJson(json));
  }

  /**
   * A connector as Graph writes it: every property, null ones included, and enum members newer than
   * {@code unknownFutureValue} (here: the ones openapi/ does not list) as {@code unknownFutureValue} unless the
   * request said {@code Prefer: include-unknown-enum-members}.
   */
  private static Map<String, @Nullable Object> render(DeviceManagementExchangeConnector c, boolean newMembers) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("id", c.id());
    // Formatted, not toString(), which leaves out ":00" seconds; Graph always writes them.
    json.put("lastSyncDateTime", c.lastSyncDateTime() == null ? null
        : c.lastSyncDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    json.put("status", c.status() == null ? null
        : newMembers || c.status().isKnown() ? c.status().value() : "unknownFutureValue");
    json.put("primarySmtpAddress", c.primarySmtpAddress());
    json.put("serverName", c.serverName());
    json.put("connectorServerName", c.connectorServerName());
    json.put("exchangeConnectorType", c.exchangeConnectorType() == null ? null
        : newMembers || c.exchangeConnectorType().isKnown() ? c.exchangeConnectorType().value() : "unknownFutureValue");
    json.put("version", c.version());
    json.put("exchangeAlias", c.exchangeAlias());
    json.put("exchangeOrganization", c.exchangeOrganization());
    return json;
  }

  /** The properties {@code $select} names, and {@code id}, which Graph returns with every selection. */
  private static Map<String, @Nullable Object> selected(Map<String, @Nullable Object> json, List<String> select) {
    if (select.isEmpty()) {
      return json;
    }
    Map<String, @Nullable Object> result = new LinkedHashMap<>();
    json.forEach((name, value) -> {
      if (name.equals("id") || select.contains(name)) {
        result.put(name, value);
      }
    });
    return result;
  }

  private static String selection(List<String> select) {
    return select.isEmpty() ? "" : "(" + String.join(",", select) + ")";
  }

  private static List<String> select(@Nullable String select) {
    List<String> names = new ArrayList<>();
    if (select != null) {
      for (String name : select.split(",")) {
        names.add(name.strip());
      }
    }
    return names;
  }

  /**
   * The terms of a {@code $filter} of the form Intune takes here, {@code name eq 'value'} joined by {@code and};
   * an empty map for none. Anything else is refused as Graph refuses it, through a {@code (?)} key.
   */
  private static Map<String, String> filter(@Nullable String filter) {
    Map<String, String> terms = new LinkedHashMap<>();
    if (filter == null) {
      return terms;
    }
    for (String term : filter.strip().split("\\s+and\\s+")) {
      Matcher matcher = FILTER_TERM.matcher(term.strip());
      if (!matcher.matches()) {
        return Map.of("(?)", filter);
      }
      terms.put(matcher.group(1), matcher.group(2).replace("''", "'"));
    }
    return terms;
  }

  /** Graph's message for a selected or filtered property the connector does not have, or null. */
  private static @Nullable String refusedProperty(List<String> select, Map<String, String> filter) {
    if (filter.containsKey("(?)")) {
      return "Invalid filter clause: '" + filter.get("(?)") + "'. Supported here: property eq 'value', joined by"
          + " and.";
    }
    List<String> named = new ArrayList<>(select);
    named.addAll(filter.keySet());
    for (String name : named) {
      if (!PROPERTIES.contains(name)) {
        return "Could not find a property named '" + name + "' on type"
            + " 'microsoft.graph.deviceManagementExchangeConnector'.";
      }
    }
    return null;
  }

  /** The first system query option ({@code $…}) that the operation does not take, or null. */
  private static @Nullable String refusedOption(Map<String, String> query, Set<String> taken) {
    for (String name : query.keySet()) {
      if (name.startsWith("$") && !taken.contains(name)) {
        return name;
      }
    }
    return null;
  }

  /** Says that the preference for new enum members was applied, as Graph does. */
  private static Answer preferred(Answer answer, boolean newMembers) {
    if (newMembers && answer.status < 300) {
      answer.headers.put("Preference-Applied", PREFERENCE);
    }
    return answer;
  }

  /** Intune's error document, as it arrives inside Graph's {@code error.message}. */
  private static String intuneMessage(String activityId) {
    return "{\r\n  \"_version\": 3,\r\n  \"Message\": \"An error has occurred - Operation ID (for customer support):"
        + " "
        + UUID.randomUUID() + " - Activity ID: " + activityId + " - Url: https://fef.msua06.manage.microsoft.com/"
        + "StatelessOnboardingService/deviceManagement/exchangeConnectors?api-version=2024-04-01 - CustomApiErrorPhrase: "
        + "\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  \"ErrorSourceService\": \"\",\r\n"
        + "  \"HttpHeaders\": \"{}\"\r\n}";
  }

  private Answer sync(String requestId, String id, byte[] body) {
    SyncExchangeConnectorRequest request;
    try {
      request = syncAdapter.fromJson(new String(body, StandardCharsets.UTF_8));
    } catch (IOException | JsonDataException e) {
      return error(requestId, 400, "BadRequest", "The request body is not a valid sync request: " + e.getMessage());
    }
    if (request == null || !request.syncType().isKnown()) {
      return error(requestId, 400, "BadRequest", "Invalid value for syncType: '"
          + (request == null ? "null" : request.syncType().value()) + "'.");
    }
    Integer failure;
    synchronized (syncFailures) {
      failure = syncFailures.get(id);
    }
    if (failure != null) {
      return error(requestId, failure, codeOf(failure), "Injected by the sandbox for connector " + id + ".");
    }
    synchronized (connectors) {
      Connector connector = connectors.get(id);
      if (connector == null) {
        return notFound(requestId, id);
      }
      connector.requestSync(clock.instant().plus(syncDelay));
    }
    return new Answer(204, requestId, null);
  }

  private Answer notFound(String requestId, String id) {
    return error(requestId, 404, "ResourceNotFound", "Resource '" + id + "' does not exist or one of its queried"
        + " reference-property objects are not present.");
  }

  private Answer notAllowed(String requestId, String method) {
    return error(requestId, 405, "BadRequest", "The method '" + method + "' is not allowed here.");
  }

  private Answer ok(int status, String requestId, String json) {
    return new Answer(status, requestId, json);
  }

  private Answer error(String requestId, int status, String code, String message) {
    String date = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    OdataError error = new OdataError(new MainError(code, message, null, null,
        new InnerError(requestId, null, date)));
    return new Answer(status, requestId, errorAdapter.toJson(error));
  }

  private static String codeOf(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "InvalidAuthenticationToken";
      case 403 -> "Authorization_RequestDenied";
      case 404 -> "ResourceNotFound";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      case 504 -> "GatewayTimeout";
      default -> status >= 500 ? "InternalServerError" : "BadRequest";
    };
  }

  private static Map<String, String> query(@Nullable String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        query.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  /** Four plausible connectors: two healthy, one disconnected, one with a status this version does not know. */
  static List<DeviceManagementExchangeConnector> defaultConnectors(Instant now) {
    OffsetDateTime utc = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    return List.of(
        new DeviceManagementExchangeConnector("0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01", utc.minusHours(1),
            DeviceManagementExchangeConnectorStatus.CONNECTED, "intune-connector@contoso.com",
            "EXCH01.contoso.local", "CONNECTOR01", DeviceManagementExchangeConnectorType.ON_PREMISES,
            "19.7.1.0", "contoso", "Contoso"),
        new DeviceManagementExchangeConnector("3e9a4b7c-2d8f-4c61-b5e0-1f6a9d3c7b02", utc.minusHours(3),
            DeviceManagementExchangeConnectorStatus.CONNECTED, null, "outlook.office365.com", null,
            DeviceManagementExchangeConnectorType.SERVICE_TO_SERVICE, null, null, "contoso.onmicrosoft.com"),
        new DeviceManagementExchangeConnector("7b2c9e1d-6a4f-4e8b-8c3d-5e0f2a1b9c03", utc.minusDays(9),
            DeviceManagementExchangeConnectorStatus.DISCONNECTED, "intune-legacy@fabrikam.com",
            "MAIL02.fabrikam.local", "CONNECTOR02", DeviceManagementExchangeConnectorType.ON_PREMISES,
            "19.5.3.0", "fabrikam", "Fabrikam"),
        new DeviceManagementExchangeConnector("a4d8f3e2-9c7b-4a15-b6e9-0d3c8f2a7e04", utc.minusMinutes(40),
            DeviceManagementExchangeConnectorStatus.of("connectorUpgradeRequired"), null, "EXCH-DED.tailspin.net",
            "CONNECTOR03", DeviceManagementExchangeConnectorType.of("dedicatedModern"), "19.8.0.0", "tailspin",
            "Tailspin Toys"));
  }

  /** One connector and the sync it is running, if any. A disconnected connector never finishes a sync. */
  private static final class Connector {
    private DeviceManagementExchangeConnector value;
    private @Nullable Instant syncDoneAt;

    Connector(DeviceManagementExchangeConnector value) {
      this.value = value;
    }

    void requestSync(Instant doneAt) {
      if (syncDoneAt == null) {
        syncDoneAt = doneAt;
      }
    }

    DeviceManagementExchangeConnector view(Instant now) {
      Instant done = syncDoneAt;
      if (done != null && !now.isBefore(done)
          && !DeviceManagementExchangeConnectorStatus.DISCONNECTED.equals(value.status())) {
        DeviceManagementExchangeConnector v = value;
        value = new DeviceManagementExchangeConnector(v.id(), done.atOffset(ZoneOffset.UTC), v.status(),
            v.primarySmtpAddress(), v.serverName(), v.connectorServerName(), v.exchangeConnectorType(), v.version(),
            v.exchangeAlias(), v.exchangeOrganization());
        syncDoneAt = null;
      }
      return value;
    }
  }

  private record Fault(int status, @Nullable Duration retryAfter, boolean drop, boolean intune) {
  }

  private static final class Answer {
    final int status;
    final String requestId;
    final @Nullable String body;
    final Map<String, String> headers = new LinkedHashMap<>();

    Answer(int status, String requestId, @Nullable String body) {
      this.status = status;
      this.requestId = requestId;
      this.body = body;
    }
  }

  /** Configures a {@link GraphSandbox}. */
  public static final class Builder {
    /** Long enough for a poll to see the sync pending, short enough for a demo: one and a half seconds. */
    public static final Duration DEFAULT_SYNC_DELAY = Duration.ofMillis(1500);
    /** Two connectors a page, so that even the default four connectors take two pages. */
    public static final int DEFAULT_PAGE_SIZE = 2;

    private String token = DEFAULT_TOKEN;
    private Duration syncDelay = DEFAULT_SYNC_DELAY;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private int port;
    private Clock clock = Clock.systemUTC();
    private @Nullable List<DeviceManagementExchangeConnector> connectors;
    private @Nullable SSLContext sslContext;

    private Builder() {
    }

    /** The bearer token to accept; {@link #DEFAULT_TOKEN} by default. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token == null");
      return this;
    }

    /** How long after a sync request the connector's {@code lastSyncDateTime} moves forward. */
    public Builder syncDelay(Duration syncDelay) {
      this.syncDelay = Checks.notNegative(syncDelay, "syncDelay");
      return this;
    }

    /** Connectors per page when the request has no {@code $top}. */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1 but was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** The loopback port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0-65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /** The connectors to serve instead of the default four. */
    public Builder connectors(List<DeviceManagementExchangeConnector> connectors) {
      this.connectors = List.copyOf(connectors);
      return this;
    }

    /** The clock for sync completion and error dates. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Serves https instead of plain http, with this context's key and certificate: for trying a client's TLS
     * settings, such as a trust store of its own, against the sandbox.
     */
    public Builder https(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext == null");
      return this;
    }

    /** Starts the server. */
    public GraphSandbox start() {
      try {
        return new GraphSandbox(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the Graph sandbox on a loopback port: " + e.getMessage(), e);
      }
    }
  }
}
