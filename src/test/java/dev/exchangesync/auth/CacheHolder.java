package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.ITokenCache;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import java.nio.file.Path;

/**
 * Another process for {@link TokenCacheLockTest}: one read-modify-write of the token cache file that takes its
 * time. Prints "read" once it holds the cache, then appends its marker and writes.
 * Usage: {@code CacheHolder <cache file> <marker> <millis to hold>}.
 */
public final class CacheHolder {
  private CacheHolder() {
  }

  public static void main(String[] args) throws Exception {
    TokenCacheFile cache = new TokenCacheFile(Path.of(args[0]));
    TextCache text = new TextCache();
    cache.beforeCacheAccess(text.context());
    System.out.println("read " + text.value);
    System.out.flush();
    Thread.sleep(Long.parseLong(args[2]));
    text.value = text.value + args[1];
    text.changed = true;
    cache.afterCacheAccess(text.context());
  }

  /** A stand-in for MSAL's cache: its serialized form is a string this test appends to. */
  static class TextCache implements ITokenCache {
    String value = "";
    boolean changed;

    @Override
    public void deserialize(String data) {
      value = data;
    }

    @Override
    public String serialize() {
      return value;
    }

    ITokenCacheAccessContext context() {
      return new ITokenCacheAccessContext() {
        @Override
        public ITokenCache tokenCache() {
          return TextCache.this;
        }

        @Override
        public String clientId() {
          return "client";
        }

        @Override
        public IAccount account() {
          return null;
        }

        @Override
        public boolean hasCacheChanged() {
          return changed;
        }
      };
    }
  }
}
