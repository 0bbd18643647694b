package dev.exchangesync.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.aad.msal4jextensions.PersistenceSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The platform store's entry is named by the application, and told apart by the cache file. */
class PlatformTokenStoreTest {
  @Test
  void theEntryCarriesTheApplicationsNameAndTheCacheFilesPath() {
    Path file = Path.of("/home/ada/.myapp/token-cache.json");

    PersistenceSettings settings = PlatformTokenStore.settings(file, "myapp");

    assertEquals("myapp", settings.getKeychainService());
    assertEquals(file.toString(), settings.getKeychainAccount());
    assertEquals("myapp token cache", settings.getKeyringSecretLabel());
    assertEquals("myapp", settings.getKeyringAttribute1Value());
    assertEquals(file.toString(), settings.getKeyringAttribute2Value());
    assertEquals("token-cache.json.protected", settings.getCacheFileName());
    assertNotEquals(settings.getKeychainAccount(),
        PlatformTokenStore.settings(Path.of("/home/ada/.other/token-cache.json"), "myapp").getKeychainAccount());
  }

  @Test
  void theDefaultNameIsTheLibrarysNotAnApplicationsAndBadNamesAreRefused() {
    assertEquals("exchange-connector-sync", MsalTokenSource.Builder.DEFAULT_TOKEN_STORE_NAME);
    MsalTokenSource.Builder builder = MsalTokenSource.deviceCode("contoso.onmicrosoft.com",
        "00000000-0000-0000-0000-000000000001");

    assertThrows(IllegalArgumentException.class, () -> builder.tokenStoreName(" "));
    assertThrows(IllegalArgumentException.class, () -> builder.tokenStoreName("a\nb"));
    assertThrows(IllegalArgumentException.class, () -> builder.tokenStoreName("x".repeat(101)));
    assertEquals(builder, builder.tokenStoreName("myapp"));
  }
}
