package dev.exchangesync.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The preference for new enum members joins whatever the request already prefers, once. */
final class PreferHeaderTest {
  @Test
  void preferenceIsAddedOnceBesideOthers() {
    assertEquals("include-unknown-enum-members", BearerTokenInterceptor.prefer(null));
    assertEquals("include-unknown-enum-members", BearerTokenInterceptor.prefer(" "));
    assertEquals("odata.maxpagesize=10, include-unknown-enum-members",
        BearerTokenInterceptor.prefer("odata.maxpagesize=10"));
    assertEquals("Include-Unknown-Enum-Members", BearerTokenInterceptor.prefer("Include-Unknown-Enum-Members"));
  }
}
