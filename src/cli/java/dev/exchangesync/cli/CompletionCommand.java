package dev.exchangesync.cli;

import java.util.List;

/** {@code generate-completion}: the bash (and zsh) completion script. */
final class CompletionCommand extends Command {
  CompletionCommand(ExchangeSyncCli cli) {
    super(cli, "generate-completion",
        List.of("Prints the completion script for bash, and for zsh with bashcompinit: commands, options, and the"
            + " values each option accepts."),
        List.of("source <(exchange-sync generate-completion)",
            "exchange-sync generate-completion > ~/.local/share/bash-completion/completions/exchange-sync"), List.of());
  }

  @Override
  int call() {
    cli.out.print(Completion.script(cli));
    return ExchangeSyncCli.OK;
  }
}
