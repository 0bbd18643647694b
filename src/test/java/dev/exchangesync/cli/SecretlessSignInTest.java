package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.auth.IdentityServer;
import dev.exchangesync.sandbox.GraphSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in without a secret: managed identity (through MSAL, against a local App Service style endpoint that
 * {@code IDENTITY_ENDPOINT} points to, in a child JVM since MSAL reads the process environment) and workload
 * identity federation with azure-identity's environment variables.
 */
class SecretlessSignInTest {
  private static final String HEADER = "h-9f2c1d7e";
  private static final String CLIENT = "8c2f3a61-0d4e-4b7a-9e15-3f6a2b1c0d9e";

  @TempDir
  Path dir;

  @Test
  void systemAssignedManagedIdentityGetsAGraphTokenFromTheLocalEndpoint() throws Exception {
    try (GraphSandbox sandbox = GraphSandbox.builder().token("mi-token-1").start();
        MockWebServer endpoint = managedIdentityEndpoint("mi-token-1")) {
      // A proxy that is not there, which NO_PROXY keeps the sandbox (127.0.0.1) from, but not the identity
      // endpoint (localhost): a managed identity's endpoint is on this machine, never reached through a proxy.
      Map<String, String> proxy = Map.of("HTTP_PROXY", "http://127.0.0.1:9", "HTTPS_PROXY", "http://127.0.0.1:9",
          "NO_PROXY", "127.0.0.1", "IDENTITY_ENDPOINT", "http://localhost:" + endpoint.getPort() + "/msi/token");
      Child run = cli(endpoint, proxy, "--auth", "managed-identity", "--graph-url", sandbox.graphUrl(), "list");

      assertEquals(0, run.exit, run.output);
      assertTrue(run.output.contains(sandbox.connectors().get(0).id()), run.output);
      RecordedRequest request = endpoint.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("/msi/token", request.getRequestUrl().encodedPath());
      assertEquals(HEADER, request.getHeader("X-IDENTITY-HEADER"));
      assertEquals("https://graph.microsoft.com", request.getRequestUrl().queryParameter("resource"));
      assertNull(request.getRequestUrl().queryParameter("client_id"), "system-assigned names no identity");
    }
  }

  @Test
  void userAssignedManagedIdentityIsNamedByItsClientId() throws Exception {
    try (GraphSandbox sandbox = GraphSandbox.builder().token("mi-token-1").start();
        MockWebServer endpoint = managedIdentityEndpoint("mi-token-1")) {
      Child run = cli(endpoint, "--auth", "managed-identity", "--client-id", CLIENT, "--graph-url",
          sandbox.graphUrl(), "get", sandbox.connectors().get(0).id());

      assertEquals(0, run.exit, run.output);
      assertEquals(CLIENT, endpoint.takeRequest(5, TimeUnit.SECONDS).getRequestUrl().queryParameter("client_id"));
    }
  }

  @Test
  void aManagedIdentityEndpointThatRefusesOrIsNotThereGivesOneLineAndTheRightExitCode() throws Exception {
    try (GraphSandbox sandbox = GraphSandbox.builder().token("mi-token-1").start();
        MockWebServer endpoint = managedIdentityEndpoint("mi-token-1")) {
      Map<String, String> wrongHeader = new HashMap<>(Map.of("IDENTITY_HEADER", "not-the-header"));
      Child refused = cli(endpoint, wrongHeader, "--auth", "managed-identity", "--graph-url", sandbox.graphUrl(),
          "list");

      assertEquals(3, refused.exit, refused.output);
      assertTrue(refused.output.startsWith("exchange-sync: "), refused.output);
      assertEquals(1, refused.output.lines().count(), refused.output);
      assertFalse(refused.output.contains("not-the-header"), refused.output);
    }
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (GraphSandbox sandbox = GraphSandbox.builder().token("mi-token-1").start()) {
      Child unreachable = cli(null, Map.of("IDENTITY_ENDPOINT", "http://127.0.0.1:" + closed + "/msi/token"),
          "--auth", "managed-identity", "--graph-url", sandbox.graphUrl(), "list");

      assertEquals(1, unreachable.exit, unreachable.output);
      assertTrue(unreachable.output.startsWith("exchange-sync: cannot reach the sign-in service of the managed"
          + " identity"), unreachable.output);
    }
  }

  @Test
  void azureIdentitysEnvironmentVariablesChooseWorkloadIdentityOrAClientSecret() throws Exception {
    try (IdentityServer identity = new IdentityServer();
        GraphSandbox sandbox = GraphSandbox.builder().token("app-at-1").start()) {
      Path token = Files.writeString(dir.resolve("azure-identity-token"), "eyJfederated.k8s.sig");
      identity.federatedTokens.add("eyJfederated.k8s.sig");
      Map<String, String> env = Map.of("AZURE_TENANT_ID", "contoso.onmicrosoft.com", "AZURE_CLIENT_ID", CLIENT,
          "AZURE_FEDERATED_TOKEN_FILE", token.toString());

      InProcess run = inProcess(identity, env, "--graph-url", sandbox.graphUrl(), "list");

      assertEquals(0, run.exit, run.err);
      assertEquals("eyJfederated.k8s.sig", identity.tokenRequests().get(0).get("client_assertion"));

      InProcess secret = inProcess(identity, Map.of("AZURE_TENANT_ID", "contoso.onmicrosoft.com",
          "AZURE_CLIENT_ID", CLIENT, "AZURE_CLIENT_SECRET", IdentityServer.SECRET,
          "AZURE_FEDERATED_TOKEN_FILE", token.toString()), "--graph-url", sandbox.graphUrl(), "list");

      assertEquals(3, secret.exit, "app-at-2 is not the sandbox's token: " + secret.err);
      assertEquals(IdentityServer.SECRET, identity.tokenRequests().get(1).get("client_secret"),
          "AZURE_CLIENT_SECRET comes first, as in azure-identity");
      InProcess noFile = inProcess(identity, Map.of("AZURE_TENANT_ID", "contoso.onmicrosoft.com",
          "AZURE_CLIENT_ID", CLIENT), "--auth", "workload-identity", "list");
      assertEquals(2, noFile.exit);
      assertEquals("exchange-sync: --auth workload-identity needs --federated-token-file FILE or"
          + " AZURE_FEDERATED_TOKEN_FILE\n", noFile.err);
    }
  }

  private MockWebServer managedIdentityEndpoint(String token) throws IOException {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (!HEADER.equals(request.getHeader("X-IDENTITY-HEADER"))) {
          return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
              .setBody("{\"statusCode\":400,\"message\":\"No managed identity endpoint header matched.\"}");
        }
        String clientId = request.getRequestUrl().queryParameter("client_id");
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"access_token\":\""
            + token + "\",\"expires_on\":\"" + (Instant.now().getEpochSecond() + 3600) + "\",\"resource\":"
            + "\"https://graph.microsoft.com\",\"token_type\":\"Bearer\",\"client_id\":\""
            + (clientId != null ? clientId : "system") + "\"}");
      }
    });
    server.start();
    return server;
  }

  private record Child(int exit, String output) {
  }

  private Child cli(MockWebServer endpoint, String... args) throws Exception {
    return cli(endpoint, Map.of(), args);
  }

  /** Runs the CLI in a JVM of its own, with a managed identity endpoint in its environment. */
  private Child cli(MockWebServer endpoint, Map<String, String> extraEnv, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), ExchangeSyncCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AZURE_") || name.startsWith("IDENTITY_") || name.startsWith("MSI_")
        || name.equals("GRAPH_ACCESS_TOKEN") || name.toUpperCase().endsWith("_PROXY"));
    if (endpoint != null) {
      env.put("IDENTITY_ENDPOINT", endpoint.url("/msi/token").toString());
    }
    env.put("IDENTITY_HEADER", HEADER);
    env.putAll(extraEnv);
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the CLI did not end");
    return new Child(process.exitValue(), new String(process.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8));
  }

  private record InProcess(int exit, String out, String err) {
  }

  private static InProcess inProcess(IdentityServer identity, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ExchangeSyncCli.run(args, new PrintWriter(out), new PrintWriter(err), env, false,
        identity.routedClient());
    return new InProcess(exit, out.toString(), err.toString());
  }
}
