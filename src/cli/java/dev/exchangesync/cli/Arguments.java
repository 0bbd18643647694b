package dev.exchangesync.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a command line: global options anywhere, the command's name, then its options and parameters, as
 * {@code --name value}, {@code --name=value}, {@code -o value}, {@code -ovalue} or flags grouped as {@code -qv};
 * everything after {@code --} is a parameter. Each option is set as it is read; the command runs only once the
 * whole line has been read.
 */
final class Arguments {
  /** Every command's -h/--help. */
  static final Option HELP = Option.flag("-h,--help", "Show this help and exit.");
  /** Every command's -V/--version. */
  static final Option VERSION = Option.flag("-V,--version", "Print the version and exit.");
  /** The options every command has. */
  static final List<Option> STANDARD = List.of(HELP, VERSION);

  /** What the command line asks for: a command (null: none named), its help, or the version. */
  record Invocation(@Nullable Command command, boolean help, boolean version) {
  }

  private final ExchangeSyncCli cli;
  private @Nullable Command command;
  private boolean help;
  private boolean version;
  /** The options known so far, by each of their names: global ones, then the command's once it is read. */
  private final Map<String, Option> options = new HashMap<>();
  private final Set<Option> given = new HashSet<>();
  private final List<String> parameters = new ArrayList<>();

  private Arguments(ExchangeSyncCli cli) {
    this.cli = cli;
    index(STANDARD);
    index(cli.options());
  }

  /**
   * Reads {@code args} into {@code cli} and the command they name.
   *
   * @throws UsageException when they do not make a valid command line
   */
  static Invocation parse(ExchangeSyncCli cli, String... args) {
    Arguments arguments = new Arguments(cli);
    arguments.read(args);
    return new Invocation(arguments.command, arguments.help, arguments.version);
  }

  private void read(String[] args) {
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!optionsEnded && arg.equals("--")) {
        optionsEnded = true;
      } else if (!optionsEnded && arg.startsWith("--")) {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        Option option = option(name);
        if (!option.takesValue() && equals >= 0) {
          throw new UsageException(command, "option '" + name + "' takes no value, but was given '"
              + arg.substring(equals + 1) + "'");
        }
        i = apply(option, name, equals >= 0 ? arg.substring(equals + 1) : null, args, i);
      } else if (!optionsEnded && arg.startsWith("-") && arg.length() > 1) {
        i = shortOptions(arg, args, i);
      } else if (command == null) {
        command = cli.command(arg);
        if (command == null) {
          throw new UsageException(null, "Unknown command: '" + arg + "'",
              Suggestions.closest(arg, cli.commandNames()).map(name -> "exchange-sync " + name).orElse(null));
        }
        index(command.options());
      } else {
        parameters.add(arg);
      }
    }
    if (command != null && !help && !version) {
      readParameters(command);
    }
  }

  /** {@code -o json}, {@code -ojson}, {@code -o=json}, or flags grouped as {@code -qv}; returns the last index read. */
  private int shortOptions(String arg, String[] args, int index) {
    for (int at = 1; at < arg.length(); at++) {
      String name = "-" + arg.charAt(at);
      Option option = option(name);
      if (option.takesValue()) {
        String rest = arg.substring(at + 1);
        return apply(option, name, rest.isEmpty() ? null : rest.startsWith("=") ? rest.substring(1) : rest, args,
            index);
      }
      apply(option, name, null, args, index);
    }
    return index;
  }

  /** Sets an option, with its value attached or the next argument; returns the last index read. */
  private int apply(Option option, String name, @Nullable String attached, String[] args, int index) {
    if (option == HELP) {
      help = true;
      return index;
    }
    if (option == VERSION) {
      version = true;
      return index;
    }
    if (!option.takesValue()) {
      set(option, "");
      return index;
    }
    if (!option.repeats() && !given.add(option)) {
      throw new UsageException(command, "option '" + name + "' was given more than once");
    }
    String value = attached;
    int last = index;
    if (value == null) {
      if (index + 1 >= args.length || isOption(args[index + 1])) {
        throw new UsageException(command, "option '" + name + "' needs a value (" + option.label() + ")");
      }
      value = args[++last];
    }
    try {
      set(option, value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(command, "Invalid value for option '" + name + "': " + e.getMessage());
    }
    return last;
  }

  /** Hands an option to its owner: the command, or the tool for a global one. */
  private void set(Option option, String value) {
    if (command != null && command.options().contains(option)) {
      command.set(option.name(), value);
    } else {
      cli.set(option.name(), value);
    }
  }

  /** Whether an argument is one of the options known here, so that it cannot be the value of the one before. */
  private boolean isOption(String arg) {
    if (arg.startsWith("--")) {
      int equals = arg.indexOf('=');
      return options.containsKey(equals < 0 ? arg : arg.substring(0, equals));
    }
    return arg.length() > 1 && arg.startsWith("-") && options.containsKey(arg.substring(0, 2));
  }

  /** The option of that name for the command read so far, or the usage error that names what was meant. */
  private Option option(String name) {
    Option option = options.get(name);
    if (option != null) {
      return option;
    }
    if (command == null) {
      for (Command candidate : cli.commands()) {
        for (Option own : candidate.options()) {
          if (own.names().contains(name)) {
            throw new UsageException(null, "option '" + name + "' belongs to the " + candidate.name()
                + " command: give it after the command, e.g. 'exchange-sync " + candidate.name() + " " + name
                + "'");
          }
        }
      }
    }
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, Option> known : options.entrySet()) {
      if (!known.getValue().isHidden()) {
        candidates.add(known.getKey());
      }
    }
    throw new UsageException(command, "Unknown option: '" + name + "'",
        Suggestions.closest(name, candidates).orElse(null));
  }

  private void readParameters(Command command) {
    Command.Parameters spec = command.parameters();
    int max = spec == null ? 0 : spec.max();
    if (parameters.size() > max) {
      throw new UsageException(command, "Unexpected argument: '" + parameters.get(max) + "'"
          + (max == 0 ? " (" + command.name() + " takes no parameters)" : ""));
    }
    if (spec != null && parameters.size() < spec.min()) {
      throw new UsageException(command, "Missing required parameter: '" + spec.label() + "'");
    }
    for (String parameter : parameters) {
      command.add(parameter);
    }
  }

  private void index(List<Option> known) {
    for (Option option : known) {
      for (String name : option.names()) {
        if (options.put(name, option) != null) {
          throw new IllegalStateException("two options are named " + name);
        }
      }
    }
  }
}
