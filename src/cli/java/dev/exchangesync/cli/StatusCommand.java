package dev.exchangesync.cli;

import com.squareup.moshi.JsonWriter;
import dev.exchangesync.GraphException;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/** {@code status}: a health check for people, cron, Nagios/Icinga and Prometheus. */
final class StatusCommand extends Command {
  static final int NAGIOS_OK = 0;
  static final int NAGIOS_WARNING = 1;
  static final int NAGIOS_CRITICAL = 2;
  static final int NAGIOS_UNKNOWN = 3;
  private static final String[] NAGIOS_STATES = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

  private Duration maxAge = Duration.ofHours(24);
  private @Nullable Duration warning;
  private boolean json;

  StatusCommand(ExchangeSyncCli cli) {
    super(cli, "status",
        List.of("Health check for monitoring: exits 0 when every connector is connected and synced within the"
            + " maximum age, 1 otherwise, with one line per unhealthy connector saying why.",
            "-o nagios: a Nagios/Icinga plugin (status line with performance data; exit 0 OK, 1 WARNING,"
            + " 2 CRITICAL, 3 UNKNOWN). -o prometheus: metrics for node_exporter's textfile collector (exit 0 when"
            + " written)."),
        List.of("exchange-sync status --max-age 6h",
            "exchange-sync status -o nagios --warning 12h --critical 24h",
            "exchange-sync status -o prometheus > exchange_sync.prom.tmp",
            "mv exchange_sync.prom.tmp /var/lib/node_exporter/textfile/exchange_sync.prom"),
        List.of(
            Option.value("--max-age,--critical", "DURATION", "Oldest acceptable last sync, e.g. 6h, 24h, 7d"
                + " (default: 24h); older is unhealthy (CRITICAL for -o nagios)."),
            Option.value("--warning", "DURATION", "With -o nagios: a last sync older than this is WARNING"
                + " (default: none)."),
            JSON));
  }

  @Override
  void set(String option, String value) {
    switch (option) {
      case "--max-age" -> maxAge = Durations.parse(value);
      case "--warning" -> warning = Durations.parse(value);
      default -> json = true;
    }
  }

  /** One connector's verdict: what is wrong with it, and the age of its last sync (null: never synced). */
  private record Verdict(DeviceManagementExchangeConnector connector, List<String> problems, @Nullable Duration age) {
  }

  @Override
  int call() throws GraphException, IOException {
    Format format = cli.format("status", json, true);
    if (warning != null && warning.compareTo(maxAge) > 0) {
      throw usage("--warning (" + Durations.format(warning) + ") must not be longer than --critical/--max-age ("
          + Durations.format(maxAge) + ")");
    }
    PrintWriter out = cli.out;
    Instant now = Instant.now();
    List<DeviceManagementExchangeConnector> connectors;
    try {
      connectors = cli.client().list();
    } catch (GraphException | RuntimeException e) {
      if (format == Format.NAGIOS) {
        ExchangeSyncCli.nagiosUnknown(out, e);
        return NAGIOS_UNKNOWN;
      }
      if (format == Format.PROMETHEUS) {
        out.print(runMetrics(false, now)); // the textfile says the run failed, instead of going stale
        out.flush();
      }
      throw e;
    }
    List<Verdict> verdicts = new ArrayList<>();
    boolean healthy = !connectors.isEmpty();
    for (DeviceManagementExchangeConnector connector : connectors) {
      Verdict verdict = verdict(connector, now);
      verdicts.add(verdict);
      healthy &= verdict.problems.isEmpty();
    }
    switch (format) {
      case NAGIOS -> {
        return nagios(verdicts, out);
      }
      case PROMETHEUS -> {
        out.print(prometheus(verdicts, now));
        return ExchangeSyncCli.OK;
      }
      case JSON -> out.println(json(verdicts, healthy));
      case TSV -> {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "status", "lastSyncDateTime", "healthy", "problems"});
        for (Verdict v : verdicts) {
          rows.add(new String[] {Output.safe(v.connector.id()), Output.text(v.connector.status()),
              Output.isoLastSync(v.connector), String.valueOf(v.problems.isEmpty()),
              Output.safe(String.join("; ", v.problems))});
        }
        out.print(Output.tsv(rows));
      }
      case TABLE -> text(verdicts, healthy, out);
      default -> {
        // none
      }
    }
    return healthy ? ExchangeSyncCli.OK : ExchangeSyncCli.FAILED;
  }

  private void text(List<Verdict> verdicts, boolean healthy, PrintWriter out) {
    if (verdicts.isEmpty()) {
      out.println("unhealthy: the tenant has no Exchange connectors");
    } else if (healthy) {
      out.println("healthy: all " + verdicts.size() + " connectors are connected and synced within "
          + Durations.format(maxAge));
    } else {
      for (Verdict v : verdicts) {
        if (!v.problems.isEmpty()) {
          out.println("unhealthy  " + Output.safe(v.connector.id()) + "  " + String.join("; ", v.problems));
        }
      }
    }
  }

  private Verdict verdict(DeviceManagementExchangeConnector connector, Instant now) {
    List<String> problems = new ArrayList<>();
    if (!DeviceManagementExchangeConnectorStatus.CONNECTED.equals(connector.status())) {
      problems.add("status is " + Output.text(connector.status()) + ", not connected");
    }
    Duration age = null;
    if (!Output.hasSynced(connector)) {
      problems.add("never synced");
    } else {
      age = Duration.between(connector.lastSyncDateTime().toInstant(), now);
      if (age.compareTo(maxAge) > 0) {
        problems.add("last synced " + Durations.format(age) + " ago, more than " + Durations.format(maxAge));
      }
    }
    return new Verdict(connector, problems, age);
  }

  /**
   * The plugin output: "EXCHANGE CONNECTORS STATE - summary | perfdata", then one line per connector that is not
   * OK. CRITICAL: a connector not connected, never synced or older than --critical, or no connector at all;
   * WARNING: one older than --warning.
   */
  private int nagios(List<Verdict> verdicts, PrintWriter out) {
    int state = verdicts.isEmpty() ? NAGIOS_CRITICAL : NAGIOS_OK;
    List<String> details = new ArrayList<>();
    int unhealthy = 0;
    long oldest = -1;
    StringBuilder perf = new StringBuilder();
    for (Verdict v : verdicts) {
      int own = !v.problems.isEmpty() ? NAGIOS_CRITICAL
          : warning != null && v.age != null && v.age.compareTo(warning) > 0 ? NAGIOS_WARNING : NAGIOS_OK;
      state = Math.max(state, own);
      if (own == NAGIOS_CRITICAL) {
        unhealthy++;
        details.add(NAGIOS_STATES[own] + ": " + Output.safe(v.connector.id()) + ": " + String.join("; ", v.problems));
      } else if (own == NAGIOS_WARNING) {
        details.add(NAGIOS_STATES[own] + ": " + Output.safe(v.connector.id()) + ": last synced "
            + Durations.format(v.age) + " ago, more than " + Durations.format(warning));
      }
      if (v.age != null) {
        oldest = Math.max(oldest, v.age.toSeconds());
        perf.append(" '").append(label("sync_age_" + v.connector.id())).append("'=").append(v.age.toSeconds())
            .append("s;").append(thresholds());
      }
    }
    details.sort(java.util.Comparator.comparing((String line) -> !line.startsWith("CRITICAL"))); // worst first
    String summary = verdicts.isEmpty() ? "the tenant has no Exchange connectors"
        : state == NAGIOS_OK ? verdicts.size() + " connector" + (verdicts.size() == 1 ? "" : "s")
            + " connected, synced within " + Durations.format(warning != null ? warning : maxAge)
        : details.size() + " of " + verdicts.size() + " connector" + (verdicts.size() == 1 ? "" : "s")
            + " not OK: " + details.get(0).substring(details.get(0).indexOf(": ") + 2);
    out.println("EXCHANGE CONNECTORS " + NAGIOS_STATES[state] + " - " + summary + " | connectors="
        + verdicts.size() + ";;;0 unhealthy=" + unhealthy + ";;;0"
        + (oldest >= 0 ? " oldest_sync_age=" + oldest + "s;" + thresholds() : "") + perf);
    details.forEach(out::println);
    return state;
  }

  /** The perfdata thresholds of a sync age: warning;critical;min. */
  private String thresholds() {
    return (warning != null ? String.valueOf(warning.toSeconds()) : "") + ";" + maxAge.toSeconds() + ";0";
  }

  /** A perfdata label: no quotes, equals signs or white space. */
  private static String label(String text) {
    return text.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /**
   * Metrics in the Prometheus text format (version 0.0.4), named by Prometheus's conventions: a prefix for the
   * tool, base units (seconds), {@code _timestamp_seconds} for points in time and {@code _info} for descriptive
   * labels.
   */
  private String prometheus(List<Verdict> verdicts, Instant now) {
    StringBuilder out = new StringBuilder();
    out.append("# HELP exchange_sync_connectors Exchange connectors that Graph lists for the tenant.\n")
        .append("# TYPE exchange_sync_connectors gauge\n")
        .append("exchange_sync_connectors ").append(verdicts.size()).append('\n');
    out.append("# HELP exchange_sync_connector_info Each Exchange connector, with its descriptive fields as labels.\n")
        .append("# TYPE exchange_sync_connector_info gauge\n");
    for (Verdict v : verdicts) {
      DeviceManagementExchangeConnector c = v.connector;
      out.append("exchange_sync_connector_info{connector_id=\"").append(value(c.id())).append("\",type=\"")
          .append(value(c.exchangeConnectorType() == null ? "" : c.exchangeConnectorType().toString()))
          .append("\",server=\"").append(value(c.serverName())).append("\",version=\"").append(value(c.version()))
          .append("\"} 1\n");
    }
    out.append("# HELP exchange_sync_connector_connected Whether the connector's status is connected (1) or not"
        + " (0); status names it.\n")
        .append("# TYPE exchange_sync_connector_connected gauge\n");
    for (Verdict v : verdicts) {
      DeviceManagementExchangeConnector c = v.connector;
      out.append("exchange_sync_connector_connected{connector_id=\"").append(value(c.id())).append("\",status=\"")
          .append(value(c.status() == null ? "" : c.status().toString())).append("\"} ")
          .append(DeviceManagementExchangeConnectorStatus.CONNECTED.equals(c.status()) ? 1 : 0).append('\n');
    }
    out.append("# HELP exchange_sync_connector_last_sync_timestamp_seconds When the connector last synced, in"
        + " seconds since the Unix epoch; absent when it never synced.\n")
        .append("# TYPE exchange_sync_connector_last_sync_timestamp_seconds gauge\n");
    for (Verdict v : verdicts) {
      if (Output.hasSynced(v.connector)) {
        out.append("exchange_sync_connector_last_sync_timestamp_seconds{connector_id=\"").append(value(v.connector.id()))
            .append("\"} ").append(v.connector.lastSyncDateTime().toEpochSecond()).append('\n');
      }
    }
    out.append("# HELP exchange_sync_connector_healthy Whether the connector is connected and synced within the"
        + " maximum age (1) or not (0).\n")
        .append("# TYPE exchange_sync_connector_healthy gauge\n");
    for (Verdict v : verdicts) {
      out.append("exchange_sync_connector_healthy{connector_id=\"").append(value(v.connector.id())).append("\"} ")
          .append(v.problems.isEmpty() ? 1 : 0).append('\n');
    }
    out.append("# HELP exchange_sync_max_age_seconds The maximum age of a healthy connector's last sync.\n")
        .append("# TYPE exchange_sync_max_age_seconds gauge\n")
        .append("exchange_sync_max_age_seconds ").append(maxAge.toSeconds()).append('\n');
    return out.append(runMetrics(true, now)).toString();
  }

  /** Whether this run could read the connectors, and when it ran. */
  private static String runMetrics(boolean success, Instant now) {
    return "# HELP exchange_sync_last_run_success Whether the last status run could read the connectors (1) or"
        + " not (0).\n"
        + "# TYPE exchange_sync_last_run_success gauge\n"
        + "exchange_sync_last_run_success " + (success ? 1 : 0) + "\n"
        + "# HELP exchange_sync_last_run_timestamp_seconds When the last status run ended, in seconds since the"
        + " Unix epoch.\n"
        + "# TYPE exchange_sync_last_run_timestamp_seconds gauge\n"
        + "exchange_sync_last_run_timestamp_seconds " + now.getEpochSecond() + "\n";
  }

  /** A label value, escaped as the text format requires: backslash, double quote and line feed. */
  private static String value(@Nullable String text) {
    if (text == null) {
      return "";
    }
    String capped = text.length() > Output.MAX_FIELD ? text.substring(0, Output.MAX_FIELD) : text;
    return capped.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private String json(List<Verdict> verdicts, boolean healthy) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setIndent("  ");
      writer.beginObject();
      writer.name("healthy").value(healthy);
      writer.name("maxAge").value(maxAge.toString());
      writer.name("connectors").beginArray();
      for (Verdict v : verdicts) {
        DeviceManagementExchangeConnector connector = v.connector;
        writer.beginObject();
        writer.name("id").value(connector.id());
        writer.name("status").value(connector.status() == null ? null : connector.status().value());
        writer.name("lastSyncDateTime").value(Output.hasSynced(connector)
            ? connector.lastSyncDateTime().toInstant().toString() : null);
        writer.name("healthy").value(v.problems.isEmpty());
        writer.name("problems").beginArray();
        for (String problem : v.problems) {
          writer.value(problem);
        }
        writer.endArray();
        writer.endObject();
      }
      writer.endArray();
      writer.endObject();
    }
    return buffer.readUtf8();
  }
}
