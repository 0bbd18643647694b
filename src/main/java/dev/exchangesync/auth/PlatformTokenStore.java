package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4jextensions.PersistenceSettings;
import com.microsoft.aad.msal4jextensions.PersistenceTokenCacheAccessAspect;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The token cache in the platform's encrypted store, through the optional msal4j-persistence-extension: DPAPI on
 * Windows, the Keychain on macOS, libsecret on Linux. Only loaded when that library is on the classpath.
 */
final class PlatformTokenStore {
  private PlatformTokenStore() {
  }

  /**
   * Opens the store next to {@code file}, whose name with {@code .protected} appended holds the encrypted cache
   * (Windows) or the change marker (macOS, Linux).
   *
   * @throws IOException, RuntimeException or LinkageError when the platform's store cannot be used here, e.g. Linux without
   *     libsecret or without a session keyring
   */
  static ITokenCacheAccessAspect open(Path file) throws IOException {
    PersistenceSettings settings = PersistenceSettings
        .builder(file.getFileName() + ".protected", file.toAbsolutePath().getParent())
        .setMacKeychain("exchange-sync", "token-cache")
        .setLinuxKeyring("default", "dev.exchangesync.tokencache", "exchange-sync token cache",
            "application", "exchange-sync", null, null)
        .build();
    return new PersistenceTokenCacheAccessAspect(settings);
  }
}
