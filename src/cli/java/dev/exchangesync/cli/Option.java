package dev.exchangesync.cli;

import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One command-line option: its names, the value it takes if any, its help, and what it does when given. Options are
 * plain values built by each command, so parsing needs no reflection (start-up time is what a CLI run is made of).
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
  private final Consumer<String> apply;
  private final boolean repeatable;
  private final boolean hidden;
  private final Completion completion;
  private final List<String> values;

  private Option(List<String> names, @Nullable String label, String description, Consumer<String> apply,
      boolean repeatable, boolean hidden, Completion completion, List<String> values) {
    this.names = names;
    this.label = label;
    this.description = description;
    this.apply = apply;
    this.repeatable = repeatable;
    this.hidden = hidden;
    this.completion = completion;
    this.values = values;
  }

  /** An option without a value, e.g. {@code --wait}; {@code names} are separated by commas: {@code "-q,--quiet"}. */
  static Option flag(String names, String description, Runnable set) {
    return new Option(List.of(names.split(",")), null, description, ignored -> set.run(), false, false,
        Completion.NONE, List.of());
  }

  /**
   * An option with a value, e.g. {@code --timeout=DURATION}. {@code set} reads the value; an
   * {@link IllegalArgumentException} it throws becomes the usage error, its message saying what was wrong.
   */
  static Option value(String names, String label, String description, Consumer<String> set) {
    return new Option(List.of(names.split(",")), label, description, set, false, false, Completion.NONE, List.of());
  }

  /** This option, which may be given more than once (each value is read in turn). */
  Option repeatable() {
    return new Option(names, label, description, apply, true, hidden, completion, values);
  }

  /** This option, left out of help and completion. */
  Option hidden() {
    return new Option(names, label, description, apply, repeatable, true, completion, values);
  }

  /** This option, whose value completes to exactly these (the values it accepts, as they are documented). */
  Option completing(List<String> accepted) {
    return new Option(names, label, description, apply, repeatable, hidden, Completion.VALUES,
        List.copyOf(accepted));
  }

  /** This option, whose value completes to file names. */
  Option completingFiles() {
    return new Option(names, label, description, apply, repeatable, hidden, Completion.FILES, values);
  }

  /** Its names, short first: {@code -o}, {@code --output}. */
  List<String> names() {
    return names;
  }

  /** The longest of its names, the one messages use. */
  String name() {
    return names.get(names.size() - 1);
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

  /** Applies the option: reads {@code value} (empty for a flag), or sets the flag. */
  void apply(String value) {
    apply.accept(value);
  }
}
