package dev.exchangesync;

import com.squareup.moshi.Moshi;
import dev.exchangesync.internal.generated.JSON;
import dev.exchangesync.internal.generated.api.ExchangeConnectorsApi;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorCollectionResponse;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import dev.exchangesync.model.SyncExchangeConnectorRequest;
import dev.exchangesync.internal.Checks;
import dev.exchangesync.internal.http.BearerTokenInterceptor;
import dev.exchangesync.internal.http.CallDeadlines;
import dev.exchangesync.internal.http.CallState;
import dev.exchangesync.internal.http.CallStates;
import dev.exchangesync.internal.http.CheckedJsonConverterFactory;
import dev.exchangesync.internal.http.LoggingInterceptor;
import dev.exchangesync.internal.http.ProxyCredentials;
import dev.exchangesync.internal.http.RetryInterceptor;
import dev.exchangesync.internal.http.RetryPolicy;
import dev.exchangesync.internal.http.RuntimeFailureInterceptor;
import dev.exchangesync.internal.http.Sleeper;
import dev.exchangesync.internal.http.Urls;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Syncs and reads the Intune Exchange connectors of one tenant through Microsoft Graph.
 *
 * <pre>{@code
 * ExchangeConnectorClient client = ExchangeConnectorClient.builder()
 *     .tokenSource(TokenSource.fromEnvironment("GRAPH_ACCESS_TOKEN"))
 *     .build();
 * for (DeviceManagementExchangeConnector connector : client.list()) {
 *   client.sync(connector.id(), DeviceManagementExchangeConnectorSyncType.DELTA_SYNC);
 * }
 * }</pre>
 *
 * <p>Throttling ({@code 429}, {@code 503}, {@code 504}) and broken connections are retried within a budget;
 * every other failure is thrown at once as a {@link GraphException} whose message names the Graph error and
 * its {@code request-id}. The connectors and enumerations are the types generated from the OpenAPI document:
 * they are Graph's own shapes, and a spec change reaches callers by regeneration alone.
 *
 * <p>Instances are thread-safe; share one per tenant.
 */
public final class ExchangeConnectorClient implements Closeable {
  /** This library's version, e.g. {@code 0.1.0}; it is also in the {@code User-Agent} of every request. */
  public static final String VERSION = Version.get();
  /** Graph ids are GUIDs; 256 leaves room for any other form while refusing runaway input. */
  public static final int MAX_CONNECTOR_ID_LENGTH = 256;

  /** A tenant has a handful of connectors; more pages than this means a server that pages in a loop. */
  static final int MAX_PAGES = 1000;
  /** Most connectors {@link #list()} keeps: far above a real tenant's handful, far below what fills a heap. */
  static final int MAX_CONNECTORS = 10_000;

  private final ExchangeConnectorsApi api;
  private final HttpUrl baseUrl;
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final CallStates states = new CallStates();
  private final Failures failures;
  private final CallDeadlines deadlines;
  private final Duration callTimeout;
  /** Async calls waiting to retry: no thread or dispatcher slot is held, only a task on this scheduler. */
  private final ScheduledThreadPoolExecutor retries = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "exchange-connector-sync retries");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<CallFuture<?>> waitingToRetry = ConcurrentHashMap.newKeySet();
  private final Set<SyncWait> syncWaits = ConcurrentHashMap.newKeySet();
  private final Clock clock;
  private final Duration pollInterval;
  private final SyncWait.Scheduler pollScheduler;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ExchangeConnectorClient(Builder builder, HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    TokenSource tokenSource = Objects.requireNonNull(builder.tokenSource);
    this.ownsHttpClient = builder.httpClient == null;
    RetryPolicy policy = new RetryPolicy(builder.maxAttempts, builder.retryBudget,
        RetryPolicy.DEFAULT_BASE_BACKOFF, RetryPolicy.DEFAULT_MAX_BACKOFF);
    this.deadlines = new CallDeadlines(builder.callTimeout, states);
    this.callTimeout = builder.callTimeout;
    this.clock = builder.clock;
    this.pollInterval = builder.pollInterval;
    this.pollScheduler = builder.pollScheduler != null ? builder.pollScheduler : this::schedule;
    OkHttpClient.Builder http = builder.httpClient != null ? builder.httpClient.newBuilder()
        // Plain http is only ever loopback, and every request stays on the Graph URL's host: no TLS to set up
        // (loading the trust store is about a third of a cold start).
        : baseUrl.isHttps() ? new OkHttpClient.Builder()
        : new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    http.addInterceptor(new RuntimeFailureInterceptor())
        .addInterceptor(deadlines)
        .addInterceptor(new RetryInterceptor(states, policy, builder.sleeper, builder.clock, builder.random))
        .addInterceptor(new BearerTokenInterceptor(tokenSource, baseUrl, states, Version.userAgent()));
    if (LoggingInterceptor.enabled()) {
      http.addNetworkInterceptor(new LoggingInterceptor());
    }
    if (builder.proxy != null) {
      http.proxy(builder.proxy);
    }
    if (builder.proxyUser != null) {
      http.proxyAuthenticator(ProxyCredentials.basic(builder.proxyUser, builder.proxyPassword));
    }
    this.httpClient = http
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .connectTimeout(builder.connectTimeout)
        .readTimeout(builder.readTimeout)
        .writeTimeout(builder.readTimeout)
        .callTimeout(Duration.ZERO) // CallDeadlines bounds the whole call instead, more cheaply.
        .build();
    Moshi moshi = new Moshi.Builder().add(JSON.FACTORY).build();
    this.failures = new Failures(moshi, baseUrl.host(), tokenSource);
    this.api = new Retrofit.Builder()
        .baseUrl(baseUrl)
        .callFactory(states.callFactory(httpClient))
        .addConverterFactory(JSON.converterFactory()) // text/plain bodies, should the spec declare any
        .addConverterFactory(new CheckedJsonConverterFactory(MoshiConverterFactory.create(moshi)))
        .build()
        .create(ExchangeConnectorsApi.class);
  }

  /** Starts configuring a client. */
  public static Builder builder() {
    return new Builder();
  }

  /** The URL requests are resolved against, e.g. {@code https://graph.microsoft.com/v1.0/}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /**
   * Starts a sync of one connector: {@code POST deviceManagement/exchangeConnectors/{id}/sync}. Returns when
   * Graph has accepted it ({@code 204}); the sync itself runs on in the background and ends with a newer
   * {@code lastSyncDateTime} on the connector.
   *
   * @throws IllegalArgumentException when the id or sync type is not valid; nothing is sent then
   */
  public void sync(String connectorId, DeviceManagementExchangeConnectorSyncType syncType) throws GraphException {
    execute(syncCall(connectorId, syncType), Operation.SYNC, connectorId);
  }

  /** {@link #sync} without blocking; canceling the future cancels the request and any wait to retry. */
  public CompletableFuture<Void> syncAsync(String connectorId, DeviceManagementExchangeConnectorSyncType syncType) {
    Call<Void> call = syncCall(connectorId, syncType);
    CallFuture<Void> future = new CallFuture<>();
    enqueue(future, call, Operation.SYNC, connectorId, future::complete);
    return future;
  }

  /**
   * Starts a sync of one connector and returns a handle to wait until it has finished: reads the connector (for
   * its {@code lastSyncDateTime} before the sync), then requests the sync as {@link #sync} does.
   *
   * <pre>{@code
   * SyncResult result = client.startSync(id, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC)
   *     .await(Duration.ofMinutes(10));
   * }</pre>
   *
   * @throws IllegalArgumentException when the id or sync type is not valid; nothing is sent then
   * @throws GraphException when reading the connector or requesting the sync failed; after a failed read no sync
   *     was requested
   */
  public StartedSync startSync(String connectorId, DeviceManagementExchangeConnectorSyncType syncType)
      throws GraphException {
    checkConnectorId(connectorId); // both arguments are checked before anything is sent
    checkSyncType(syncType);
    return startSync(get(connectorId), syncType);
  }

  /**
   * {@link #startSync(String, DeviceManagementExchangeConnectorSyncType)} for a connector already read, e.g. by
   * {@link #list}: its {@code lastSyncDateTime} is the value the wait compares with, and it is not read again.
   */
  public StartedSync startSync(DeviceManagementExchangeConnector connector,
      DeviceManagementExchangeConnectorSyncType syncType) throws GraphException {
    Objects.requireNonNull(connector, "connector == null");
    Call<Void> call = syncCall(connector.id(), syncType);
    Instant requestedAt = clock.instant(); // before the request: a sync that ends quickly still counts
    execute(call, Operation.SYNC, connector.id());
    return new StartedSync(this, connector.id(), connector.lastSyncDateTime(), requestedAt);
  }

  /** The wait of {@link StartedSync#completion}. */
  CompletableFuture<SyncResult> awaitSync(StartedSync sync, Duration timeout) {
    ensureOpen();
    SyncWait wait = new SyncWait(sync, this::getAsync, clock, pollScheduler, this::schedule, pollInterval, timeout);
    syncWaits.add(wait);
    wait.whenComplete((result, failure) -> syncWaits.remove(wait));
    if (closed.get()) { // closed meanwhile: close() may have missed it
      wait.completeExceptionally(closedWhileWaiting());
      wait.stop();
    }
    return wait.start();
  }

  private Future<?> schedule(Runnable task, Duration delay) {
    return retries.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static NetworkException closedWhileWaiting() {
    return new NetworkException(ErrorInfo.none(), "canceled: the client was closed while waiting for a sync", null);
  }

  /** Reads one connector: {@code GET deviceManagement/exchangeConnectors/{id}}. */
  public DeviceManagementExchangeConnector get(String connectorId) throws GraphException {
    return execute(api.getExchangeConnector(checkConnectorId(connectorId), null), Operation.GET, connectorId);
  }

  /** {@link #get} without blocking; canceling the future cancels the request. */
  public CompletableFuture<DeviceManagementExchangeConnector> getAsync(String connectorId) {
    Call<DeviceManagementExchangeConnector> call = api.getExchangeConnector(checkConnectorId(connectorId), null);
    CallFuture<DeviceManagementExchangeConnector> future = new CallFuture<>();
    enqueue(future, call, Operation.GET, connectorId, future::complete);
    return future;
  }

  /**
   * Reads every connector of the tenant: {@code GET deviceManagement/exchangeConnectors}, following
   * {@code @odata.nextLink} across all pages.
   */
  public List<DeviceManagementExchangeConnector> list() throws GraphException {
    List<DeviceManagementExchangeConnector> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    DeviceManagementExchangeConnectorCollectionResponse page =
        execute(api.listExchangeConnectors(null, null, null), Operation.LIST, null);
    while (true) {
      addPage(all, page);
      String next = page.nextLink();
      if (next == null) {
        return List.copyOf(all);
      }
      page = execute(api.listExchangeConnectorsNextPage(checkNextLink(next, seen)), Operation.LIST, null);
    }
  }

  /**
   * Reads the connectors page by page, lazily: each page is requested when the iteration reaches it, so a caller
   * that stops early sends no further request, and only one page is held at a time. Pages are checked as in
   * {@link #list}; each page is bounded as {@code list()} bounds the total.
   *
   * <pre>{@code
   * client.pages().forEachRemaining(page -> page.forEach(connector -> System.out.println(connector.id())));
   * }</pre>
   *
   * <p>An iterator cannot throw a checked exception: a failed page request throws an {@link UncheckedIOException}
   * whose {@linkplain UncheckedIOException#getCause() cause} is the {@link GraphException}.
   */
  public Iterator<List<DeviceManagementExchangeConnector>> pages() {
    ensureOpen();
    return new PageIterator();
  }

  /**
   * The connectors of {@link #pages()} one by one, as a lazy sequential stream: e.g.
   * {@code client.stream().filter(...).findFirst()} stops requesting pages once it has found one. Failures as in
   * {@link #pages()}.
   */
  public Stream<DeviceManagementExchangeConnector> stream() {
    Iterator<List<DeviceManagementExchangeConnector>> pages = pages();
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
        false).flatMap(List::stream);
  }

  /** The iterator of {@link #pages()}: the first page, then each next link, until a page has none. */
  private final class PageIterator implements Iterator<List<DeviceManagementExchangeConnector>> {
    private final Set<String> seen = new HashSet<>();
    private boolean started;
    private @Nullable String nextLink;

    @Override
    public boolean hasNext() {
      return !started || nextLink != null;
    }

    @Override
    public List<DeviceManagementExchangeConnector> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no page after the last");
      }
      String link = nextLink;
      started = true;
      nextLink = null; // a failed page ends the iteration
      try {
        DeviceManagementExchangeConnectorCollectionResponse page = execute(link == null
            ? api.listExchangeConnectors(null, null, null)
            : api.listExchangeConnectorsNextPage(checkNextLink(link, seen)), Operation.LIST, null);
        List<DeviceManagementExchangeConnector> connectors = new ArrayList<>(page.value().size());
        addPage(connectors, page);
        nextLink = page.nextLink();
        return List.copyOf(connectors);
      } catch (GraphException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
  }

  /** {@link #list} without blocking; canceling the future cancels the page request under way. */
  public CompletableFuture<List<DeviceManagementExchangeConnector>> listAsync() {
    CallFuture<List<DeviceManagementExchangeConnector>> future = new CallFuture<>();
    listPage(future, api.listExchangeConnectors(null, null, null), new ArrayList<>(), new HashSet<>());
    return future;
  }

  private void listPage(CallFuture<List<DeviceManagementExchangeConnector>> future,
      Call<DeviceManagementExchangeConnectorCollectionResponse> call,
      List<DeviceManagementExchangeConnector> all, Set<String> seen) {
    enqueue(future, call, Operation.LIST, null, page -> {
      addPage(all, page);
      String next = page.nextLink();
      if (next == null) {
        future.complete(List.copyOf(all));
      } else {
        listPage(future, api.listExchangeConnectorsNextPage(checkNextLink(next, seen)), all, seen);
      }
    });
  }

  /**
   * Adds a page's connectors to those read so far, within {@link #MAX_CONNECTORS}: a tenant has a handful, and a
   * service that pages without end must not fill the heap.
   */
  private static void addPage(List<DeviceManagementExchangeConnector> all,
      DeviceManagementExchangeConnectorCollectionResponse page) throws InvalidResponseException {
    for (DeviceManagementExchangeConnector connector : page.value()) {
      if (connector == null) {
        throw new InvalidResponseException(ErrorInfo.none(), "Graph's list of connectors holds a null entry", null);
      }
      if (all.size() >= MAX_CONNECTORS) {
        throw new InvalidResponseException(ErrorInfo.none(), "Graph listed more than " + MAX_CONNECTORS
            + " Exchange connectors; a tenant has a handful, so the listing was stopped there", null);
      }
      all.add(connector);
    }
  }

  /**
   * Cancels this client's calls in flight, their waits to retry included (they fail with a
   * {@link NetworkException}), and releases the connections and threads of the HTTP client unless it was given by
   * the caller. Later calls throw {@link IllegalStateException}. Closing twice does nothing more.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Sync waits first: canceling their reads below must not fail them with another reason.
    for (SyncWait wait : syncWaits) {
      wait.completeExceptionally(closedWhileWaiting());
      wait.stop();
    }
    syncWaits.clear();
    deadlines.close();
    retries.shutdownNow();
    for (CallFuture<?> waiting : waitingToRetry) {
      waiting.completeExceptionally(new NetworkException(ErrorInfo.none(), "canceled: the client was closed while"
          + " the call waited to retry", null));
    }
    waitingToRetry.clear();
    if (ownsHttpClient) {
      httpClient.dispatcher().cancelAll();
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  /** Refuses work once {@link #close()} was called. */
  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the client is closed");
    }
  }

  @Override
  public String toString() {
    return "ExchangeConnectorClient{" + baseUrl + "}";
  }

  /** The HTTP client calls go through. For tests. */
  OkHttpClient httpClient() {
    return httpClient;
  }

  /** Calls whose state is still kept; 0 when idle. For tests. */
  int trackedCalls() {
    return states.size();
  }

  private Call<Void> syncCall(String connectorId, DeviceManagementExchangeConnectorSyncType syncType) {
    checkConnectorId(connectorId);
    checkSyncType(syncType);
    return api.syncExchangeConnector(connectorId, new SyncExchangeConnectorRequest(syncType));
  }

  /** Refuses a sync type this version does not know: Graph would answer 400. */
  private static void checkSyncType(DeviceManagementExchangeConnectorSyncType syncType) {
    Objects.requireNonNull(syncType, "syncType == null");
    if (!syncType.isKnown()) {
      throw new IllegalArgumentException("unknown sync type '" + syncType.value() + "': expected one of "
          + DeviceManagementExchangeConnectorSyncType.knownValues());
    }
  }

  /**
   * Checks that {@code connectorId} can be one connector's id, as every operation does before sending anything;
   * lets callers check a batch of ids up front. Characters such as {@code /}, {@code ?}, {@code #} and
   * {@code %} are allowed: they are percent-encoded, so an id always stays one path segment.
   *
   * @return {@code connectorId}
   * @throws IllegalArgumentException naming what is wrong: blank, too long, white space at either end, a path
   *     step ({@code .} or {@code ..}), or a control character
   */
  public static String checkConnectorId(String connectorId) {
    Objects.requireNonNull(connectorId, "connectorId == null");
    if (connectorId.isBlank()) {
      throw new IllegalArgumentException("connector id is blank");
    }
    if (connectorId.length() > MAX_CONNECTOR_ID_LENGTH) {
      throw new IllegalArgumentException("connector id is " + connectorId.length()
          + " characters long; the most is " + MAX_CONNECTOR_ID_LENGTH);
    }
    if (!connectorId.equals(connectorId.strip())) {
      throw new IllegalArgumentException("connector id '" + connectorId + "' starts or ends with white space");
    }
    if (connectorId.equals(".") || connectorId.equals("..")) {
      throw new IllegalArgumentException("connector id '" + connectorId + "' is not an id: it is a path step");
    }
    for (int i = 0; i < connectorId.length(); i++) {
      if (Character.isISOControl(connectorId.charAt(i))) {
        throw new IllegalArgumentException("connector id holds a control character at index " + i);
      }
    }
    return connectorId;
  }

  /** Follows a next-page link only to the Graph origin the token is for, and never in a loop. */
  private String checkNextLink(String next, Set<String> seen) throws GraphException {
    HttpUrl url = HttpUrl.parse(next);
    if (url == null || !Urls.sameOrigin(url, baseUrl)) {
      throw new InvalidResponseException(ErrorInfo.none(), "Graph's @odata.nextLink '" + next
          + "' does not point to " + baseUrl.scheme() + "://" + baseUrl.host() + ":" + baseUrl.port()
          + "; not following it, so that the token stays with Graph", null);
    }
    if (!seen.add(next) || seen.size() >= MAX_PAGES) {
      throw new InvalidResponseException(ErrorInfo.none(), "Graph's paging does not end: @odata.nextLink '"
          + next + "' came " + (seen.size() >= MAX_PAGES ? "after " + MAX_PAGES + " pages" : "twice"), null);
    }
    return next;
  }

  private <T> T execute(Call<T> call, Operation operation, @Nullable String connectorId) throws GraphException {
    ensureOpen();
    Request request = call.request(); // creates the call and its state
    try {
      Response<T> response;
      try {
        response = call.execute();
      } catch (IOException | RuntimeException e) {
        throw failures.fromFailure(e, states.of(request));
      }
      try {
        return bodyOf(request, response, operation, connectorId);
      } catch (RuntimeException e) {
        throw failures.fromFailure(e, states.of(request));
      }
    } finally {
      states.remove(request);
    }
  }

  private <T> T bodyOf(Request request, Response<T> response, Operation operation, @Nullable String connectorId)
      throws GraphException {
    if (!response.isSuccessful()) {
      throw failures.fromResponse(response, states.of(request), operation, connectorId);
    }
    return response.body();
  }

  /** What to do with a successful body; may start the next call. */
  private interface Step<T> {
    void accept(T body) throws GraphException;
  }

  private <T> void enqueue(CallFuture<?> future, Call<T> call, Operation operation, @Nullable String connectorId,
      Step<T> onSuccess) {
    ensureOpen();
    states.of(call.request()).deferRetries(callTimeout); // creates the call and its state
    attempt(future, call, operation, connectorId, onSuccess);
  }

  /** Sends one attempt of an async call; a retry due is scheduled, holding no thread or dispatcher slot. */
  private <T> void attempt(CallFuture<?> future, Call<T> call, Operation operation, @Nullable String connectorId,
      Step<T> onSuccess) {
    Request request = call.request();
    future.track(call);
    call.enqueue(new Callback<T>() {
      // Each callback forgets the call's state before completing the future, so that callers see it gone.
      @Override
      public void onResponse(Call<T> call, Response<T> response) {
        if (retryLater(future, call, request, operation, connectorId, onSuccess)) {
          return;
        }
        T body;
        try {
          body = bodyOf(request, response, operation, connectorId);
        } catch (GraphException | RuntimeException e) {
          GraphException failure = failures.fromFailure(e, states.of(request));
          states.remove(request);
          future.completeExceptionally(failure);
          return;
        }
        states.remove(request);
        try {
          onSuccess.accept(body);
        } catch (GraphException | RuntimeException e) {
          future.completeExceptionally(failures.fromFailure(e, states.of(request)));
        }
      }

      @Override
      public void onFailure(Call<T> call, Throwable failure) {
        if (retryLater(future, call, request, operation, connectorId, onSuccess)) {
          return;
        }
        GraphException e = failures.fromFailure(failure, states.of(request));
        states.remove(request);
        future.completeExceptionally(e);
      }
    });
  }

  /** Schedules the next attempt when the retry interceptor asked for one; false when the call is over. */
  private <T> boolean retryLater(CallFuture<?> future, Call<T> call, Request request, Operation operation,
      @Nullable String connectorId, Step<T> onSuccess) {
    CallState state = states.of(request);
    Duration wait = state.takeNextWait();
    if (wait == null || future.isDone() || closed.get()) {
      return false;
    }
    waitingToRetry.add(future);
    // A wait past the call's deadline ends at the deadline, where the next attempt fails with the timeout.
    long delay = Math.max(0, Math.min(wait.toNanos(), state.nanosLeft()));
    retries.schedule(() -> {
      waitingToRetry.remove(future);
      states.remove(request);
      if (future.isDone()) {
        return; // canceled while waiting
      }
      try {
        Call<T> next = call.clone();
        states.adopt(next.request(), state); // the clone carries on the call: attempts, waits, deadline
        attempt(future, next, operation, connectorId, onSuccess);
      } catch (RuntimeException e) {
        future.completeExceptionally(failures.fromFailure(e, state));
      }
    }, delay, TimeUnit.NANOSECONDS);
    return true;
  }

  /** A future whose {@code cancel} also cancels the HTTP call under way. */
  private static final class CallFuture<T> extends CompletableFuture<T> {
    private final AtomicReference<Call<?>> current = new AtomicReference<>();

    void track(Call<?> call) {
      current.set(call);
      if (isCancelled()) {
        call.cancel();
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean canceled = super.cancel(mayInterruptIfRunning);
      Call<?> call = current.get();
      if (call != null) {
        call.cancel();
      }
      return canceled;
    }
  }

  /** Configures an {@link ExchangeConnectorClient}. Only {@link #tokenSource} is required. */
  public static final class Builder {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    /** Ten seconds: Graph's front doors answer a TCP connect within milliseconds when they are up at all. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Thirty seconds: Graph answers these operations within seconds; silence beyond that is a stall. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Five minutes for a whole call, retries and their waits included: above the three-minute retry budget. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);
    /** Five seconds: a connector sync takes minutes, and every read of the connector is a request. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private @Nullable TokenSource tokenSource;
    private GraphCloud cloud = GraphCloud.GLOBAL;
    private @Nullable String graphUrl;
    private final Set<String> allowedHosts = new HashSet<>();
    private @Nullable Proxy proxy;
    private @Nullable String proxyUser;
    private String proxyPassword = "";
    private ApiVersion apiVersion = ApiVersion.V1_0;
    private @Nullable OkHttpClient httpClient;
    private int maxAttempts = RetryPolicy.DEFAULT_MAX_ATTEMPTS;
    private Duration retryBudget = RetryPolicy.DEFAULT_WAIT_BUDGET;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private SyncWait.@Nullable Scheduler pollScheduler;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {
    }

    /** Where access tokens come from. Required. */
    public Builder tokenSource(TokenSource tokenSource) {
      this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource == null");
      return this;
    }

    /** The national cloud whose Graph host to call; {@link GraphCloud#GLOBAL} by default. */
    public Builder cloud(GraphCloud cloud) {
      this.cloud = Objects.requireNonNull(cloud, "cloud == null");
      return this;
    }

    /**
     * The Graph root URL, overriding the cloud's, e.g. {@code https://graph.microsoft.com} or a loopback test
     * server; the API version is appended. HTTPS only, except for loopback addresses.
     */
    public Builder graphUrl(String graphUrl) {
      this.graphUrl = Objects.requireNonNull(graphUrl, "graphUrl == null");
      return this;
    }

    /**
     * Lets the token go to {@code host} as the Graph URL's host although it is not the Graph host of a Microsoft
     * cloud, e.g. a gateway of your own. Without it the client refuses such a URL: a token from a source that
     * names no cloud (a static token) is only sent to the known clouds' Graph hosts and to loopback, and one from
     * an MSAL source only to its cloud's Graph host and to loopback.
     */
    public Builder allowHost(String host) {
      Objects.requireNonNull(host, "host == null");
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException("host '" + host + "' is not a host name");
      }
      allowedHosts.add(host.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * The proxy for Graph calls, e.g. {@code new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy", 3128))};
     * without it the JVM's proxy settings apply ({@code https.proxyHost}). For sign-in through the same proxy,
     * give {@code MsalTokenSource.Builder.httpClient} an {@code OkHttpClient} with the same proxy.
     */
    public Builder proxy(Proxy proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy == null");
      return this;
    }

    /** The user and password the proxy asks for ({@code 407}), sent with HTTP Basic authentication. */
    public Builder proxyCredentials(String user, String password) {
      this.proxyUser = Objects.requireNonNull(user, "user == null");
      this.proxyPassword = Objects.requireNonNull(password, "password == null");
      return this;
    }

    /** The API version; {@link ApiVersion#V1_0} by default. */
    public Builder apiVersion(ApiVersion apiVersion) {
      this.apiVersion = Objects.requireNonNull(apiVersion, "apiVersion == null");
      return this;
    }

    /**
     * An HTTP client to share connection pool and threads with. The client derives its own from it (its
     * interceptors, timeouts and redirect policy), leaving the given one unchanged.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
      return this;
    }

    /** Most times one request is sent, the first included; 1 turns retries off. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = RetryPolicy.checkMaxAttempts(maxAttempts);
      return this;
    }

    /** Most time one call spends waiting to retry, all waits added up. */
    public Builder retryBudget(Duration retryBudget) {
      this.retryBudget = Checks.notNegative(retryBudget, "retryBudget");
      return this;
    }

    /** Longest wait for a TCP and TLS connection. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Checks.positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** Longest silence while reading an answer or writing a request. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Checks.positive(readTimeout, "readTimeout");
      return this;
    }

    /** Longest time for a whole call, retries and their waits included. */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = Checks.positive(callTimeout, "callTimeout");
      return this;
    }

    /** Time between two reads of a connector while {@linkplain StartedSync waiting} for its sync. */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Checks.positive(pollInterval, "pollInterval");
      return this;
    }

    Builder pollScheduler(SyncWait.Scheduler pollScheduler) {
      this.pollScheduler = Objects.requireNonNull(pollScheduler);
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /**
     * Checks the settings and creates the client.
     *
     * @throws IllegalStateException when no token source was set
     * @throws IllegalArgumentException when the Graph URL is not usable, names another cloud than the token
     *     source's, or is plain HTTP to a host that is not loopback
     */
    public ExchangeConnectorClient build() {
      if (tokenSource == null) {
        throw new IllegalStateException("tokenSource is required: set TokenSource.of(...) or an MSAL source");
      }
      String root = graphUrl != null ? graphUrl : cloud.graphUrl();
      if (hasUserInfo(root)) {
        throw new IllegalArgumentException("the Graph URL must not carry user information (user:password@):"
            + " credentials belong in the token source, never in the URL");
      }
      HttpUrl parsed = HttpUrl.parse(root);
      if (parsed == null) {
        throw new IllegalArgumentException("Graph URL '" + root + "' is not an http or https URL");
      }
      if (!Urls.isAllowed(parsed)) {
        throw new IllegalArgumentException("Graph URL '" + root + "' uses plain http; only https is allowed,"
            + " except for loopback addresses (localhost, 127.0.0.1, ::1)");
      }
      if (parsed.query() != null || parsed.fragment() != null || parsed.username().length() > 0) {
        throw new IllegalArgumentException("Graph URL '" + root + "' must not carry a query, fragment or user");
      }
      for (String segment : parsed.pathSegments()) {
        if (segment.equals("v1.0") || segment.equals("beta")) {
          throw new IllegalArgumentException("Graph URL '" + root + "' already names an API version; give the"
              + " root (e.g. https://graph.microsoft.com) and set the version with apiVersion");
        }
      }
      boolean allowed = Urls.isLoopback(parsed.host()) || allowedHosts.contains(parsed.host());
      if (tokenSource.cloud().isEmpty() && !allowed && GraphCloud.ofGraphHost(parsed.host()).isEmpty()) {
        throw new IllegalArgumentException(parsed.host() + " is not the Graph host of a Microsoft cloud ("
            + GraphCloud.graphHosts() + ") nor loopback, and the access token would be sent there: allow the host"
            + " explicitly if it is yours");
      }
      tokenSource.cloud().ifPresent(tokenCloud -> {
        if (!allowed && !parsed.host().equals(tokenCloud.graphHost())) {
          throw new IllegalArgumentException("the token source signs in to the " + tokenCloud.id()
              + " cloud, whose Graph host is " + tokenCloud.graphHost() + ", but the Graph URL is " + root
              + "; a token is never sent to another cloud's host");
        }
      });
      if (callTimeout.compareTo(retryBudget) <= 0) {
        throw new IllegalArgumentException("callTimeout (" + callTimeout + ") must be longer than retryBudget ("
            + retryBudget + "), or retries could never finish");
      }
      HttpUrl.Builder base = parsed.newBuilder();
      if (parsed.pathSegments().get(parsed.pathSegments().size() - 1).isEmpty()) {
        base.removePathSegment(parsed.pathSegments().size() - 1);
      }
      return new ExchangeConnectorClient(this, base.addPathSegment(apiVersion.pathSegment())
          .addPathSegment("").build());
    }

    /** Whether the URL's authority (between {@code //} and the path) holds an {@code @}: user information. */
    private static boolean hasUserInfo(String url) {
      int start = url.indexOf("//");
      if (start < 0) {
        return false;
      }
      int end = start + 2;
      while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
        end++;
      }
      return url.substring(start + 2, end).indexOf('@') >= 0;
    }
  }
}
