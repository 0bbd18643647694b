package dev.exchangesync.cli;

import dev.exchangesync.GraphException;
import java.util.List;

/** {@code login}: a person signs in once; later runs, cron's too, use the cached tokens. */
final class LoginCommand extends Command {
  LoginCommand(ExchangeSyncCli cli) {
    super(cli, "login",
        List.of("Signs in (device code or browser) and keeps the tokens in the token cache for later runs."),
        List.of("exchange-sync login --tenant contoso.onmicrosoft.com --client-id $APP_ID",
            "exchange-sync login --auth browser"), List.of());
  }

  @Override
  int call() throws GraphException {
    return cli.auth.login(cli);
  }
}
