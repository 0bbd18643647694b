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
import java.util.concurrent.Callable;
import okio.Buffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
    versionProvider = ExchangeSyncCli.VersionProvider.class,
    description = {"Health check for monitoring: exits 0 when every connector is connected and synced within the"
        + " maximum age, 1 otherwise, with one line per unhealthy connector saying why."})
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  ExchangeSyncCli cli;

  @Option(names = "--max-age", paramLabel = "DURATION", converter = Durations.class,
      description = "Oldest acceptable last sync, e.g. 6h, 24h, 7d (default: 24h).")
  Duration maxAge = Duration.ofHours(24);

  @Option(names = "--json", description = "Print the verdict as JSON instead of text.")
  boolean json;

  @Override
  public Integer call() throws GraphException, IOException {
    List<DeviceManagementExchangeConnector> connectors = cli.client().list();
    Instant now = Instant.now();
    List<List<String>> problems = new ArrayList<>();
    boolean healthy = !connectors.isEmpty();
    for (DeviceManagementExchangeConnector connector : connectors) {
      List<String> found = problems(connector, now);
      problems.add(found);
      healthy &= found.isEmpty();
    }
    PrintWriter out = cli.spec.commandLine().getOut();
    if (json) {
      out.println(json(connectors, problems, healthy));
    } else if (connectors.isEmpty()) {
      out.println("unhealthy: the tenant has no Exchange connectors");
    } else if (healthy) {
      out.println("healthy: all " + connectors.size() + " connectors are connected and synced within "
          + Durations.format(maxAge));
    } else {
      for (int i = 0; i < connectors.size(); i++) {
        if (!problems.get(i).isEmpty()) {
          out.println("unhealthy  " + Output.safe(connectors.get(i).id()) + "  " + String.join("; ", problems.get(i)));
        }
      }
    }
    return healthy ? ExchangeSyncCli.OK : ExchangeSyncCli.FAILED;
  }

  private List<String> problems(DeviceManagementExchangeConnector connector, Instant now) {
    List<String> problems = new ArrayList<>();
    if (!DeviceManagementExchangeConnectorStatus.CONNECTED.equals(connector.status())) {
      problems.add("status is " + Output.text(connector.status()) + ", not connected");
    }
    if (!Output.hasSynced(connector)) {
      problems.add("never synced");
    } else {
      Duration age = Duration.between(connector.lastSyncDateTime().toInstant(), now);
      if (age.compareTo(maxAge) > 0) {
        problems.add("last synced " + Durations.format(age) + " ago, more than " + Durations.format(maxAge));
      }
    }
    return problems;
  }

  private String json(List<DeviceManagementExchangeConnector> connectors, List<List<String>> problems,
      boolean healthy) throws IOException {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setIndent("  ");
      writer.beginObject();
      writer.name("healthy").value(healthy);
      writer.name("maxAge").value(maxAge.toString());
      writer.name("connectors").beginArray();
      for (int i = 0; i < connectors.size(); i++) {
        DeviceManagementExchangeConnector connector = connectors.get(i);
        writer.beginObject();
        writer.name("id").value(connector.id());
        writer.name("status").value(connector.status() == null ? null : connector.status().value());
        writer.name("lastSyncDateTime").value(Output.hasSynced(connector)
            ? connector.lastSyncDateTime().toInstant().toString() : null);
        writer.name("healthy").value(problems.get(i).isEmpty());
        writer.name("problems").beginArray();
        for (String problem : problems.get(i)) {
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
