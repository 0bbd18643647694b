package dev.exchangesync.cli;

import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.GraphException;
import dev.exchangesync.StartedSync;
import dev.exchangesync.SyncResult;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** {@code sync}: requests syncs, and with --wait waits until they have finished. */
final class SyncCommand extends Command {
  /** Poll interval against Graph: connector syncs take minutes, and every poll costs a request. */
  static final Duration GRAPH_POLL_INTERVAL = ExchangeConnectorClient.Builder.DEFAULT_POLL_INTERVAL;
  /** Poll interval against the sandbox, whose syncs finish in a second or two. */
  static final Duration SANDBOX_POLL_INTERVAL = Duration.ofMillis(250);
  /** How often, at most, the progress line on a terminal is rewritten (and at least every poll interval). */
  static final Duration PROGRESS_TICK = Duration.ofSeconds(1);
  /** Without a terminal, a "waiting" line per connector at most this often, so cron logs stay short. */
  static final Duration PLAIN_PROGRESS_EVERY = Duration.ofSeconds(5);
  /** A tenant's connectors are few; more parallel requests than this only invite throttling. */
  static final int MAX_CONCURRENCY = 16;
  /** Longest --timeout: a connector sync takes minutes, and a day covers every queue. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);
  static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
  static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);

  private final List<String> ids = new ArrayList<>();
  private boolean all;
  private DeviceManagementExchangeConnectorSyncType syncType = DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;
  private boolean skipDisconnected;
  private boolean waitForSync;
  private @Nullable Duration timeout;
  private @Nullable Duration pollInterval;
  private int concurrency = 4;

  SyncCommand(ExchangeSyncCli cli) {
    super(cli, "sync",
        List.of("Starts a sync of the given connectors, or of every connector with --all, and prints one line per"
            + " connector. With --wait, then waits until each has finished (its lastSyncDateTime moved past the"
            + " request) or failed.", "Exits 1 when any connector failed or is still waiting at the timeout.",
            "Microsoft ended support for the Intune Exchange connector on 19 February 2024; a connector that no"
            + " longer syncs never finishes, and its --wait ends at the timeout."),
        List.of("exchange-sync sync --all --skip-disconnected --wait",
            "exchange-sync sync 0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01 --type fullSync",
            "exchange-sync sync --all --wait --timeout 30m -o json > sync.jsonl",
            "exchange-sync --sandbox sync --all --skip-disconnected --wait"),
        List.of(
            Option.flag("--all", "Sync every connector of the tenant."),
            Option.value("--type", "TYPE", "fullSync or deltaSync (default: deltaSync).")
                .completing(syncTypes()),
            Option.flag("--skip-disconnected", "With --all: leave out connectors that are disconnected (or have no"
                + " status), whose syncs cannot finish; each is reported as skipped, and does not fail the run."),
            Option.flag("--wait", "Wait until each sync has finished."),
            Option.value("--timeout", "DURATION", "With --wait: how long to wait, e.g. 90s, 10m, 1h (default:"
                + " 10m)."),
            Option.value("--poll-interval", "DURATION", "With --wait: time between two reads of a connector"
                + " (default: 5s; 250ms with --sandbox)."),
            Option.value("--concurrency", "N", "Connectors synced at the same time (1-" + MAX_CONCURRENCY
                + ", default: 4).")));
  }

  @Override
  void set(String option, String value) {
    switch (option) {
      case "--all" -> all = true;
      case "--type" -> syncType = syncType(value);
      case "--skip-disconnected" -> skipDisconnected = true;
      case "--wait" -> waitForSync = true;
      case "--timeout" -> timeout = Durations.parse(value);
      case "--poll-interval" -> pollInterval = Durations.parse(value);
      case "--concurrency" -> concurrency = count(value);
      default -> super.set(option, value);
    }
  }

  @Override
  Parameters parameters() {
    return new Parameters("ID", "Ids of the connectors to sync.", 0, Integer.MAX_VALUE);
  }

  @Override
  void add(String parameter) {
    ids.add(parameter);
  }

  /** The sync types --type takes, as they are documented. */
  private static List<String> syncTypes() {
    List<String> types = new ArrayList<>();
    for (DeviceManagementExchangeConnectorSyncType type : DeviceManagementExchangeConnectorSyncType.knownValues()) {
      types.add(type.toString());
    }
    return types;
  }

  /** Reads a sync type, in any case. */
  static DeviceManagementExchangeConnectorSyncType syncType(String value) {
    for (DeviceManagementExchangeConnectorSyncType type : DeviceManagementExchangeConnectorSyncType.knownValues()) {
      if (type.toString().equalsIgnoreCase(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not a sync type: expected "
        + String.join(" or ", syncTypes()));
  }

  private static int count(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a whole number");
    }
  }

  @Override
  int call() throws Exception {
    if (all == !ids.isEmpty()) {
      throw usage(all ? "give connector ids or --all, not both" : "give at least one connector id, or --all");
    }
    if (skipDisconnected && !all) {
      throw usage("--skip-disconnected needs --all: connectors given by id are always synced");
    }
    if (!waitForSync && (timeout != null || pollInterval != null)) {
      throw usage("--timeout and --poll-interval need --wait");
    }
    if (timeout != null && timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw usage("--timeout must be at most " + Durations.format(MAX_TIMEOUT) + " but was "
          + Durations.format(timeout));
    }
    if (pollInterval != null && (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0
        || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0)) {
      throw usage("--poll-interval must be " + Durations.format(MIN_POLL_INTERVAL) + "-"
          + Durations.format(MAX_POLL_INTERVAL) + " but was " + Durations.format(pollInterval));
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw usage("--concurrency must be 1-" + MAX_CONCURRENCY + " but was " + concurrency);
    }
    for (String id : ids) {
      ExchangeConnectorClient.checkConnectorId(id);
    }
    Format format = cli.format("sync", false, false);
    ExchangeConnectorClient client = cli.client(waitForSync ? pollInterval() : null);
    Map<String, @Nullable DeviceManagementExchangeConnector> targets = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    if (all) {
      for (DeviceManagementExchangeConnector connector : client.list()) {
        if (skipDisconnected && cannotSync(connector)) {
          skipped.put(connector.id(), "not requested: the connector is " + connector.status()
              + ", so a sync could not finish");
        } else {
          targets.put(connector.id(), connector);
        }
      }
    } else {
      for (String id : new LinkedHashSet<>(ids)) {
        targets.put(id, null);
      }
    }
    PrintWriter out = cli.out;
    PrintWriter err = cli.err;
    if (targets.isEmpty() && skipped.isEmpty()) {
      if (format == Format.TABLE) {
        out.println("No Exchange connectors to sync.");
      } else if (format == Format.JSON) {
        out.println("{\"summary\":{\"connectors\":0}}");
      }
      return ExchangeSyncCli.OK;
    }
    Outcomes outcomes = new Outcomes(targets.keySet(), out, err, format);
    skipped.forEach((id, why) -> outcomes.line("skipped", id, why, true));
    Thread unknown = new Thread(outcomes::reportUnknown, "exchange-sync outcomes");
    Runtime.getRuntime().addShutdownHook(unknown); // SIGINT, SIGTERM: say what is still unknown (exit 130, 143)
    try {
      List<Request> requests = targets.isEmpty() ? List.of() : request(client, targets, outcomes);
      int exit = ExchangeSyncCli.OK;
      List<StartedSync> started = new ArrayList<>();
      for (Request request : requests) {
        if (request.failure != null) {
          exit = worse(exit, request.failure);
        } else if (request.started != null) {
          started.add(request.started);
        }
      }
      if (!started.isEmpty()) {
        exit = worse(exit, new Waiter(outcomes).await(started));
      }
      outcomes.summary(exit == ExchangeSyncCli.OK);
      return exit;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(unknown);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or will: it reports what is still unknown.
      }
    }
  }

  /**
   * Each connector's outcome, printed as it becomes known (results on stdout, failures on stderr), and the
   * connectors without a final one, for a run that is stopped before they have it.
   */
  private final class Outcomes {
    private final Map<String, String> pending = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final PrintWriter out;
    private final PrintWriter err;
    private final Format format;
    private boolean progressShown;

    Outcomes(Iterable<String> ids, PrintWriter out, PrintWriter err, Format format) {
      ids.forEach(id -> pending.put(id, "no answer to its sync request yet"));
      this.out = out;
      this.err = err;
      this.format = format;
      for (String state : new String[] {"synced", "requested", "skipped", "failed", "timeout"}) {
        counts.put(state, 0); // the summary's order
      }
      if (format == Format.TSV) {
        out.println("state\tconnectorId\tdetail");
      }
    }

    /**
     * Prints one outcome; {@code done} says whether it is the connector's last. Results go to stdout in the chosen
     * format (table: aligned text; json: one JSON object per line; tsv: one row), failures also to stderr as one
     * line each, whatever the format.
     */
    synchronized void line(String state, String id, String detail, boolean done) {
      clearProgress();
      boolean failure = state.equals("failed") || state.equals("timeout");
      String text = String.format("%-9s  %s  %s", state, Output.safe(id), Output.safe(detail, Output.MAX_MESSAGE));
      switch (format) {
        case TABLE -> (failure ? err : out).println(text);
        case JSON -> {
          if (!state.equals("waiting")) {
            out.println("{\"state\":" + Output.jsonString(state) + ",\"connectorId\":" + Output.jsonString(id)
                + ",\"detail\":" + Output.jsonString(detail) + "}");
          }
        }
        case TSV -> {
          if (!state.equals("waiting")) {
            out.println(state + "\t" + Output.safe(id) + "\t" + Output.safe(detail, Output.MAX_MESSAGE));
          }
        }
        default -> {
          // none: results are not printed
        }
      }
      if (failure && format != Format.TABLE) {
        err.println(text);
      }
      out.flush();
      err.flush();
      if (done) {
        pending.remove(id);
        counts.merge(state, 1, Integer::sum);
      } else if (!state.equals("waiting")) {
        pending.put(id, "requested; whether its sync finished is not known");
      }
    }

    /** Erases the live progress line, if one is shown. */
    synchronized void clearProgress() {
      if (progressShown) {
        err.print("\r\033[K");
        err.flush();
        progressShown = false;
      }
    }

    /** Shows {@code line} as the live progress line, in place of the one before. */
    synchronized void showProgress(String line) {
      err.print("\r\033[K" + line);
      err.flush();
      progressShown = true;
    }

    /** The outcomes counted so far, e.g. "3 synced, 1 skipped". */
    synchronized String counted() {
      return counts.entrySet().stream().filter(count -> count.getValue() > 0)
          .map(count -> count.getValue() + " " + (count.getKey().equals("timeout") ? "timed out" : count.getKey()))
          .collect(Collectors.joining(", "));
    }

    /**
     * One line counting the outcomes, e.g. "exchange-sync: 4 connectors: 3 synced, 1 skipped": on stdout after a
     * run that succeeded (as a JSON object with -o json; not at all with -o none or tsv), on stderr after one that
     * did not.
     */
    synchronized void summary(boolean succeeded) {
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      String line = "exchange-sync: " + total + " connector" + (total == 1 ? "" : "s") + ": " + counted();
      if (format == Format.JSON) {
        out.println("{\"summary\":{\"connectors\":" + total + counts.entrySet().stream()
            .map(count -> ",\"" + count.getKey() + "\":" + count.getValue()).collect(Collectors.joining()) + "}}");
      }
      if (!succeeded) {
        err.println(line);
      } else if (format == Format.TABLE) {
        out.println(line);
      }
      out.flush();
      err.flush();
    }

    /** On a stop by signal: one line on stderr per connector without a final outcome. */
    synchronized void reportUnknown() {
      pending.forEach((id, known) -> err.printf("%-9s  %s  %s%n", "unknown", Output.safe(id), known));
      if (!pending.isEmpty()) {
        err.println("exchange-sync: stopped before " + pending.size() + " connector" + (pending.size() == 1 ? ""
            : "s") + " had an outcome");
      }
      err.flush();
    }
  }

  /** Whether a connector's sync cannot finish: it is disconnected, or has no status. */
  static boolean cannotSync(DeviceManagementExchangeConnector connector) {
    return DeviceManagementExchangeConnectorStatus.DISCONNECTED.equals(connector.status())
        || DeviceManagementExchangeConnectorStatus.NONE.equals(connector.status());
  }

  /** The worse exit code; a connector's failure that is not Graph's (e.g. an id it sent) counts as 1. */
  private static int worse(int exit, Exception failure) {
    return worse(exit, failure instanceof GraphException ? ExchangeSyncCli.exitCodeOf(failure) : ExchangeSyncCli.FAILED);
  }

  /** The worse of two exit codes: authentication (3) first, then the higher. */
  private static int worse(int exit, int code) {
    return exit == ExchangeSyncCli.AUTH || code == ExchangeSyncCli.AUTH ? ExchangeSyncCli.AUTH : Math.max(exit, code);
  }

  /**
   * Sends the sync requests, {@code concurrency} at a time, printing each outcome as it comes; results come back
   * in the order of the targets. Every connector gets one, whatever happens to the others.
   */
  private List<Request> request(ExchangeConnectorClient client,
      Map<String, @Nullable DeviceManagementExchangeConnector> targets, Outcomes outcomes)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, targets.size()));
    try {
      List<Future<Request>> futures = new ArrayList<>();
      targets.forEach((id, listed) -> futures.add(pool.submit(() -> {
        Request request;
        try {
          StartedSync started = null;
          if (!waitForSync) {
            client.sync(id, syncType);
          } else if (listed != null) {
            started = client.startSync(listed, syncType);
          } else {
            started = client.startSync(id, syncType); // reads lastSyncDateTime first
          }
          request = new Request(id, started, null);
          outcomes.line("requested", id, syncType.toString(), !waitForSync);
        } catch (GraphException | RuntimeException e) {
          request = new Request(id, null, e); // one connector's failure, whatever it is
          outcomes.line("failed", id, String.valueOf(e.getMessage()), true);
        }
        return request;
      })));
      List<Request> results = new ArrayList<>();
      for (Future<Request> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a sync task failed: " + e.getCause(), e.getCause()); // tasks catch all
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One connector's sync request and how it went: started (with --wait), or failed. */
  record Request(String id, @Nullable StartedSync started, @Nullable Exception failure) {
  }

  /** The time between two reads of a connector while waiting: --poll-interval, or the default for the target. */
  private Duration pollInterval() {
    return pollInterval != null ? pollInterval : cli.sandbox ? SANDBOX_POLL_INTERVAL : GRAPH_POLL_INTERVAL;
  }

  /**
   * Waits for the started syncs (the library's {@link StartedSync}, all at once: the client's dispatcher bounds the
   * reads), printing each outcome as it comes and a progress line meanwhile. The timeout bounds the whole wait.
   */
  private final class Waiter {
    private final Outcomes outcomes;
    private final Duration limit = timeout != null ? timeout : Duration.ofMinutes(10);
    private final List<String> timedOut = new ArrayList<>();
    private int exit = ExchangeSyncCli.OK;
    private Instant lastProgress = Instant.now();

    Waiter(Outcomes outcomes) {
      this.outcomes = outcomes;
    }

    /** Returns the exit code of the wait: 0 when every sync finished. */
    int await(List<StartedSync> started) throws InterruptedException {
      Duration tick = pollInterval().compareTo(PROGRESS_TICK) < 0 ? pollInterval() : PROGRESS_TICK;
      Map<StartedSync, CompletableFuture<SyncResult>> waits = new LinkedHashMap<>();
      List<CompletableFuture<?>> reported = new ArrayList<>();
      for (StartedSync sync : started) {
        CompletableFuture<SyncResult> wait = sync.completion(limit);
        waits.put(sync, wait);
        reported.add(wait.whenComplete((result, failure) -> report(sync, result, failure)));
      }
      // Done when every outcome is printed, not merely known: the summary comes after them all.
      CompletableFuture<Void> all = CompletableFuture.allOf(reported.toArray(new CompletableFuture<?>[0]));
      try {
        while (true) {
          try {
            all.get(tick.toMillis(), TimeUnit.MILLISECONDS);
            break;
          } catch (java.util.concurrent.TimeoutException e) {
            progress(waits);
          } catch (ExecutionException e) {
            all.exceptionally(failure -> null).join(); // each failure is reported by its own wait; await the rest
            break;
          }
        }
      } finally {
        waits.values().forEach(wait -> wait.cancel(true)); // on an interrupt: stop reading
      }
      synchronized (outcomes) {
        if (!timedOut.isEmpty()) {
          outcomes.clearProgress();
          outcomes.err.println("exchange-sync: timed out after " + Durations.format(limit) + " waiting for "
              + timedOut.size() + " connector" + (timedOut.size() == 1 ? "" : "s") + ": "
              + String.join(", ", timedOut) + " (Microsoft ended support for the Exchange connector on 19 February"
              + " 2024; one that no longer syncs never finishes)");
        }
        return exit;
      }
    }

    /** Prints one wait's outcome and counts it into the exit code. */
    private void report(StartedSync sync, @Nullable SyncResult result, @Nullable Throwable failure) {
      String id = sync.connectorId();
      synchronized (outcomes) {
        if (result == null) {
          if (failure instanceof java.util.concurrent.CancellationException) {
            return; // the run is stopping: the shutdown hook reports the connector as unknown
          }
          Exception cause = failure instanceof Exception e ? e : new IllegalStateException(failure);
          outcomes.line("failed", id, "could not read the connector: " + cause.getMessage(), true);
          exit = worse(exit, cause);
          return;
        }
        switch (result.outcome()) {
          case SYNCED -> outcomes.line("synced", id, "in " + Durations.format(result.elapsed()) + " (last sync "
              + Output.lastSync(Objects.requireNonNull(result.connector())) + " UTC)", true);
          case DISCONNECTED -> {
            outcomes.line("failed", id, "the connector is " + Objects.requireNonNull(result.connector()).status()
                + ", so its sync cannot finish", true);
            exit = worse(exit, ExchangeSyncCli.FAILED);
          }
          case TIMED_OUT -> {
            outcomes.line("timeout", id, "not synced after " + Durations.format(limit), true);
            timedOut.add(Output.safe(id));
            exit = worse(exit, ExchangeSyncCli.FAILED);
          }
        }
      }
    }

    /**
     * On a terminal, one line rewritten in place, never wider than the terminal: counts first, then the
     * connectors still waiting. Otherwise (cron) a plain line per waiting connector now and then, with -o table.
     */
    private void progress(Map<StartedSync, CompletableFuture<SyncResult>> waits) {
      Instant now = Instant.now();
      List<StartedSync> pending = waits.entrySet().stream().filter(wait -> !wait.getValue().isDone())
          .map(Map.Entry::getKey).toList();
      if (pending.isEmpty() || outcomes.format == Format.NONE) {
        return; // --quiet and -o none: failures only
      }
      if (cli.terminal) {
        synchronized (outcomes) {
          String done = outcomes.counted();
          String line = "waiting: " + pending.size() + " of " + waits.size() + " connector"
              + (waits.size() == 1 ? "" : "s") + (done.isEmpty() ? "" : " (" + done + ")") + ", "
              + Durations.format(Duration.between(pending.get(0).requestedAt(), now)) + ": "
              + pending.stream().map(s -> Output.safe(s.connectorId())).collect(Collectors.joining(", "));
          int width = cli.width() > 0 ? cli.width() : 80;
          outcomes.showProgress(line.length() < width ? line : line.substring(0, width - 2) + "…");
        }
      } else if (outcomes.format == Format.TABLE && !now.isBefore(lastProgress.plus(PLAIN_PROGRESS_EVERY))) {
        lastProgress = now;
        for (StartedSync sync : pending) {
          outcomes.line("waiting", sync.connectorId(),
              Durations.format(Duration.between(sync.requestedAt(), now)), false);
        }
      }
    }
  }
}
