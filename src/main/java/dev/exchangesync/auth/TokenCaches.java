package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
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

  static Choice open(Path file, String storeName) {
    String reason;
    if (isPresent(EXTENSION)) {
      try {
        TokenCacheFile.createOwnerOnlyDirectory(file.toAbsolutePath().getParent());
        String store = "the platform's encrypted store (" + System.getProperty("os.name") + "), marker file "
            + file.toAbsolutePath() + ".protected";
        return new Choice(new Guarded(PlatformTokenStore.open(file, storeName), "in " + store), store);
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

  /**
   * Another store's aspect, whose failures are replaced by a {@link TokenCacheException} that names the store:
   * MSAL's parser quotes the cache's content in its messages, and MSAL logs them.
   */
  static final class Guarded implements ITokenCacheAccessAspect {
    private final ITokenCacheAccessAspect store;
    private final String where;

    Guarded(ITokenCacheAccessAspect store, String where) {
      this.store = store;
      this.where = where;
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
      try {
        store.beforeCacheAccess(context);
      } catch (TokenCacheException e) {
        throw e;
      } catch (RuntimeException e) {
        throw TokenCacheException.damaged(where);
      }
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
      try {
        store.afterCacheAccess(context);
      } catch (TokenCacheException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new TokenCacheException("cannot write the token cache " + where + " (" + e.getClass().getSimpleName()
            + "): delete it and sign in again");
      }
    }
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
