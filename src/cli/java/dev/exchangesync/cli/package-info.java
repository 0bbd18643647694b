/** The {@code exchange-sync} command-line tool. Not API: its Java types may change in any release. */
@NullMarked
package dev.exchangesync.cli;

import org.jspecify.annotations.NullMarked;
