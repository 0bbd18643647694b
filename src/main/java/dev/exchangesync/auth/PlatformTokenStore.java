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
  /** The libsecret schema of this library's entries; the application's name tells them apart. */
  static final String KEYRING_SCHEMA = "dev.exchangesync.TokenCache";

  private PlatformTokenStore() {
  }

  /**
   * Opens the store next to {@code file}, whose name with {@code .protected} appended holds the encrypted cache
   * (Windows) or the change marker (macOS, Linux).
   *
   * @param name the application's name for its entry: the Keychain service, the libsecret label and attribute
   * @throws IOException, RuntimeException or LinkageError when the platform's store cannot be used here, e.g. Linux
   *     without libsecret or without a session keyring
   */
  static ITokenCacheAccessAspect open(Path file, String name) throws IOException {
    return new PersistenceTokenCacheAccessAspect(settings(file, name));
  }

  /**
   * The store's settings: one entry per application name and cache file, so that two applications, or two caches
   * of one, never share an entry.
   */
  static PersistenceSettings settings(Path file, String name) {
    String path = file.toAbsolutePath().toString();
    return PersistenceSettings
        .builder(file.getFileName() + ".protected", file.toAbsolutePath().getParent())
        .setMacKeychain(name, path)
        .setLinuxKeyring("default", KEYRING_SCHEMA, name + " token cache", "application", name, "file", path)
        .build();
  }
}
