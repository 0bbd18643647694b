/** Helpers shared by the library's packages. Not API: may change in any release. */
@NullMarked
package dev.exchangesync.internal;

import org.jspecify.annotations.NullMarked;
