package dev.exchangesync.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code help [COMMAND]}: the tool's help, or a command's. */
final class HelpCommand extends Command {
  private @Nullable String topic;

  HelpCommand(ExchangeSyncCli cli) {
    super(cli, "help",
        List.of("Shows the help of the tool, or of a command."),
        List.of("exchange-sync help", "exchange-sync help sync"), List.of());
  }

  @Override
  Parameters parameters() {
    return new Parameters("COMMAND", "The command whose help to show.", 0, 1);
  }

  @Override
  void add(String parameter) {
    topic = parameter;
  }

  @Override
  int call() {
    Command command = topic == null ? null : cli.command(topic);
    if (topic != null && command == null) {
      throw new UsageException(this, "Unknown command: '" + topic + "'", Suggestions.closest(topic,
          cli.commandNames()).map(name -> "exchange-sync help " + name).orElse(null));
    }
    cli.out.print(Help.of(cli, command, cli.helpWidth()));
    return ExchangeSyncCli.OK;
  }
}
