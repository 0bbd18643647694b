package dev.exchangesync;

import com.squareup.moshi.JsonReader;
import dev.exchangesync.internal.Checks;
import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import okio.Buffer;

/** A token obtained elsewhere. It cannot be refreshed: a rejected token surfaces as Graph's {@code 401}. */
final class StaticTokenSource implements TokenSource {
  private final String token;
  private final String origin;
  private final IdentityKind identityKind;

  StaticTokenSource(String token, String origin) {
    String trimmed = token.strip();
    if (trimmed.regionMatches(true, 0, "Bearer", 0, 6)
        && (trimmed.length() == 6 || Character.isWhitespace(trimmed.charAt(6)))) {
      trimmed = trimmed.substring(6).strip();
    }
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(origin + " is empty");
    }
    int bad = Checks.firstNonHeaderCharacter(trimmed);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          origin + " holds a character that cannot go in an HTTP header (at index " + bad + ")");
    }
    this.token = trimmed;
    this.origin = origin;
    this.identityKind = identityKindOf(trimmed);
  }

  @Override
  public String token(TokenRequest request) {
    return token;
  }

  @Override
  public IdentityKind identityKind() {
    return identityKind;
  }

  @Override
  public String toString() {
    return "static token from " + origin + " (redacted)";
  }

  /**
   * Reads the token's payload when it is a JWT: Entra ID puts {@code scp} in user tokens and {@code roles}
   * without {@code scp} in app-only tokens. Anything unreadable is {@link IdentityKind#UNKNOWN}.
   */
  static IdentityKind identityKindOf(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return IdentityKind.UNKNOWN;
    }
    boolean scp = false;
    boolean roles = false;
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonReader reader = JsonReader.of(new Buffer().write(payload));
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        scp |= name.equals("scp");
        roles |= name.equals("roles");
        if (name.equals("idtyp")) {
          String idtyp = reader.nextString().toLowerCase(Locale.ROOT);
          return idtyp.equals("app") ? IdentityKind.APPLICATION : IdentityKind.DELEGATED;
        }
        reader.skipValue();
      }
    } catch (IOException | RuntimeException e) {
      return IdentityKind.UNKNOWN;
    }
    return scp ? IdentityKind.DELEGATED : roles ? IdentityKind.APPLICATION : IdentityKind.UNKNOWN;
  }
}
