package dev.exchangesync.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  /** Every format's id, as -o takes it. */
  static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (Format format : values()) {
      ids.add(format.id);
    }
    return ids;
  }

  /** Reads a format by its id, in any case. */
  static Format fromId(String value) {
    for (Format format : values()) {
      if (format.id.equals(value.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not an output format: expected "
        + String.join(", ", ids()));
  }
}
