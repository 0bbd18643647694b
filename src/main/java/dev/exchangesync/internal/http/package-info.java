/**
 * HTTP policy of the client as small OkHttp interceptors. Not API: may change in any release.
 */
@NullMarked
package dev.exchangesync.internal.http;

import org.jspecify.annotations.NullMarked;
