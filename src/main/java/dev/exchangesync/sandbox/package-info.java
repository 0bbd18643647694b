/**
 * An in-process stand-in for the Graph endpoints this library calls, for trying the CLI offline and for
 * testing automation without a tenant. Start at {@link dev.exchangesync.sandbox.GraphSandbox}.
 */
@NullMarked
package dev.exchangesync.sandbox;

import org.jspecify.annotations.NullMarked;
