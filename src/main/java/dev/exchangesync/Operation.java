package dev.exchangesync;

import dev.exchangesync.internal.generated.api.ExchangeConnectorsApi;
import java.util.List;

/** The Graph operations of the client, with the permissions openapi/ lists for each. */
enum Operation {
  SYNC("sync", "syncExchangeConnector"),
  GET("read", "getExchangeConnector"),
  LIST("list", "listExchangeConnectors");

  private final String verb;
  private final List<String> permissions;

  Operation(String verb, String operationId) {
    this.verb = verb;
    this.permissions = ExchangeConnectorsApi.PERMISSIONS.get(operationId);
    if (permissions == null || permissions.isEmpty()) {
      throw new IllegalStateException("openapi/ lists no x-permissions for " + operationId);
    }
  }

  /** The least privileged permission that allows the operation. */
  String permission() {
    return permissions.get(0);
  }

  /** Every permission that allows the operation, least privileged first. */
  List<String> permissions() {
    return permissions;
  }

  /** Says which permission a {@code 403} lacks, for the kind of identity the token carries. */
  String permissionHint(IdentityKind kind) {
    List<String> others = permissions.subList(1, permissions.size());
    String needed = permission() + (others.isEmpty() ? "" : others.size() == 1 ? " (or " + others.get(0) + ")"
        : " (or one of " + String.join(", ", others) + ")");
    String target = "to " + verb + " Exchange connectors";
    return switch (kind) {
      case APPLICATION -> "an app-only token needs the application permission " + needed + " " + target
          + ", granted with admin consent";
      case DELEGATED -> "a signed-in user's token needs the delegated permission " + needed + " " + target
          + ", and the user needs an Intune role that allows it";
      case UNKNOWN -> "the token needs the permission " + needed + " " + target
          + " (app-only: application permission with admin consent; signed-in user: delegated permission"
          + " and an Intune role)";
    };
  }
}
