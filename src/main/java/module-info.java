/**
 * Syncs and reads the Intune Exchange connectors of a tenant through Microsoft Graph.
 *
 * <p>The API is {@link dev.exchangesync.ExchangeConnectorClient} and its types, the sign-in of
 * {@link dev.exchangesync.auth.MsalTokenSource}, the connector records generated from the OpenAPI document
 * ({@code dev.exchangesync.model}) and the local {@link dev.exchangesync.sandbox.GraphSandbox}. Everything under
 * {@code dev.exchangesync.internal} is not exported: it may change in any release.
 */
module dev.exchangesync {
  exports dev.exchangesync;
  exports dev.exchangesync.auth;
  exports dev.exchangesync.model;
  exports dev.exchangesync.sandbox;

  // In the API: ExchangeConnectorClient.Builder.httpClient(OkHttpClient), @Nullable on every type.
  requires transitive okhttp3;
  requires okio;
  requires transitive org.jspecify;
  requires retrofit2;
  requires retrofit2.converter.moshi;
  requires com.squareup.moshi;
  requires com.microsoft.aad.msal4j;
  requires org.slf4j;
  // Needed by okhttp, okio, retrofit and moshi (automatic modules, which cannot say so themselves).
  requires kotlin.stdlib;
  // The sandbox's HTTP server.
  requires jdk.httpserver;
  // Optional: the platform's encrypted token store, used when present.
  requires static msal4j.persistence.extension;
}
