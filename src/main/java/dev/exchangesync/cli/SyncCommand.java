package dev.exchangesync.cli;

import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.GraphException;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sync", mixinStandardHelpOptions = true,
    versionProvider = ExchangeSyncCli.VersionProvider.class,
    description = {"Starts a sync of the given connectors, or of every connector with --all, and prints one line"
        + " per connector. With --wait, then waits until each has finished (its lastSyncDateTime moved past the"
        + " request) or failed.", "Exits 1 when any connector failed or is still waiting at the timeout."})
final class SyncCommand implements Callable<Integer> {
  /** Clocks of this machine and Graph may differ; a sync that finished this much before our request counts. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  /** Poll interval against Graph: connector syncs take minutes, and every poll costs a request. */
  static final Duration GRAPH_POLL_INTERVAL = Duration.ofSeconds(5);
  /** Poll interval against the sandbox, whose syncs finish in a second or two. */
  static final Duration SANDBOX_POLL_INTERVAL = Duration.ofMillis(250);
  /** Without a terminal, a "waiting" line per connector at most this often, so cron logs stay short. */
  static final Duration PLAIN_PROGRESS_EVERY = Duration.ofSeconds(5);
  /** A tenant's connectors are few; more parallel requests than this only invite throttling. */
  static final int MAX_CONCURRENCY = 16;
  /** Longest --timeout: a connector sync takes minutes, and a day covers every queue. */
  static final Duration MAX_TIMEOUT = Duration.ofHours(24);
  static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
  static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);

  @ParentCommand
  ExchangeSyncCli cli;

  @Parameters(paramLabel = "ID", arity = "0..*", description = "Ids of the connectors to sync.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--all", description = "Sync every connector of the tenant.")
  boolean all;

  @Option(names = "--type", paramLabel = "TYPE", converter = SyncTypeConverter.class,
      completionCandidates = SyncTypeConverter.class,
      description = "fullSync or deltaSync (default: deltaSync).")
  DeviceManagementExchangeConnectorSyncType syncType = DeviceManagementExchangeConnectorSyncType.DELTA_SYNC;

  @Option(names = "--skip-disconnected", description = "With --all: leave out connectors that are disconnected"
      + " (or have no status), whose syncs cannot finish; each is reported as skipped, and does not fail the run.")
  boolean skipDisconnected;

  @Option(names = "--wait", description = "Wait until each sync has finished.")
  boolean waitForSync;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "With --wait: how long to wait, e.g. 90s, 10m, 1h (default: 10m).")
  @Nullable Duration timeout;

  @Option(names = "--poll-interval", paramLabel = "DURATION", converter = Durations.class,
      description = "With --wait: time between two reads of a connector (default: 5s; 250ms with --sandbox).")
  @Nullable Duration pollInterval;

  @Option(names = "--concurrency", paramLabel = "N",
      description = "Connectors synced at the same time (1-" + MAX_CONCURRENCY + ", default: 4).")
  int concurrency = 4;

  @Override
  public Integer call() throws Exception {
    CommandLine commandLine = cli.spec.commandLine().getSubcommands().get("sync");
    if (all == !ids.isEmpty()) {
      throw new CommandLine.ParameterException(commandLine, all
          ? "give connector ids or --all, not both" : "give at least one connector id, or --all");
    }
    if (skipDisconnected && !all) {
      throw new CommandLine.ParameterException(commandLine, "--skip-disconnected needs --all: connectors given by"
          + " id are always synced");
    }
    if (!waitForSync && (timeout != null || pollInterval != null)) {
      throw new CommandLine.ParameterException(commandLine, "--timeout and --poll-interval need --wait");
    }
    if (timeout != null && timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new CommandLine.ParameterException(commandLine, "--timeout must be at most "
          + Durations.format(MAX_TIMEOUT) + " but was " + Durations.format(timeout));
    }
    if (pollInterval != null && (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0
        || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0)) {
      throw new CommandLine.ParameterException(commandLine, "--poll-interval must be " + Durations.format(
          MIN_POLL_INTERVAL) + "-" + Durations.format(MAX_POLL_INTERVAL) + " but was " + Durations.format(pollInterval));
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new CommandLine.ParameterException(commandLine,
          "--concurrency must be 1-" + MAX_CONCURRENCY + " but was " + concurrency);
    }
    for (String id : ids) {
      ExchangeConnectorClient.checkConnectorId(id);
    }
    ExchangeConnectorClient client = cli.client();
    Map<String, @Nullable OffsetDateTime> targets = new LinkedHashMap<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    if (all) {
      for (DeviceManagementExchangeConnector connector : client.list()) {
        if (skipDisconnected && cannotSync(connector)) {
          skipped.put(connector.id(), "not requested: the connector is " + connector.status()
              + ", so a sync could not finish");
        } else {
          targets.put(connector.id(), connector.lastSyncDateTime());
        }
      }
    } else {
      for (String id : new LinkedHashSet<>(ids)) {
        targets.put(id, null);
      }
    }
    PrintWriter out = cli.spec.commandLine().getOut();
    PrintWriter err = cli.spec.commandLine().getErr();
    if (targets.isEmpty() && skipped.isEmpty()) {
      out.println("No Exchange connectors to sync.");
      return ExchangeSyncCli.OK;
    }
    Outcomes outcomes = new Outcomes(targets.keySet(), out, err);
    skipped.forEach((id, why) -> outcomes.line("skipped", id, why, true));
    Thread unknown = new Thread(outcomes::reportUnknown, "exchange-sync outcomes");
    Runtime.getRuntime().addShutdownHook(unknown); // SIGINT, SIGTERM: say what is still unknown (exit 130, 143)
    try {
      List<Request> requests = targets.isEmpty() ? List.of() : request(client, targets, outcomes);
      int exit = ExchangeSyncCli.OK;
      List<Request> started = new ArrayList<>();
      for (Request request : requests) {
        if (request.failure == null) {
          started.add(request);
        } else {
          exit = worse(exit, request.failure);
        }
      }
      if (waitForSync && !started.isEmpty()) {
        exit = Math.max(exit, new Waiter(client, outcomes).await(started));
      }
      outcomes.summary(exit == ExchangeSyncCli.OK ? out : err);
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

    Outcomes(Iterable<String> ids, PrintWriter out, PrintWriter err) {
      ids.forEach(id -> pending.put(id, "no answer to its sync request yet"));
      this.out = out;
      this.err = err;
      for (String state : new String[] {"synced", "requested", "skipped", "failed", "timeout"}) {
        counts.put(state, 0); // the summary's order
      }
    }

    /** Prints one outcome; {@code done} says whether it is the connector's last. */
    synchronized void line(String state, String id, String detail, boolean done) {
      if (cli.terminal) {
        err.print("\r\033[K");
        err.flush();
      }
      PrintWriter to = state.equals("requested") || state.equals("synced") || state.equals("waiting")
          || state.equals("skipped") ? out : err;
      to.printf("%-9s  %s  %s%n", state, Output.safe(id), Output.safe(detail, Output.MAX_MESSAGE));
      to.flush();
      if (done) {
        pending.remove(id);
        counts.merge(state, 1, Integer::sum);
      } else if (!state.equals("waiting")) {
        pending.put(id, "requested; whether its sync finished is not known");
      }
    }

    /** One line counting the outcomes, e.g. "exchange-sync: 4 connectors: 3 synced, 1 skipped". */
    synchronized void summary(PrintWriter to) {
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      to.println("exchange-sync: " + total + " connector" + (total == 1 ? "" : "s") + ": " + counts.entrySet()
          .stream().filter(count -> count.getValue() > 0)
          .map(count -> count.getValue() + " " + (count.getKey().equals("timeout") ? "timed out" : count.getKey()))
          .collect(Collectors.joining(", ")));
      to.flush();
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

  /** The worse of two exit codes; a connector's failure that is not Graph's (e.g. an id it sent) counts as 1. */
  private static int worse(int exit, Exception failure) {
    int code = failure instanceof GraphException ? ExchangeSyncCli.exitCodeOf(failure) : ExchangeSyncCli.FAILED;
    return exit == ExchangeSyncCli.AUTH || code == ExchangeSyncCli.AUTH ? ExchangeSyncCli.AUTH : Math.max(exit, code);
  }

  /**
   * Sends the sync requests, {@code concurrency} at a time, printing each outcome as it comes; results come back
   * in the order of the targets. Every connector gets one, whatever happens to the others.
   */
  private List<Request> request(ExchangeConnectorClient client, Map<String, @Nullable OffsetDateTime> targets,
      Outcomes outcomes) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, targets.size()));
    try {
      List<Future<Request>> futures = new ArrayList<>();
      targets.forEach((id, known) -> futures.add(pool.submit(() -> {
        Request request;
        try {
          OffsetDateTime previous = known;
          if (waitForSync && !all) {
            previous = client.get(id).lastSyncDateTime();
          }
          Instant requestedAt = Instant.now();
          client.sync(id, syncType);
          request = new Request(id, previous, requestedAt, null);
          outcomes.line("requested", id, syncType.toString(), !waitForSync);
        } catch (GraphException | RuntimeException e) {
          request = new Request(id, known, Instant.now(), e); // one connector's failure, whatever it is
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

  /** One connector's sync request and how it went. */
  record Request(String id, @Nullable OffsetDateTime previous, Instant requestedAt, @Nullable Exception failure) {
    /** Whether the connector has finished a sync since this request. */
    boolean finishedBy(DeviceManagementExchangeConnector connector) {
      OffsetDateTime last = connector.lastSyncDateTime();
      return last != null && (previous == null || last.isAfter(previous))
          && !last.toInstant().isBefore(requestedAt.minus(CLOCK_SKEW));
    }
  }

  /**
   * Polls started syncs until each finished, failed, or the timeout passed. The timeout bounds the whole wait:
   * the polls of one round go out together (the client's dispatcher bounds them) and each gets only the time left.
   */
  private final class Waiter {
    private final ExchangeConnectorClient client;
    private final Outcomes outcomes;
    private Instant lastProgress = Instant.now();

    Waiter(ExchangeConnectorClient client, Outcomes outcomes) {
      this.client = client;
      this.outcomes = outcomes;
    }

    int await(List<Request> started) throws InterruptedException {
      Duration limit = timeout != null ? timeout : Duration.ofMinutes(10);
      Duration interval = pollInterval != null ? pollInterval
          : cli.sandbox ? SANDBOX_POLL_INTERVAL : GRAPH_POLL_INTERVAL;
      Instant deadline = Instant.now().plus(limit);
      List<Request> pending = new ArrayList<>(started);
      int exit = ExchangeSyncCli.OK;
      while (true) {
        Map<Request, CompletableFuture<DeviceManagementExchangeConnector>> polls = new LinkedHashMap<>();
        for (Request request : pending) {
          polls.put(request, client.getAsync(request.id));
        }
        for (Map.Entry<Request, CompletableFuture<DeviceManagementExchangeConnector>> poll : polls.entrySet()) {
          Request request = poll.getKey();
          long left = Duration.between(Instant.now(), deadline).toMillis();
          try {
            DeviceManagementExchangeConnector connector = poll.getValue().get(Math.max(left, 1), TimeUnit.MILLISECONDS);
            String elapsed = Durations.format(Duration.between(request.requestedAt, Instant.now()));
            if (request.finishedBy(connector)) {
              outcomes.line("synced", request.id, "in " + elapsed + " (last sync " + Output.lastSync(connector)
                  + " UTC)", true);
              pending.remove(request);
            } else if (cannotSync(connector)) {
              outcomes.line("failed", request.id, "the connector is " + connector.status()
                  + ", so its sync cannot finish", true);
              pending.remove(request);
              exit = Math.max(exit, ExchangeSyncCli.FAILED);
            }
          } catch (java.util.concurrent.TimeoutException e) {
            poll.getValue().cancel(true); // the deadline passed during this poll
          } catch (ExecutionException e) {
            Exception failure = e.getCause() instanceof Exception cause ? cause : e;
            outcomes.line("failed", request.id, "could not read the connector: " + failure.getMessage(), true);
            pending.remove(request);
            exit = worse(exit, failure);
          }
        }
        if (pending.isEmpty()) {
          return exit;
        }
        if (!Instant.now().plus(interval).isBefore(deadline)) {
          polls.values().forEach(poll -> poll.cancel(true));
          for (Request request : pending) {
            outcomes.line("timeout", request.id, "not synced after " + Durations.format(limit), true);
          }
          outcomes.err.println("exchange-sync: timed out after " + Durations.format(limit) + " waiting for "
              + pending.size() + " connector" + (pending.size() == 1 ? "" : "s") + ": "
              + pending.stream().map(r -> Output.safe(r.id)).collect(Collectors.joining(", "))
              + " (Microsoft ended support for the Exchange connector on 19 February 2024; one that no longer"
              + " syncs never finishes)");
          return ExchangeSyncCli.FAILED;
        }
        progress(pending);
        Thread.sleep(interval.toMillis());
      }
    }

    /** On a terminal, one line rewritten in place; otherwise a plain line per waiting connector. */
    private void progress(List<Request> pending) {
      Instant now = Instant.now();
      if (cli.terminal) {
        synchronized (outcomes) {
          outcomes.err.print("\r\033[Kwaiting: " + pending.stream()
              .map(r -> Output.safe(r.id) + " " + Durations.format(Duration.between(r.requestedAt, now)))
              .collect(Collectors.joining(", ")));
          outcomes.err.flush();
        }
      } else if (!now.isBefore(lastProgress.plus(PLAIN_PROGRESS_EVERY))) {
        lastProgress = now;
        for (Request request : pending) {
          outcomes.line("waiting", request.id, Durations.format(Duration.between(request.requestedAt, now)), false);
        }
      }
    }
  }

  /** Reads a sync type, in any case; and, for shell completion, lists exactly the types it accepts. */
  static final class SyncTypeConverter implements CommandLine.ITypeConverter<DeviceManagementExchangeConnectorSyncType>,
      Iterable<String> {
    @Override
    public DeviceManagementExchangeConnectorSyncType convert(String value) {
      for (DeviceManagementExchangeConnectorSyncType type : DeviceManagementExchangeConnectorSyncType.knownValues()) {
        if (type.toString().equalsIgnoreCase(value)) {
          return type;
        }
      }
      throw new CommandLine.TypeConversionException("'" + value + "' is not a sync type: expected "
          + String.join(" or ", this));
    }

    @Override
    public Iterator<String> iterator() {
      return DeviceManagementExchangeConnectorSyncType.knownValues().stream().map(Object::toString).iterator();
    }
  }
}
