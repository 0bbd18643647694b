package dev.exchangesync.bench;

import java.io.IOException;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The floor: the same sync request built by hand on OkHttp, with no policy at all. */
public final class RawOkHttp {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final byte[] BODY = "{\"syncType\":\"deltaSync\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final OkHttpClient client;
  private final String graphUrl;
  private final String token;

  public RawOkHttp(OkHttpClient client, String graphUrl, String token) {
    this.client = client;
    this.graphUrl = graphUrl;
    this.token = token;
  }

  public void sync(String connectorId) throws IOException {
    Request request = new Request.Builder()
        .url(graphUrl + "/v1.0/deviceManagement/exchangeConnectors/" + connectorId + "/sync")
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .post(RequestBody.create(BODY, JSON))
        .build();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 204) {
        throw new IOException("HTTP " + response.code());
      }
    }
  }

  /**
   * One sync in a fresh JVM: {@code RawOkHttp GRAPH_URL CONNECTOR_ID [cleartext]}, token from GRAPH_ACCESS_TOKEN;
   * with {@code cleartext}, the client sets up no TLS (as ours does for a plain-http loopback URL).
   */
  public static void main(String[] args) throws IOException {
    OkHttpClient client = args.length > 2 && args[2].equals("cleartext")
        ? new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build()
        : new OkHttpClient();
    new RawOkHttp(client, args[0], System.getenv("GRAPH_ACCESS_TOKEN")).sync(args[1]);
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
