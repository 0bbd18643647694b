package dev.exchangesync;

import dev.exchangesync.model.DeviceManagementExchangeConnector;
import java.util.List;

/**
 * Connectors with their named properties only: what Graph adds beyond them ({@code @odata.context}, explicit
 * nulls) is kept in {@code additionalData}, which tests comparing connectors to the sandbox's seed leave aside.
 */
public final class NamedProperties {
  private NamedProperties() {
  }

  public static DeviceManagementExchangeConnector of(DeviceManagementExchangeConnector c) {
    return new DeviceManagementExchangeConnector(c.id(), c.lastSyncDateTime(), c.status(), c.primarySmtpAddress(),
        c.serverName(), c.connectorServerName(), c.exchangeConnectorType(), c.version(), c.exchangeAlias(),
        c.exchangeOrganization());
  }

  public static List<DeviceManagementExchangeConnector> of(List<DeviceManagementExchangeConnector> connectors) {
    return connectors.stream().map(NamedProperties::of).toList();
  }
}
