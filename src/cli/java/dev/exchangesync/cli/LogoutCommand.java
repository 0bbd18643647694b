package dev.exchangesync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "logout", mixinStandardHelpOptions = true,
    versionProvider = ExchangeSyncCli.VersionProvider.class,
    footerHeading = "%nExamples:%n",
    footer = {"  exchange-sync logout"},
    description = "Removes the signed-in account and its tokens from the token cache.")
final class LogoutCommand implements Callable<Integer> {
  @ParentCommand
  ExchangeSyncCli cli;

  @Override
  public Integer call() throws Exception {
    return cli.auth.logout(cli);
  }
}
