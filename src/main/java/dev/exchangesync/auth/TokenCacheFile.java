package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MSAL's token cache kept in one file that only its owner may read or write (mode {@code 0600}, in a directory of
 * mode {@code 0700} when this creates it). Written atomically: a crash leaves the old cache or the new one.
 *
 * <p>The file holds refresh tokens in plain JSON, protected by file permissions alone, as the Azure CLI's cache on
 * Linux is. Keep it on a disk only its owner can reach. A folder or file that others may read is made owner-only;
 * a folder that belongs to another user is refused.
 *
 * <p>Each read-modify-write of MSAL ({@link #beforeCacheAccess} to {@link #afterCacheAccess}) holds a lock, in
 * this process and, through a file lock on {@code <file>.lock}, against other processes: two runs at once both
 * keep their sign-ins instead of the last writer's alone.
 */
final class TokenCacheFile implements ITokenCacheAccessAspect {
  private static final Logger log = LoggerFactory.getLogger(TokenCacheFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  /** One in-process lock per cache file: a JVM may hold a file lock only once. */
  private static final ConcurrentMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
  /** Longest wait for another run's read-modify-write of the cache; a sign-in is seconds. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  private final Path file;
  private final Semaphore inProcess;
  private @Nullable FileChannel lockChannel;
  private @Nullable FileLock lock;

  TokenCacheFile(Path file) {
    this.file = file.toAbsolutePath();
    this.inProcess = IN_PROCESS.computeIfAbsent(this.file, f -> new Semaphore(1));
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
    lock();
    try {
      load(context);
    } catch (RuntimeException e) {
      unlock(); // MSAL calls afterCacheAccess only when this returned
      throw e;
    }
  }

  private void load(ITokenCacheAccessContext context) {
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
    try {
      if (context.hasCacheChanged()) {
        write(context.tokenCache().serialize());
      }
    } finally {
      unlock();
    }
  }

  /** Takes the cache for one read-modify-write: this process's lock, then the file lock other processes see. */
  private void lock() {
    long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
    try {
      if (!inProcess.tryAcquire(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenCacheException("interrupted while waiting for the token cache " + file);
    }
    try {
      secureFolder();
      FileChannel channel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock held;
      while ((held = channel.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          channel.close();
          throw busy();
        }
        Thread.sleep(50);
      }
      lockChannel = channel;
      lock = held;
    } catch (IOException e) {
      inProcess.release();
      throw new TokenCacheException("cannot lock the token cache " + file + " (" + reason(e) + "): check that its"
          + " folder exists and its owner can write there");
    } catch (InterruptedException e) {
      inProcess.release();
      Thread.currentThread().interrupt();
      throw new TokenCacheException("interrupted while waiting for the token cache " + file);
    } catch (RuntimeException e) {
      inProcess.release();
      throw e;
    }
  }

  private void unlock() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      log.debug("token cache: releasing the lock of {} failed: {}", file, e.toString());
    } finally {
      lock = null;
      lockChannel = null;
      inProcess.release();
    }
  }

  private TokenCacheException busy() {
    return new TokenCacheException("the token cache " + file + " stayed locked by another run for "
        + LOCK_WAIT.toSeconds() + " s: let it finish, or delete " + file.getFileName() + ".lock if no run is left");
  }

  /**
   * Creates the folder owner-only, or checks the one there: another user's folder is refused (they could replace
   * the cache), and a folder or cache file that others may read or write is made owner-only.
   */
  private void secureFolder() throws IOException {
    Path directory = file.getParent();
    createOwnerOnlyDirectory(directory);
    if (!POSIX) {
      return;
    }
    UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
    UserPrincipal owner = Files.getOwner(directory);
    if (!owner.equals(me)) {
      throw new TokenCacheException("the token cache folder " + directory + " belongs to " + owner.getName()
          + ", not to " + me.getName() + ": refusing to keep tokens where another user can replace them; use a"
          + " folder of your own");
    }
    tighten(directory, OWNER_ONLY_DIRECTORY);
    if (Files.exists(file)) {
      tighten(file, OWNER_ONLY);
    }
  }

  private static void tighten(Path path, Set<PosixFilePermission> wanted) throws IOException {
    Set<PosixFilePermission> now = Files.getPosixFilePermissions(path);
    if (!now.equals(wanted)) {
      Files.setPosixFilePermissions(path, wanted);
      log.debug("token cache: {} was {}, now {}", path, PosixFilePermissions.toString(now),
          PosixFilePermissions.toString(wanted));
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
