package dev.exchangesync.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The help of the tool and of each command: usage line, description, parameters, options in two columns, examples.
 * Text is wrapped at spaces to the given width (URLs and commands are never split); global options are listed once,
 * by the tool's help.
 */
final class Help {
  /** Widest the column of option names gets; a longer name puts its description on the next line. */
  private static final int MAX_NAME_COLUMN = 36;
  /** Narrowest column of descriptions: on a narrow terminal they go under the option's name instead. */
  private static final int MIN_DESCRIPTION = 40;
  /** Narrowest width help is wrapped to: below it descriptions would be a word a line. */
  static final int MIN_WIDTH = 55;
  /** Widest: longer lines read badly, even on a wide terminal. */
  static final int MAX_WIDTH = 160;

  private final StringBuilder text = new StringBuilder();
  private final int width;

  private Help(int width) {
    this.width = Math.max(MIN_WIDTH, Math.min(width, MAX_WIDTH));
  }

  /** The tool's help ({@code command} null) or a command's, wrapped to {@code width} columns. */
  static String of(ExchangeSyncCli cli, @Nullable Command command, int width) {
    Help help = new Help(width);
    return command == null ? help.tool(cli) : help.command(command);
  }

  private String tool(ExchangeSyncCli cli) {
    usage("exchange-sync [GLOBAL OPTIONS] COMMAND [OPTIONS] [PARAMETERS]");
    ExchangeSyncCli.DESCRIPTION.forEach(this::paragraph);
    text.append("\nCommands:\n");
    int column = 0;
    for (String name : cli.commandNames()) {
      column = Math.max(column, 2 + name.length() + 2);
    }
    for (Command command : cli.visibleCommands()) {
      row("  " + command.name(), command.description().get(0), column);
    }
    List<Option> all = new ArrayList<>(Arguments.STANDARD);
    all.addAll(cli.options());
    column = nameColumn(all);
    for (ExchangeSyncCli.OptionGroup group : cli.optionGroups()) {
      text.append('\n').append(group.heading()).append(":\n");
      options(group.options(), column);
    }
    text.append('\n');
    options(Arguments.STANDARD, column);
    text.append('\n');
    paragraph("Global options go before or after the command. 'exchange-sync help COMMAND' shows a command's own"
        + " options and examples.");
    examples(ExchangeSyncCli.EXAMPLES);
    for (String note : ExchangeSyncCli.NOTES) {
      text.append('\n');
      paragraph(note);
    }
    return text.toString();
  }

  private String command(Command command) {
    Command.Parameters parameters = command.parameters();
    usage("exchange-sync " + command.name() + " [OPTIONS] [GLOBAL OPTIONS]"
        + (parameters == null ? "" : " " + parameters.synopsis()));
    command.description().forEach(this::paragraph);
    List<Option> own = new ArrayList<>(visible(command.options()));
    own.addAll(Arguments.STANDARD);
    int column = nameColumn(own);
    if (parameters != null) {
      text.append("\nParameters:\n");
      row("  " + parameters.synopsis(), parameters.description(), column);
    }
    text.append("\nOptions:\n");
    options(own, column);
    text.append('\n');
    paragraph("Global options (Graph, sign-in, output: --cloud, --auth, -o, ...): see 'exchange-sync --help'."
        + " They go before or after the command.");
    examples(command.examples());
    return text.toString();
  }

  private void options(List<Option> options, int column) {
    for (Option option : visible(options)) {
      row(name(option), option.description(), column);
    }
  }

  private static List<Option> visible(List<Option> options) {
    return options.stream().filter(option -> !option.isHidden()).toList();
  }

  /** {@code -o, --output=FORMAT} or {@code     --wait}, as the first column shows it. */
  private static String name(Option option) {
    List<String> names = option.names();
    String first = names.get(0);
    StringBuilder name = new StringBuilder(first.startsWith("--") ? "      " : "  ");
    name.append(String.join(", ", names));
    if (option.takesValue()) {
      name.append('=').append(option.label());
    }
    return name.toString();
  }

  /** Where descriptions start: after the names, but leaving them at least {@link #MIN_DESCRIPTION} columns. */
  private int nameColumn(List<Option> options) {
    int longest = visible(options).stream().mapToInt(option -> name(option).length()).max().orElse(0);
    return Math.min(Math.min(longest, MAX_NAME_COLUMN) + 2, width - MIN_DESCRIPTION);
  }

  /** One row of two columns: {@code first}, then {@code description} wrapped from {@code column} on. */
  private void row(String first, String description, int column) {
    List<String> lines = wrap(description, width - column);
    text.append(first);
    if (first.length() + 1 > column) {
      text.append('\n').append(" ".repeat(column));
    } else {
      text.append(" ".repeat(column - first.length()));
    }
    text.append(String.join("\n" + " ".repeat(column), lines)).append('\n');
  }

  /** The usage line, wrapped with its continuation lines indented under the command. */
  private void usage(String synopsis) {
    row("Usage:", synopsis, "Usage: ".length());
  }

  private void paragraph(String paragraph) {
    wrap(paragraph, width).forEach(line -> text.append(line).append('\n'));
  }

  /** The examples, each too long for a line broken as a shell would read it: with {@code \\} at the end. */
  private void examples(List<String> examples) {
    text.append("\nExamples:\n");
    for (String example : examples) {
      List<String> lines = wrap(example, width - 2 - 2); // room for the indent and a continuation
      text.append("  ").append(String.join(" \\\n      ", lines)).append('\n');
    }
  }

  /** {@code text} broken at spaces into lines of at most {@code width} characters; a longer word keeps its line. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
