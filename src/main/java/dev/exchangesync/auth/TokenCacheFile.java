package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * MSAL's token cache kept in one file that only its owner may read or write (mode {@code 0600}, in a directory of
 * mode {@code 0700} when this creates it). Written atomically: a crash leaves the old cache or the new one.
 *
 * <p>The file holds refresh tokens in plain JSON, protected by file permissions alone, as the Azure CLI's cache on
 * Linux is. Keep it on a disk only its owner can reach.
 */
final class TokenCacheFile implements ITokenCacheAccessAspect {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;

  TokenCacheFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  Path file() {
    return file;
  }

  /**
   * Loads the file into MSAL's cache. A damaged file fails with a {@link TokenCacheException} that quotes nothing of
   * it: MSAL's parser quotes the text around the error, tokens included, and MSAL logs that message.
   */
  @Override
  public void beforeCacheAccess(ITokenCacheAccessContext context) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return; // Nothing cached yet.
    } catch (CharacterCodingException e) {
      throw TokenCacheException.damaged(file);
    } catch (IOException e) {
      throw new TokenCacheException("cannot read the token cache " + file + " (" + reason(e) + "): check that it"
          + " is a file its owner can read and write, or delete it and sign in again");
    }
    if (json.isBlank()) {
      return; // Nothing cached yet: MSAL writes no empty cache, but an interrupted copy might.
    }
    try {
      context.tokenCache().deserialize(json);
    } catch (RuntimeException e) {
      throw TokenCacheException.damaged(file);
    }
  }

  /** What went wrong with the file, without its content: the file system's reason, or the exception's kind. */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
  }

  @Override
  public void afterCacheAccess(ITokenCacheAccessContext context) {
    if (context.hasCacheChanged()) {
      write(context.tokenCache().serialize());
    }
  }

  /** Creates {@code directory} (mode {@code 0700} where the file system has modes) unless it exists. */
  static void createOwnerOnlyDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      if (POSIX) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
      } else {
        Files.createDirectories(directory);
      }
    }
  }

  /** Replaces the file's content, owner-only from the first byte. */
  void write(String json) {
    try {
      Path directory = file.getParent();
      createOwnerOnlyDirectory(directory);
      Path temp = POSIX
          ? Files.createTempFile(directory, ".token-cache", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
          : Files.createTempFile(directory, ".token-cache", ".tmp");
      try {
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        try {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new TokenCacheException("cannot write the token cache " + file + " (" + reason(e) + "): check that its"
          + " folder exists and its owner can write there");
    }
  }
}
