package dev.exchangesync.bench;

import com.microsoft.graph.devicemanagement.exchangeconnectors.item.sync.SyncPostRequestBody;
import com.microsoft.graph.models.DeviceManagementExchangeConnectorSyncType;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import java.net.URI;
import java.util.Map;

/** Microsoft's Graph SDK doing the same sync, pointed at the loopback server with a static token. */
public final class GraphSdk {
  private final GraphServiceClient client;

  public GraphSdk(String graphUrl, String token) {
    AccessTokenProvider tokens = new AccessTokenProvider() {
      @Override
      public String getAuthorizationToken(URI uri, Map<String, Object> context) {
        return token;
      }

      @Override
      public AllowedHostsValidator getAllowedHostsValidator() {
        return new AllowedHostsValidator(URI.create(graphUrl).getHost());
      }
    };
    client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
    client.getRequestAdapter().setBaseUrl(graphUrl + "/v1.0");
  }

  public void sync(String connectorId) {
    SyncPostRequestBody body = new SyncPostRequestBody();
    body.setSyncType(DeviceManagementExchangeConnectorSyncType.DeltaSync);
    client.deviceManagement().exchangeConnectors().byDeviceManagementExchangeConnectorId(connectorId).sync()
        .post(body);
  }

  /** One sync in a fresh JVM: {@code GraphSdk GRAPH_URL CONNECTOR_ID}, token from GRAPH_ACCESS_TOKEN. */
  public static void main(String[] args) {
    new GraphSdk(args[0], System.getenv("GRAPH_ACCESS_TOKEN")).sync(args[1]);
    System.exit(0);
  }
}
