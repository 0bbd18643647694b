package dev.exchangesync;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the client gets Graph access tokens. The client asks before every request, so implementations cache
 * tokens and refresh them before they expire. Implementations must be safe for use from several threads.
 *
 * <p>{@link #of(String)} and {@link #fromEnvironment(String)} wrap a token obtained elsewhere; the
 * {@code dev.exchangesync.auth} package signs in with MSAL.
 */
@FunctionalInterface
public interface TokenSource {

  /**
   * Returns an access token for Graph, without the {@code Bearer} prefix.
   *
   * @throws AuthenticationException when no token can be had; the message says what to fix
   * @throws NetworkException when the sign-in service cannot be reached (trying later may work)
   */
  String token(TokenRequest request) throws IOException;

  /** Whose identity the tokens carry; used to say which kind of permission a {@code 403} lacks. */
  default IdentityKind identityKind() {
    return IdentityKind.UNKNOWN;
  }

  /** The cloud the tokens are for, when the source knows it; the client refuses a Graph host of another cloud. */
  default Optional<GraphCloud> cloud() {
    return Optional.empty();
  }

  /**
   * A fixed token, e.g. one printed by {@code az account get-access-token}. A leading {@code Bearer } and
   * surrounding white space are dropped.
   *
   * @throws IllegalArgumentException when the token is blank or holds characters an HTTP header cannot carry
   */
  static TokenSource of(String token) {
    return new StaticTokenSource(token, "the access token");
  }

  /**
   * The token in the environment variable {@code name}, e.g. {@code GRAPH_ACCESS_TOKEN}, read once now.
   *
   * @throws IllegalArgumentException when the variable is unset, blank or not a usable token
   */
  static TokenSource fromEnvironment(String name) {
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalArgumentException("environment variable " + name + " is not set");
    }
    return new StaticTokenSource(value, "environment variable " + name);
  }
}
