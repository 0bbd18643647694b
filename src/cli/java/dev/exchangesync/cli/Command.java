package dev.exchangesync.cli;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A command of the tool ({@code list}, {@code sync}, ...): its help, its own options and parameters, and its work. */
abstract class Command {
  /** The tool: global options, streams, environment and the Graph client. */
  final ExchangeSyncCli cli;
  private final String name;
  private final List<String> description;
  private final List<String> examples;

  /**
   * @param description paragraphs; the first is the command's summary in the tool's list of commands
   * @param examples command lines, each starting {@code exchange-sync }, and any shell line that goes with them
   */
  Command(ExchangeSyncCli cli, String name, List<String> description, List<String> examples) {
    this.cli = cli;
    this.name = name;
    this.description = List.copyOf(description);
    this.examples = List.copyOf(examples);
  }

  String name() {
    return name;
  }

  List<String> description() {
    return description;
  }

  List<String> examples() {
    return examples;
  }

  /** Its own options, besides the global ones and -h/-V. */
  List<Option> options() {
    return List.of();
  }

  /** Its positional parameters; null when it takes none. */
  @Nullable Parameters parameters() {
    return null;
  }

  /** Does the command's work once its arguments are read; returns the exit code. */
  abstract int call() throws Exception;

  /** A usage error of this command: its help is what answers it. */
  UsageException usage(String message) {
    return new UsageException(this, message);
  }

  /**
   * Positional parameters: what they are called in help ({@code ID}), how many are needed and allowed, and what
   * takes each one.
   */
  record Parameters(String label, String description, int min, int max, Consumer<String> add) {
    /** {@code ID}, {@code [ID]} or {@code [ID...]}, as usage lines show it. */
    String synopsis() {
      String text = label + (max > 1 ? "..." : "");
      return min == 0 ? "[" + text + "]" : text;
    }
  }
}
