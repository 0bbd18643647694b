package dev.exchangesync.cli;

import dev.exchangesync.GraphException;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", mixinStandardHelpOptions = true,
    versionProvider = ExchangeSyncCli.VersionProvider.class,
    footerHeading = "%nExamples:%n",
    footer = {"  exchange-sync list",
        "  exchange-sync list -o json | jq '.[].status'",
        "  exchange-sync list -o tsv --api-version beta"},
    description = "Lists every Exchange connector (all pages): id, status, type, server, last sync and its age.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand
  ExchangeSyncCli cli;

  @Option(names = "--json", hidden = true, description = "Same as -o json.")
  boolean json;

  @Override
  public Integer call() throws GraphException {
    Format format = cli.format("list", json, false);
    List<DeviceManagementExchangeConnector> connectors = cli.client().list();
    var out = cli.spec.commandLine().getOut();
    switch (format) {
      case JSON -> out.println(Output.CONNECTORS.toJson(connectors));
      case TSV -> out.print(Output.tsv(Output.connectorTsvRows(connectors, Instant.now())));
      case TABLE -> out.print(connectors.isEmpty() ? "No Exchange connectors.\n"
          : Output.table(Output.connectorRows(connectors, Instant.now()), cli.width()));
      default -> {
        // none
      }
    }
    return ExchangeSyncCli.OK;
  }
}
