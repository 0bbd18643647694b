package dev.exchangesync.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a command prints on stdout: {@code -o/--output}. */
enum Format {
  /** Aligned columns for people, fitted to the terminal. */
  TABLE("table"),
  /** Exact JSON: Graph's own for connectors. */
  JSON("json"),
  /** Tab-separated values with a header line, for scripts; nothing truncated. */
  TSV("tsv"),
  /** Nothing: the exit code tells, and failures still go to stderr. */
  NONE("none"),
  /** status only: a Nagios/Icinga plugin's status line with performance data. */
  NAGIOS("nagios"),
  /** status only: the Prometheus text format, for node_exporter's textfile collector. */
  PROMETHEUS("prometheus");

  final String id;

  Format(String id) {
    this.id = id;
  }

  boolean monitoring() {
    return this == NAGIOS || this == PROMETHEUS;
  }

  @Override
  public String toString() {
    return id;
  }

  /** Reads a format by its id, in any case. */
  static Format fromId(String value) {
    for (Format format : values()) {
      if (format.id.equals(value.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not an output format: expected "
        + Arrays.stream(values()).map(Format::toString).collect(Collectors.joining(", ")));
  }
}
