package dev.exchangesync;

/** The Graph operations of the client, with the permission each needs. */
enum Operation {
  SYNC("sync", "DeviceManagementServiceConfig.ReadWrite.All"),
  GET("read", "DeviceManagementServiceConfig.Read.All"),
  LIST("list", "DeviceManagementServiceConfig.Read.All");

  private static final String READ_WRITE = "DeviceManagementServiceConfig.ReadWrite.All";

  private final String verb;
  private final String permission;

  Operation(String verb, String permission) {
    this.verb = verb;
    this.permission = permission;
  }

  /** The least permission that allows the operation. */
  String permission() {
    return permission;
  }

  /** Says which permission a {@code 403} lacks, for the kind of identity the token carries. */
  String permissionHint(IdentityKind kind) {
    String permissions = permission.equals(READ_WRITE) ? permission : permission + " (or " + READ_WRITE + ")";
    String target = "to " + verb + " Exchange connectors";
    return switch (kind) {
      case APPLICATION -> "an app-only token needs the application permission " + permissions + " " + target
          + ", granted with admin consent";
      case DELEGATED -> "a signed-in user's token needs the delegated permission " + permissions + " " + target
          + ", and the user needs an Intune role that allows it";
      case UNKNOWN -> "the token needs the permission " + permissions + " " + target
          + " (app-only: application permission with admin consent; signed-in user: delegated permission"
          + " and an Intune role)";
    };
  }
}
