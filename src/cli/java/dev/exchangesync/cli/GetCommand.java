package dev.exchangesync.cli;

import dev.exchangesync.GraphException;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "get", mixinStandardHelpOptions = true,
    versionProvider = ExchangeSyncCli.VersionProvider.class,
    footerHeading = "%nExamples:%n",
    footer = {"  exchange-sync get 0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01",
        "  exchange-sync get 0c1f6d2a-5b1e-4f3a-9a41-7d2b1c0e9f01 -o json"},
    description = "Shows one Exchange connector.")
final class GetCommand implements Callable<Integer> {
  @ParentCommand
  ExchangeSyncCli cli;

  @Parameters(paramLabel = "ID", description = "The connector's id.")
  String id;

  @Option(names = "--json", hidden = true, description = "Same as -o json.")
  boolean json;

  @Override
  public Integer call() throws GraphException {
    Format format = cli.format("get", json, false);
    DeviceManagementExchangeConnector c = cli.client().get(id);
    var out = cli.spec.commandLine().getOut();
    switch (format) {
      case JSON -> out.println(Output.CONNECTOR.toJson(c));
      case TSV -> out.print(Output.tsv(Output.connectorTsvRows(List.of(c), Instant.now())));
      case TABLE -> out.print(Output.table(List.of(
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
