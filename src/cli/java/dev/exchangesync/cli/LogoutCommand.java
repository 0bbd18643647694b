package dev.exchangesync.cli;

import dev.exchangesync.GraphException;
import java.util.List;

/** {@code logout}: forgets the signed-in account and its tokens. */
final class LogoutCommand extends Command {
  LogoutCommand(ExchangeSyncCli cli) {
    super(cli, "logout",
        List.of("Removes the signed-in account and its tokens from the token cache."),
        List.of("exchange-sync logout"), List.of());
  }

  @Override
  int call() throws GraphException {
    return cli.auth.logout(cli);
  }
}
