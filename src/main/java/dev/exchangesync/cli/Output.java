package dev.exchangesync.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.exchangesync.generated.JSON;
import dev.exchangesync.generated.model.DeviceManagementExchangeConnector;
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
  static final Moshi MOSHI = new Moshi.Builder().add(JSON.FACTORY).build();
  static final JsonAdapter<DeviceManagementExchangeConnector> CONNECTOR =
      MOSHI.adapter(DeviceManagementExchangeConnector.class).indent("  ");
  static final JsonAdapter<List<DeviceManagementExchangeConnector>> CONNECTORS =
      MOSHI.<List<DeviceManagementExchangeConnector>>adapter(
          Types.newParameterizedType(List.class, DeviceManagementExchangeConnector.class)).indent("  ");

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

  /** {@code 2026-11-24 08:15:30}, or {@code never}. */
  static String lastSync(DeviceManagementExchangeConnector connector) {
    return hasSynced(connector)
        ? connector.lastSyncDateTime().withOffsetSameInstant(ZoneOffset.UTC).format(UTC) : "never";
  }

  /** How long ago the last sync was, e.g. {@code 3h 5m}, or {@code -}. */
  static String age(DeviceManagementExchangeConnector connector, Instant now) {
    if (!hasSynced(connector)) {
      return "-";
    }
    Duration age = Duration.between(connector.lastSyncDateTime().toInstant(), now);
    return age.isNegative() ? "0s" : Durations.format(age);
  }

  static String text(@Nullable Object value) {
    return value == null ? "-" : value.toString();
  }

  /** Rows as columns padded to the widest cell; the last column is not padded. */
  static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** The list table: one row per connector under a header. */
  static String connectorTable(List<DeviceManagementExchangeConnector> connectors, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "STATUS", "TYPE", "SERVER", "LAST SYNC (UTC)", "AGE"});
    for (DeviceManagementExchangeConnector c : connectors) {
      rows.add(new String[] {c.id(), text(c.status()), text(c.exchangeConnectorType()), text(c.serverName()),
          lastSync(c), age(c, now)});
    }
    return table(rows);
  }
}
