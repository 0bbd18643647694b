package dev.exchangesync.cli;

import dev.exchangesync.GraphException;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@code get ID}: one connector. */
final class GetCommand extends Command {
  private @Nullable String id;
  private boolean json;

  GetCommand(ExchangeSyncCli cli) {
    super(cli, "get",
        List.of("Shows one Exchange connector."),
        List.of("exchange-sync get 0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01",
            "exchange-sync get 0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01 -o json"),
        List.of(JSON));
  }

  @Override
  void set(String option, String value) {
    json = true; // --json, its only option
  }

  @Override
  Parameters parameters() {
    return new Parameters("ID", "The connector's id.", 1, 1);
  }

  @Override
  void add(String parameter) {
    id = parameter;
  }

  @Override
  int call() throws GraphException {
    Format format = cli.format("get", json, false);
    DeviceManagementExchangeConnector c = cli.client().get(Objects.requireNonNull(id));
    switch (format) {
      case JSON -> cli.out.println(Output.Json.CONNECTOR.toJson(c));
      case TSV -> cli.out.print(Output.tsv(Output.connectorTsvRows(List.of(c), Instant.now())));
      case TABLE -> cli.out.print(Output.table(List.of(
          new String[] {"id:", Output.safe(c.id())},
          new String[] {"status:", Output.text(c.status())},
          new String[] {"type:", Output.text(c.exchangeConnectorType())},
          new String[] {"server:", Output.text(c.serverName())},
          new String[] {"connector server:", Output.text(c.connectorServerName())},
          new String[] {"mailbox:", Output.text(c.primarySmtpAddress())},
          new String[] {"organization:", Output.text(c.exchangeOrganization())},
          new String[] {"alias:", Output.text(c.exchangeAlias())},
          new String[] {"version:", Output.text(c.version())},
          new String[] {"last sync (UTC):", Output.lastSync(c) + (Output.hasSynced(c)
              ? " (" + Output.age(c, Instant.now()) + " ago)" : "")}), cli.width()));
      default -> {
        // none
      }
    }
    return ExchangeSyncCli.OK;
  }
}
