package dev.exchangesync;

import java.util.List;

/**
 * Graph answered {@code 403}: the token is valid but lacks the permission the operation needs, or the signed-in
 * user lacks an Intune role that allows it. {@link #requiredPermission()} names the permission.
 */
public final class AuthorizationException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final List<String> acceptedPermissions;

  AuthorizationException(ErrorInfo info, String message, List<String> acceptedPermissions) {
    super(info, message, null);
    this.acceptedPermissions = List.copyOf(acceptedPermissions);
  }

  /**
   * The least privileged Graph permission the operation accepts, e.g.
   * {@code DeviceManagementServiceConfig.ReadWrite.All}.
   */
  public String requiredPermission() {
    return acceptedPermissions.get(0);
  }

  /** Every Graph permission the operation accepts, least privileged first; any one suffices. */
  public List<String> acceptedPermissions() {
    return acceptedPermissions;
  }
}
