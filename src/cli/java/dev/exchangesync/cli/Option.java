package dev.exchangesync.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One command-line option: its names, the value it takes if any, and its help. What an option does is its owner's
 * {@code set}, one switch over the names: no reflection and no lambda per option, since start-up time is most of
 * what a run of the tool costs.
 */
final class Option {
  /** What shell completion offers for an option's value. */
  enum Completion {
    /** Nothing: a free value (an id, a duration). */
    NONE,
    /** The values of {@link #values()}. */
    VALUES,
    /** File names. */
    FILES
  }

  private final List<String> names;
  private final @Nullable String label;
  private final String description;
  private final boolean repeatable;
  private final boolean hidden;
  private final Completion completion;
  private final List<String> values;

  private Option(List<String> names, @Nullable String label, String description, boolean repeatable, boolean hidden,
      Completion completion, List<String> values) {
    this.names = names;
    this.label = label;
    this.description = description;
    this.repeatable = repeatable;
    this.hidden = hidden;
    this.completion = completion;
    this.values = values;
  }

  /** An option without a value, e.g. {@code --wait}; {@code names} are separated by commas: {@code "-q,--quiet"}. */
  static Option flag(String names, String description) {
    return new Option(List.of(names.split(",")), null, description, false, false, Completion.NONE, List.of());
  }

  /** An option with a value, e.g. {@code --timeout=DURATION}. */
  static Option value(String names, String label, String description) {
    return new Option(List.of(names.split(",")), label, description, false, false, Completion.NONE, List.of());
  }

  /** This option, which may be given more than once (each value is set in turn). */
  Option repeatable() {
    return new Option(names, label, description, true, hidden, completion, values);
  }

  /** This option, left out of help and completion. */
  Option hidden() {
    return new Option(names, label, description, repeatable, true, completion, values);
  }

  /** This option, whose value completes to exactly these (the values it accepts, as they are documented). */
  Option completing(List<String> accepted) {
    return new Option(names, label, description, repeatable, hidden, Completion.VALUES, List.copyOf(accepted));
  }

  /** This option, whose value completes to file names. */
  Option completingFiles() {
    return new Option(names, label, description, repeatable, hidden, Completion.FILES, values);
  }

  /** Its names, short first: {@code -o}, {@code --output}. */
  List<String> names() {
    return names;
  }

  /** Its first long name, the one its owner's {@code set} is called with and messages use. */
  String name() {
    for (String name : names) {
      if (name.startsWith("--")) {
        return name;
      }
    }
    return names.get(0);
  }

  /** What its value is called in help, e.g. {@code DURATION}; null for a flag. */
  @Nullable String label() {
    return label;
  }

  String description() {
    return description;
  }

  boolean takesValue() {
    return label != null;
  }

  boolean repeats() {
    return repeatable;
  }

  boolean isHidden() {
    return hidden;
  }

  Completion completion() {
    return completion;
  }

  List<String> values() {
    return values;
  }
}
