package dev.exchangesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.internal.generated.api.ExchangeConnectorsApi;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi/ is the one place the permissions live: each operation's x-permissions (which the code is generated
 * from) and its security alternatives (which OpenAPI tools read) name the same permissions, each one declared
 * as a scope of the security scheme.
 */
final class SpecPermissionsTest {
  @Test
  @SuppressWarnings("unchecked")
  void xPermissionsSecurityAndGeneratedConstantsAgree() throws Exception {
    Map<String, Object> spec;
    try (Reader reader = Files.newBufferedReader(Path.of("openapi/exchange-connectors.yaml"))) {
      spec = new Yaml().load(reader);
    }
    Map<String, Object> flows = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) spec.get("components")).get("securitySchemes")).get("azureAd")).get("flows");
    int operations = 0;
    for (Object path : ((Map<String, Object>) spec.get("paths")).values()) {
      for (Object item : ((Map<String, Object>) path).values()) {
        if (!(item instanceof Map<?, ?> operation) || !operation.containsKey("operationId")) {
          continue;
        }
        operations++;
        String id = (String) operation.get("operationId");
        List<String> permissions = (List<String>) operation.get("x-permissions");
        assertFalse(permissions == null || permissions.isEmpty(), id + " has no x-permissions");
        List<String> alternatives = new ArrayList<>();
        for (Map<String, List<String>> requirement : (List<Map<String, List<String>>>) operation.get("security")) {
          alternatives.addAll(requirement.get("azureAd"));
        }
        assertEquals(permissions, alternatives, id + ": security and x-permissions differ");
        for (Object flow : flows.values()) {
          Map<String, String> scopes = (Map<String, String>) ((Map<String, Object>) flow).get("scopes");
          assertTrue(scopes.keySet().containsAll(permissions), id + " uses scopes the scheme lacks: " + permissions);
        }
        assertEquals(permissions, ExchangeConnectorsApi.PERMISSIONS.get(id), id + ": generated constant is stale");
      }
    }
    assertEquals(3, operations);
  }
}
