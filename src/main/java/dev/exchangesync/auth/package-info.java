/**
 * Signing in with MSAL4J: device code and browser for people, client secret and certificate for daemons, with a
 * persistent token cache. Start at {@link dev.exchangesync.auth.MsalTokenSource}.
 */
@NullMarked
package dev.exchangesync.auth;

import org.jspecify.annotations.NullMarked;
