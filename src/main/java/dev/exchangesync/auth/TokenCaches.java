package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses where delegated tokens are kept: the platform's encrypted store when msal4j-persistence-extension is
 * on the classpath and works on this machine, otherwise an owner-only file ({@link TokenCacheFile}). Headless
 * Linux hosts have no session keyring, so they get the file.
 */
final class TokenCaches {
  private static final Logger log = LoggerFactory.getLogger(TokenCaches.class);
  private static final String EXTENSION = "com.microsoft.aad.msal4jextensions.PersistenceTokenCacheAccessAspect";

  private TokenCaches() {
  }

  /** Where the tokens went, and the aspect that keeps them there. */
  record Choice(ITokenCacheAccessAspect aspect, String description) {
  }

  static Choice open(Path file) {
    String reason;
    if (isPresent(EXTENSION)) {
      try {
        TokenCacheFile.createOwnerOnlyDirectory(file.toAbsolutePath().getParent());
        ITokenCacheAccessAspect encrypted = PlatformTokenStore.open(file);
        return new Choice(encrypted, "the platform's encrypted store (" + System.getProperty("os.name") + "),"
            + " marker file " + file.toAbsolutePath() + ".protected");
      } catch (IOException | RuntimeException | LinkageError e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
        reason = "the platform's encrypted store is not available here: " + e.getClass().getSimpleName()
            + (message.isEmpty() ? "" : ": " + message.replaceAll(":$", ""));
        log.debug("token cache: {}", reason);
      }
    } else {
      reason = "msal4j-persistence-extension is not on the classpath";
    }
    TokenCacheFile fallback = new TokenCacheFile(file);
    return new Choice(fallback, fallback.file() + ", readable by its owner only (" + reason + ")");
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, TokenCaches.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
