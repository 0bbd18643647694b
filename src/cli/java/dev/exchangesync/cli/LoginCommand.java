package dev.exchangesync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "login", mixinStandardHelpOptions = true,
    versionProvider = ExchangeSyncCli.VersionProvider.class,
    footerHeading = "%nExamples:%n",
    footer = {"  exchange-sync login --tenant contoso.onmicrosoft.com --client-id $APP_ID",
        "  exchange-sync login --auth browser"},
    description = "Signs in (device code or browser) and keeps the tokens in the token cache for later runs.")
final class LoginCommand implements Callable<Integer> {
  @ParentCommand
  ExchangeSyncCli cli;

  @Override
  public Integer call() throws Exception {
    return cli.auth.login(cli);
  }
}
