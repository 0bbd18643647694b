package dev.exchangesync.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A command of the tool ({@code list}, {@code sync}, ...): its help, its own options and parameters, and its work. */
abstract class Command {
  /** The tool: global options, streams, environment and the Graph client. */
  final ExchangeSyncCli cli;
  /** The hidden {@code --json} of list, get and status: the older spelling of {@code -o json}. */
  static final Option JSON = Option.flag("--json", "Same as -o json.").hidden();

  private final String name;
  private final List<String> description;
  private final List<String> examples;
  private final List<Option> options;

  /**
   * @param description paragraphs; the first is the command's summary in the tool's list of commands
   * @param examples command lines, each starting {@code exchange-sync }, and any shell line that goes with them
   * @param options its own options, besides the global ones and -h/-V; {@link #set} sets them
   */
  Command(ExchangeSyncCli cli, String name, List<String> description, List<String> examples, List<Option> options) {
    this.cli = cli;
    this.name = name;
    this.description = List.copyOf(description);
    this.examples = List.copyOf(examples);
    this.options = List.copyOf(options);
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

  /** Whether help, completion and suggestions leave it out: a command for the launchers and the build only. */
  boolean hidden() {
    return false;
  }

  /** Its own options, besides the global ones and -h/-V. */
  List<Option> options() {
    return options;
  }

  /**
   * Sets one of its own options, named by {@link Option#name()}; {@code value} is empty for a flag.
   *
   * @throws IllegalArgumentException when the value is not one the option takes, saying why
   */
  void set(String option, String value) {
    throw new IllegalStateException(name + " has no option " + option);
  }

  /** Its positional parameters; null when it takes none. */
  @Nullable Parameters parameters() {
    return null;
  }

  /** Takes one positional parameter, in the order given; called only when {@link #parameters()} allows it. */
  void add(String parameter) {
    throw new IllegalStateException(name + " takes no parameters");
  }

  /** Does the command's work once its arguments are read; returns the exit code. */
  abstract int call() throws Exception;

  /** A usage error of this command: its help is what answers it. */
  UsageException usage(String message) {
    return new UsageException(this, message);
  }

  /** Positional parameters: what they are called in help ({@code ID}), and how many are needed and allowed. */
  record Parameters(String label, String description, int min, int max) {
    /** {@code ID}, {@code [ID]} or {@code [ID...]}, as usage lines show it. */
    String synopsis() {
      String text = label + (max > 1 ? "..." : "");
      return min == 0 ? "[" + text + "]" : text;
    }
  }
}
