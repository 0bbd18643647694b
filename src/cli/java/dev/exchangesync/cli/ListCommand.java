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
    description = "Lists every Exchange connector (all pages): id, status, type, server, last sync and its age.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand
  ExchangeSyncCli cli;

  @Option(names = "--json", description = "Print Graph's JSON (an array) instead of a table.")
  boolean json;

  @Override
  public Integer call() throws GraphException {
    List<DeviceManagementExchangeConnector> connectors = cli.client().list();
    var out = cli.spec.commandLine().getOut();
    if (json) {
      out.println(Output.CONNECTORS.toJson(connectors));
    } else if (connectors.isEmpty()) {
      out.println("No Exchange connectors.");
    } else {
      out.print(Output.connectorTable(connectors, Instant.now()));
    }
    return ExchangeSyncCli.OK;
  }
}
