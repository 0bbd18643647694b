package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.exchangesync.AuthenticationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns MSAL's failures into one {@link AuthenticationException} each, saying what to fix. */
final class MsalErrors {
  private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");

  private MsalErrors() {
  }

  static AuthenticationException map(Throwable failure, String tenant, String clientId, String loginHost) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof AuthenticationException authentication) {
      return authentication;
    }
    if (cause instanceof MsalServiceException service) {
      return new AuthenticationException(describe(service, tenant, clientId), service);
    }
    if (cause instanceof MsalClientException client && "code_expired".equals(client.errorCode())) {
      return new AuthenticationException("the device code expired before sign-in finished: run again and enter"
          + " the code in time", client);
    }
    if (cause instanceof UncheckedIOException io) {
      return new AuthenticationException(io.getMessage(), io);
    }
    if (cause instanceof IOException || cause instanceof MsalClientException && cause.getCause() instanceof IOException) {
      return new AuthenticationException("cannot reach the sign-in service " + loginHost + ": " + cause.getMessage(),
          cause);
    }
    return new AuthenticationException("sign-in failed: " + cause.getMessage(), cause);
  }

  private static String describe(MsalServiceException e, String tenant, String clientId) {
    String code = e.errorCode() == null ? "" : e.errorCode();
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher matcher = AADSTS.matcher(message);
    String aadsts = matcher.find() ? "AADSTS" + matcher.group(1) : "";
    String where = code + (aadsts.isEmpty() ? "" : ", " + aadsts);
    switch (aadsts) {
      case "AADSTS700016":
        return "unknown client id '" + clientId + "' in tenant '" + tenant + "' (" + where
            + "): check the client id, and that the app is registered in that tenant";
      case "AADSTS90002":
      case "AADSTS900023":
      case "AADSTS90072":
        return "tenant '" + tenant + "' not found (" + where + "): give the tenant id or one of its verified domains";
      case "AADSTS65001":
        return "consent missing (" + where + "): an admin must grant app '" + clientId
            + "' the permission DeviceManagementServiceConfig.ReadWrite.All in tenant '" + tenant + "'";
      default:
        break;
    }
    switch (code) {
      case "invalid_client":
        return "the app's credential was rejected (" + where + "): check that the client secret or certificate"
            + " belongs to app '" + clientId + "' and has not expired";
      case "unauthorized_client":
        return "app '" + clientId + "' may not use this sign-in flow (" + where + "): for device code or"
            + " browser sign-in, allow public client flows in its app registration";
      case "expired_token":
      case "code_expired":
        return "the device code expired before sign-in finished (" + where + "): run again and enter the code"
            + " in time";
      case "authorization_declined":
      case "access_denied":
        return "sign-in was declined (" + where + ")";
      case "invalid_grant":
        return "the saved sign-in is no longer valid (" + where + "): sign in again (exchange-sync login)";
      case "consent_required":
        return "consent missing (" + where + "): an admin must grant app '" + clientId
            + "' the permission DeviceManagementServiceConfig.ReadWrite.All in tenant '" + tenant + "'";
      default:
        return "sign-in failed (" + where + "): " + message.lines().findFirst().orElse("").strip();
    }
  }
}
