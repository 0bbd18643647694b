package dev.exchangesync;

/**
 * Graph answered {@code 403}: the token is valid but lacks the permission the operation needs, or the signed-in
 * user lacks an Intune role that allows it. {@link #requiredPermission()} names the permission.
 */
public final class AuthorizationException extends GraphException {
  private static final long serialVersionUID = 1L;

  private final String requiredPermission;

  AuthorizationException(ErrorInfo info, String message, String requiredPermission) {
    super(info, message, null);
    this.requiredPermission = requiredPermission;
  }

  /** The Graph permission the operation needs, e.g. {@code DeviceManagementServiceConfig.ReadWrite.All}. */
  public String requiredPermission() {
    return requiredPermission;
  }
}
