/**
 * Syncs Intune Exchange connectors through Microsoft Graph. Start at {@link dev.exchangesync.ExchangeConnectorClient}.
 *
 * <p>Everything in this package is non-null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package dev.exchangesync;

import org.jspecify.annotations.NullMarked;
