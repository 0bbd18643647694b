package dev.exchangesync.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.AuthenticationException;
import dev.exchangesync.IdentityKind;
import dev.exchangesync.TokenRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workload identity federation: the app signs in with a federated token read afresh from a file. */
class WorkloadIdentityTest {
  private static final String TENANT = "contoso.onmicrosoft.com";
  private static final String CLIENT = "8c2f3a61-0d4e-4b7a-9e15-3f6a2b1c0d9e";

  @TempDir
  Path dir;

  @Test
  void theTokenFileIsSentAsTheClientAssertionAndReadAfreshForEachToken() throws Exception {
    try (IdentityServer identity = new IdentityServer()) {
      Path file = dir.resolve("azure-identity-token");
      Files.writeString(file, "eyJfederated.one.sig\n");
      identity.federatedTokens.add("eyJfederated.one.sig");
      MsalTokenSource source = MsalTokenSource.workloadIdentity(TENANT, CLIENT, file)
          .httpClient(identity.routedClient()).build();

      String first = source.token(TokenRequest.DEFAULT);

      Map<String, String> form = identity.tokenRequests().get(0);
      assertEquals("client_credentials", form.get("grant_type"));
      assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.get("client_assertion_type"));
      assertEquals("eyJfederated.one.sig", form.get("client_assertion"));
      assertTrue(form.get("scope").startsWith("https://graph.microsoft.com/.default"), form.get("scope"));
      assertEquals(IdentityKind.APPLICATION, source.identityKind());

      Files.writeString(file, "eyJfederated.two.sig"); // the kubelet rotates the projected token
      identity.federatedTokens.add("eyJfederated.two.sig");
      String second = source.token(new TokenRequest(first, null)); // Graph rejected the first token

      assertEquals(2, identity.tokenRequests().size());
      assertEquals("eyJfederated.two.sig", identity.tokenRequests().get(1).get("client_assertion"));
      assertFalse(first.equals(second));
    }
  }

  @Test
  void aMissingOrEmptyTokenFileIsNamedAndNothingIsSent() throws Exception {
    try (IdentityServer identity = new IdentityServer()) {
      Path missing = dir.resolve("no-such-token");
      MsalTokenSource source = MsalTokenSource.workloadIdentity(TENANT, CLIENT, missing)
          .httpClient(identity.routedClient()).build();

      AuthenticationException failure = assertThrows(AuthenticationException.class,
          () -> source.token(TokenRequest.DEFAULT));

      assertEquals("the federated token file " + missing.toAbsolutePath() + " does not exist: check"
          + " AZURE_FEDERATED_TOKEN_FILE, or that the workload identity is set up for this pod or job",
          failure.getMessage());
      Path empty = Files.writeString(dir.resolve("empty-token"), " \n");
      AuthenticationException emptyFailure = assertThrows(AuthenticationException.class,
          () -> MsalTokenSource.workloadIdentity(TENANT, CLIENT, empty).httpClient(identity.routedClient()).build()
              .token(TokenRequest.DEFAULT));
      assertTrue(emptyFailure.getMessage().endsWith("empty-token is empty"), emptyFailure.getMessage());
      assertEquals(0, identity.tokenRequests().size());
    }
  }

  @Test
  void aRefusedFederatedTokenSaysWhatToCheckWithoutQuotingIt() throws Exception {
    try (IdentityServer identity = new IdentityServer()) {
      Path file = Files.writeString(dir.resolve("token"), "eyJnot.trusted.8f3kQ2mZ9xW7vB4nL1pR6tY0");
      MsalTokenSource source = MsalTokenSource.workloadIdentity(TENANT, CLIENT, file)
          .httpClient(identity.routedClient()).build();

      AuthenticationException failure = assertThrows(AuthenticationException.class,
          () -> source.token(TokenRequest.DEFAULT));

      assertTrue(failure.getMessage().startsWith("the app's credential was rejected (invalid_client"),
          failure.getMessage());
      assertFalse(failure.getMessage().contains("8f3kQ2mZ9xW7vB4nL1pR6tY0"), failure.getMessage());
    }
  }
}
