package dev.exchangesync.cli;

import dev.exchangesync.GraphCloud;
import dev.exchangesync.TokenSource;
import java.io.PrintWriter;
import java.util.Map;

/** How the CLI signs in when no token is given. */
final class AuthOptions {
  TokenSource tokenSource(GraphCloud cloud, Map<String, String> env, PrintWriter err) {
    throw new ExchangeSyncCli.CliFailure(ExchangeSyncCli.AUTH, "no credentials: set " + ExchangeSyncCli.TOKEN_VARIABLE
        + " to a Graph access token, or try the tool offline with --sandbox");
  }

  int login(ExchangeSyncCli cli) {
    throw new ExchangeSyncCli.CliFailure(ExchangeSyncCli.USAGE, "login needs MSAL sign-in options");
  }

  int logout(ExchangeSyncCli cli) {
    throw new ExchangeSyncCli.CliFailure(ExchangeSyncCli.USAGE, "logout needs MSAL sign-in options");
  }
}
