package dev.exchangesync.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.exchangesync.internal.generated.JSON;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How connectors are printed: aligned tables for people, Graph's JSON for scripts. */
final class Output {
  /** Graph's JSON for connectors, pretty-printed; made on first use, since most runs print text. */
  static final class Json {
    private static final Moshi MOSHI = new Moshi.Builder().add(JSON.FACTORY).build();
    static final JsonAdapter<DeviceManagementExchangeConnector> CONNECTOR =
        MOSHI.adapter(DeviceManagementExchangeConnector.class).indent("  ");
    static final JsonAdapter<List<DeviceManagementExchangeConnector>> CONNECTORS =
        MOSHI.<List<DeviceManagementExchangeConnector>>adapter(
            Types.newParameterizedType(List.class, DeviceManagementExchangeConnector.class)).indent("  ");

    private Json() {
    }
  }

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** Graph reports "never synced" as the year 1 ({@code 0001-01-01T00:00:00Z}). */
  private static final OffsetDateTime NEVER_BEFORE = OffsetDateTime.of(1971, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private Output() {
  }

  /** Whether the connector reports a real sync time. */
  static boolean hasSynced(DeviceManagementExchangeConnector connector) {
    OffsetDateTime last = connector.lastSyncDateTime();
    return last != null && last.isAfter(NEVER_BEFORE);
  }

  /** {@code 2026-11-24 08:15:30}, or {@code never}; a time UTC cannot show (beyond year 999999999) as sent. */
  static String lastSync(DeviceManagementExchangeConnector connector) {
    if (!hasSynced(connector)) {
      return "never";
    }
    try {
      return connector.lastSyncDateTime().withOffsetSameInstant(ZoneOffset.UTC).format(UTC);
    } catch (DateTimeException e) {
      return safe(connector.lastSyncDateTime().toString());
    }
  }

  /** How long ago the last sync was, e.g. {@code 3h 5m}, or {@code -}. */
  static String age(DeviceManagementExchangeConnector connector, Instant now) {
    if (!hasSynced(connector)) {
      return "-";
    }
    try {
      Duration age = Duration.between(connector.lastSyncDateTime().toInstant(), now);
      return age.isNegative() ? "0s" : Durations.format(age);
    } catch (ArithmeticException | DateTimeException e) {
      return "?";
    }
  }

  /** A value for people: {@code -} for none, otherwise {@link #safe}. */
  static String text(@Nullable Object value) {
    return value == null ? "-" : safe(value.toString());
  }

  /** Longest text from the server shown in one field, e.g. an id or a server name. */
  static final int MAX_FIELD = 200;
  /** Longest message shown on one line. */
  static final int MAX_MESSAGE = 1000;

  /** {@code text} for a terminal, at most {@link #MAX_FIELD} characters: see {@link #safe(String, int)}. */
  static String safe(@Nullable String text) {
    return safe(text, MAX_FIELD);
  }

  /**
   * {@code text} as it may reach a terminal: control characters (C0, DEL, C1), bidirectional overrides and
   * isolates and the line and paragraph separators written as escapes ({@code \n}, {@code \u001b}), so that text
   * from the server can neither forge a line nor run an escape sequence; and at most {@code max} characters.
   */
  static String safe(@Nullable String text, int max) {
    if (text == null) {
      return "-";
    }
    StringBuilder result = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      if (shown == max) {
        return result.append("…(").append(text.codePointCount(i, text.length())).append(" more)").toString();
      }
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      shown++;
      if (c == '\n') {
        result.append("\\n");
      } else if (c == '\r') {
        result.append("\\r");
      } else if (c == '\t') {
        result.append("\\t");
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f
          || c == 0x061c) {
        result.append(String.format("\\u%04x", c));
      } else {
        result.appendCodePoint(c);
      }
    }
    return result.toString();
  }

  /** Rows as columns padded to the widest cell; the last column is not padded. */
  static String table(List<String[]> rows) {
    return table(rows, 0);
  }

  /**
   * Rows as columns padded to the widest cell, within {@code width} columns when it is positive: the widest
   * columns are narrowed first (never below their header, nor six characters), cut cells end with "…".
   */
  static String table(List<String[]> rows, int width) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    int[] least = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (int i = 0; i < columns; i++) {
      least[i] = Math.min(widths[i], Math.max(6, rows.get(0)[i].length()));
    }
    if (width > 0) {
      int total = 2 * (columns - 1);
      for (int w : widths) {
        total += w;
      }
      while (total > width) {
        int widest = -1;
        for (int i = 0; i < columns; i++) {
          if (widths[i] > least[i] && (widest < 0 || widths[i] > widths[widest])) {
            widest = i;
          }
        }
        if (widest < 0) {
          break; // as narrow as it gets
        }
        widths[widest]--;
        total--;
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = row[i].length() > widths[i] ? row[i].substring(0, Math.max(0, widths[i] - 1)) + "…" : row[i];
        line.append(i == columns - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Rows as tab-separated values; tabs and line breaks inside a cell are escaped by {@link #safe}. */
  static String tsv(List<String[]> rows) {
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      out.append(String.join("\t", row)).append('\n');
    }
    return out.toString();
  }

  /** The list's rows: a header, then one row per connector. */
  static List<String[]> connectorRows(List<DeviceManagementExchangeConnector> connectors, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATUS", "TYPE", "SERVER", "LAST SYNC (UTC)", "AGE"});
    for (DeviceManagementExchangeConnector c : connectors) {
      rows.add(new String[] {safe(c.id()), text(c.status()), text(c.exchangeConnectorType()), text(c.serverName()),
          lastSync(c), age(c, now)});
    }
    return rows;
  }

  /** The rows of {@code -o tsv}: Graph's property names, ISO 8601 times and ages in seconds, for scripts. */
  static List<String[]> connectorTsvRows(List<DeviceManagementExchangeConnector> connectors, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"id", "status", "exchangeConnectorType", "serverName", "lastSyncDateTime",
        "ageSeconds"});
    for (DeviceManagementExchangeConnector c : connectors) {
      rows.add(new String[] {safe(c.id()), text(c.status()), text(c.exchangeConnectorType()), text(c.serverName()),
          isoLastSync(c), hasSynced(c) ? String.valueOf(java.time.Duration.between(
              c.lastSyncDateTime().toInstant(), now).toSeconds()) : ""});
    }
    return rows;
  }

  /** The last sync as an ISO 8601 instant, e.g. 2026-11-25T07:13:04Z; empty when it never synced. */
  static String isoLastSync(DeviceManagementExchangeConnector connector) {
    return hasSynced(connector) ? connector.lastSyncDateTime().toInstant().toString() : "";
  }

  /** A JSON string literal of {@code text}. */
  static String jsonString(String text) {
    okio.Buffer buffer = new okio.Buffer();
    try (com.squareup.moshi.JsonWriter writer = com.squareup.moshi.JsonWriter.of(buffer)) {
      writer.value(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
