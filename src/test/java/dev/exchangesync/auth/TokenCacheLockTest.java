package dev.exchangesync.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token cache file under concurrent runs, loose permissions and another user's folder. */
final class TokenCacheLockTest {
  @TempDir
  Path temp;

  @Test
  void twoProcessesWritingTheCacheBothKeepWhatTheyWrote() throws Exception {
    Path cache = temp.resolve("cache/token-cache.json");
    new TokenCacheFile(cache).write("start");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CacheHolder.class.getName(), cache.toString(), "|other", "1500").redirectErrorStream(true).start();
    try (BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertEquals("read start", said.readLine(), "the other process did not take the cache");

      CacheHolder.TextCache text = new CacheHolder.TextCache();
      TokenCacheFile mine = new TokenCacheFile(cache);
      mine.beforeCacheAccess(text.context()); // waits for the other process's write
      text.value = text.value + "|mine";
      text.changed = true;
      mine.afterCacheAccess(text.context());
    }
    assertTrue(other.waitFor(30, TimeUnit.SECONDS));

    assertEquals(0, other.exitValue());
    assertEquals("start|other|mine", Files.readString(cache), "one process's write was lost");
  }

  @Test
  void aFailedReadReleasesTheLock() throws Exception {
    Path cache = temp.resolve("token-cache.json");
    Files.writeString(cache, "{not json");
    TokenCacheFile file = new TokenCacheFile(cache);
    CacheHolder.TextCache text = new CacheHolder.TextCache() {
      @Override
      public void deserialize(String data) {
        throw new IllegalStateException("unparseable");
      }
    };

    for (int i = 0; i < 2; i++) {
      TokenCacheException e = assertThrows(TokenCacheException.class, () -> file.beforeCacheAccess(text.context()));
      assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }
  }

  @Test
  void looseFolderAndFilePermissionsAreMadeOwnerOnly() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("open"));
    Path cache = folder.resolve("token-cache.json");
    Files.writeString(cache, "");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rw-r--r--"));
    CacheHolder.TextCache text = new CacheHolder.TextCache();
    TokenCacheFile file = new TokenCacheFile(cache);

    file.beforeCacheAccess(text.context());
    file.afterCacheAccess(text.context());

    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
  }

  @Test
  void anotherUsersFolderIsRefusedWithTheReason() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("theirs"));
    UserPrincipal nobody = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(folder, nobody); // the tests run as root in CI; another user cannot do this
    TokenCacheFile file = new TokenCacheFile(folder.resolve("token-cache.json"));

    TokenCacheException e = assertThrows(TokenCacheException.class,
        () -> file.beforeCacheAccess(new CacheHolder.TextCache().context()));

    assertEquals("the token cache folder " + folder + " belongs to nobody, not to " + System.getProperty("user.name")
        + ": refusing to keep tokens where another user can replace them; use a folder of your own", e.getMessage());
    assertTrue(Files.list(folder).findAny().isEmpty(), "something was written into another user's folder");
  }
}
