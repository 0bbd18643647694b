package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.exchangesync.AuthenticationException;
import dev.exchangesync.GraphException;
import dev.exchangesync.NetworkException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns MSAL's failures into one exception each, saying what to fix: a {@link NetworkException} when the sign-in
 * service could not be reached, else an {@link AuthenticationException}.
 */
final class MsalErrors {
  private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");
  /** A run of characters tokens and secrets are made of, long enough to be one. */
  private static final Pattern TOKEN_RUN = Pattern.compile("[A-Za-z0-9._~+/=-]{32,}");
  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

  private MsalErrors() {
  }

  static GraphException map(Throwable failure, String tenant, String clientId, String loginHost,
      String signInAdvice) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    AuthenticationException ours = find(failure, AuthenticationException.class); // e.g. from a credential callback
    if (ours != null) {
      return ours;
    }
    TokenCacheException cache = find(failure, TokenCacheException.class);
    if (cache != null) {
      return new AuthenticationException(cache.getMessage(), cache);
    }
    if (cause instanceof MsalServiceException service) {
      return new AuthenticationException(describe(service, tenant, clientId, signInAdvice), redacted(service, 0));
    }
    if (cause instanceof MsalClientException client && "code_expired".equals(client.errorCode())) {
      return new AuthenticationException("the device code expired before sign-in finished: run again and enter"
          + " the code in time", redacted(client, 0));
    }
    UnreachableException unreachable = find(failure, UnreachableException.class);
    if (unreachable != null) {
      return new NetworkException("cannot reach the sign-in service " + loginHost + ": "
          + safe(unreachable.getMessage()), redacted(unreachable, 0));
    }
    return new AuthenticationException("sign-in failed: " + cause.getClass().getSimpleName() + ": "
        + safe(cause.getMessage()), redacted(cause, 0));
  }

  /**
   * The first line of a message from MSAL or its parser, short, with anything that looks like a credential
   * replaced: such messages quote the text they failed on, and that text can be a token response or a cache.
   */
  static String safe(@Nullable String message) {
    if (message == null) {
      return "";
    }
    String line = message.lines().findFirst().orElse("").strip();
    line = TOKEN_RUN.matcher(line).replaceAll(run -> looksLikeCredential(run.group()) ? "<redacted>"
        : Matcher.quoteReplacement(run.group()));
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }

  /** Letters and digits mixed, and not an id: tokens, JWTs and secrets; not GUIDs, scopes or host names. */
  private static boolean looksLikeCredential(String run) {
    return !GUID.matcher(run).matches() && run.chars().anyMatch(Character::isDigit)
        && run.chars().anyMatch(Character::isLetter);
  }

  private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** A stand-in for {@code original} and its causes: same class names and stack traces, messages made safe. */
  private static @Nullable Throwable redacted(@Nullable Throwable original, int depth) {
    if (original == null || depth >= 16) {
      return null;
    }
    if (original instanceof TokenCacheException || original instanceof Redacted) {
      return original;
    }
    return new Redacted(original, redacted(original.getCause(), depth + 1));
  }

  /** A dependency's exception with its message made {@link #safe}. */
  static final class Redacted extends Exception {
    private static final long serialVersionUID = 1L;

    Redacted(Throwable original, @Nullable Throwable cause) {
      super(original.getClass().getName() + ": " + safe(original.getMessage()), cause);
      setStackTrace(original.getStackTrace());
    }
  }

  private static String describe(MsalServiceException e, String tenant, String clientId, String signInAdvice) {
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
            + "' the permission " + MsalTokenSource.DELEGATED_PERMISSION + " in tenant '" + tenant + "'";
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
        return "the saved sign-in is no longer valid (" + where + "): sign in again (" + signInAdvice + ")";
      case "consent_required":
        return "consent missing (" + where + "): an admin must grant app '" + clientId
            + "' the permission " + MsalTokenSource.DELEGATED_PERMISSION + " in tenant '" + tenant + "'";
      default:
        return "sign-in failed (" + where + "): " + safe(message);
    }
  }
}
