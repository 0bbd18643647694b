package dev.exchangesync.cli;

import dev.exchangesync.GraphException;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.time.Instant;
import java.util.List;

/** {@code list}: every connector, all pages. */
final class ListCommand extends Command {
  private boolean json;

  ListCommand(ExchangeSyncCli cli) {
    super(cli, "list",
        List.of("Lists every Exchange connector (all pages): id, status, type, server, last sync and its age."),
        List.of("exchange-sync list",
            "exchange-sync list -o json | jq '.[].status'",
            "exchange-sync list -o tsv --api-version beta"),
        List.of(JSON));
  }

  @Override
  void set(String option, String value) {
    json = true; // --json, its only option
  }

  @Override
  int call() throws GraphException {
    Format format = cli.format("list", json, false);
    List<DeviceManagementExchangeConnector> connectors = cli.client().list();
    switch (format) {
      case JSON -> cli.out.println(Output.Json.CONNECTORS.toJson(connectors));
      case TSV -> cli.out.print(Output.tsv(Output.connectorTsvRows(connectors, Instant.now())));
      case TABLE -> cli.out.print(connectors.isEmpty() ? "No Exchange connectors.\n"
          : Output.table(Output.connectorRows(connectors, Instant.now()), cli.width()));
      default -> {
        // none
      }
    }
    return ExchangeSyncCli.OK;
  }
}
