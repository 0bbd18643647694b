package dev.exchangesync.cli;

import dev.exchangesync.GraphCloud;
import dev.exchangesync.GraphException;
import dev.exchangesync.TokenSource;
import dev.exchangesync.auth.ClientCertificate;
import dev.exchangesync.auth.MsalTokenSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * How the CLI signs in when {@code GRAPH_ACCESS_TOKEN} is not set. Secrets come only from files or environment
 * variables, never from the command line, where shell history and {@code ps} would keep them.
 */
final class AuthOptions {
  // The names azure-identity reads, so that a daemon set up for the Azure SDKs works as it is.
  static final String SECRET_VARIABLE = "AZURE_CLIENT_SECRET";
  static final String CERTIFICATE_VARIABLE = "AZURE_CLIENT_CERTIFICATE_PATH";
  static final String CERTIFICATE_PASSWORD_VARIABLE = "AZURE_CLIENT_CERTIFICATE_PASSWORD";
  static final String FEDERATED_TOKEN_VARIABLE = "AZURE_FEDERATED_TOKEN_FILE";

  /** The sign-in flows on the command line. */
  enum Flow {
    DEVICE_CODE("device-code"), BROWSER("browser"), CLIENT_SECRET("client-secret"),
    CLIENT_CERTIFICATE("client-certificate"), WORKLOAD_IDENTITY("workload-identity"),
    MANAGED_IDENTITY("managed-identity");

    final String id;

    Flow(String id) {
      this.id = id;
    }

    boolean appOnly() {
      return this != DEVICE_CODE && this != BROWSER;
    }

    /** Every flow's id, as --auth takes it. */
    static List<String> ids() {
      List<String> ids = new ArrayList<>();
      for (Flow flow : values()) {
        ids.add(flow.id);
      }
      return ids;
    }

    /** Reads a flow by its id, in any case. */
    static Flow fromId(String value) {
      for (Flow candidate : values()) {
        if (candidate.id.equals(value.toLowerCase(Locale.ROOT))) {
          return candidate;
        }
      }
      throw new IllegalArgumentException("'" + value + "' is not a sign-in flow: expected "
          + String.join(", ", ids()));
    }
  }

  @Nullable Flow flow;
  @Nullable String tenant;
  @Nullable String clientId;
  @Nullable Path secretFile;
  @Nullable String secretVariable;
  @Nullable Path certificate;
  @Nullable String certificatePasswordVariable;
  @Nullable Path certificatePasswordFile;
  @Nullable Path federatedTokenFile;
  @Nullable Path tokenCache;

  /** The sign-in options, global options of the tool. */
  static final List<Option> OPTIONS = List.of(
      Option.value("--auth", "FLOW", "device-code (default for people) or browser; for cron and daemons"
          + " (app-only): client-secret, client-certificate, workload-identity (a federated token file, as on AKS)"
          + " or managed-identity (the Azure resource's own identity, no secret). Without --auth, the environment"
          + " variables of azure-identity choose: AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, then"
          + " AZURE_FEDERATED_TOKEN_FILE.").completing(Flow.ids()),
      Option.value("--tenant", "TENANT", "Tenant id or domain (default: $AZURE_TENANT_ID)."),
      Option.value("--client-id", "ID", "Application (client) id of the app registration; with managed-identity,"
          + " the client id of a user-assigned identity (default: $AZURE_CLIENT_ID; none: the system-assigned"
          + " identity)."),
      Option.value("--client-secret-file", "FILE", "File holding the client secret (default: $AZURE_CLIENT_SECRET"
          + " holds it).").completingFiles(),
      Option.value("--client-secret-env", "VAR", "Environment variable holding the client secret."),
      Option.value("--certificate", "FILE", "Certificate and private key: PEM, or PKCS#12 (.pfx/.p12) (default:"
          + " $AZURE_CLIENT_CERTIFICATE_PATH).").completingFiles(),
      Option.value("--certificate-password-env", "VAR", "Environment variable holding the PKCS#12 password."),
      Option.value("--certificate-password-file", "FILE", "File holding the PKCS#12 password (default:"
          + " $AZURE_CLIENT_CERTIFICATE_PASSWORD holds it).").completingFiles(),
      Option.value("--federated-token-file", "FILE", "Federated token for workload-identity, read afresh for each"
          + " token (default: $AZURE_FEDERATED_TOKEN_FILE).").completingFiles(),
      Option.value("--token-cache", "FILE", "Token cache for delegated sign-in: the platform's encrypted store"
          + " where there is one, else this file, readable by its owner only (default:"
          + " ~/.exchange-sync/token-cache.json).").completingFiles());

  /**
   * Sets a sign-in option, named by {@link Option#name()}.
   *
   * @throws IllegalArgumentException when the value is not one the option takes, saying why
   */
  void set(String option, String value) {
    switch (option) {
      case "--auth" -> flow = Flow.fromId(value);
      case "--tenant" -> tenant = value;
      case "--client-id" -> clientId = value;
      case "--client-secret-file" -> secretFile = path(value);
      case "--client-secret-env" -> secretVariable = value;
      case "--certificate" -> certificate = path(value);
      case "--certificate-password-env" -> certificatePasswordVariable = value;
      case "--certificate-password-file" -> certificatePasswordFile = path(value);
      case "--federated-token-file" -> federatedTokenFile = path(value);
      case "--token-cache" -> tokenCache = path(value);
      default -> throw new IllegalStateException("no global option " + option);
    }
  }

  /** A file option's value: any path the platform can name. */
  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException("'" + value + "' is not a file path: " + e.getReason());
    }
  }

  /** Where MSAL's HTTP calls go; tests route it to a local identity endpoint. */
  @Nullable OkHttpClient identityHttpClient;

  TokenSource tokenSource(GraphCloud cloud, Map<String, String> env, PrintWriter err, boolean terminal) {
    return msal(cloud, env, err, terminal, false);
  }

  int login(ExchangeSyncCli cli) throws GraphException {
    MsalTokenSource source = msal(cli.cloud, cli.env, cli.err, true, true);
    Format format = cli.format("login", false, false);
    String user = source.signIn();
    String cache = source.tokenCacheDescription().orElse("memory");
    switch (format) {
      case JSON -> cli.out.println("{\"user\":" + Output.jsonString(user)
          + ",\"tokenCache\":" + Output.jsonString(cache) + "}");
      case TSV -> cli.out.println("user\ttokenCache\n" + Output.safe(user) + "\t"
          + Output.safe(cache));
      case TABLE -> cli.out.println("Signed in as " + user + ". Tokens are cached in "
          + cache + ".");
      default -> {
        // none
      }
    }
    return ExchangeSyncCli.OK;
  }

  int logout(ExchangeSyncCli cli) throws GraphException {
    MsalTokenSource source = msal(cli.cloud, cli.env, cli.err, false, true);
    Format format = cli.format("logout", false, false);
    List<String> removed = source.signOut();
    switch (format) {
      case JSON -> cli.out.println("{\"signedOut\":[" + removed.stream()
          .map(Output::jsonString).collect(java.util.stream.Collectors.joining(",")) + "]}");
      case TSV -> removed.forEach(user -> cli.out.println(Output.safe(user)));
      case TABLE -> cli.out.println(removed.isEmpty() ? "No account was signed in."
          : "Signed out " + String.join(", ", removed) + ".");
      default -> {
        // none
      }
    }
    return ExchangeSyncCli.OK;
  }

  private MsalTokenSource msal(GraphCloud cloud, Map<String, String> env, PrintWriter err, boolean interactive,
      boolean delegatedOnly) {
    String tenantId = tenant != null ? tenant : env.get("AZURE_TENANT_ID");
    String client = clientId != null ? clientId : env.get("AZURE_CLIENT_ID");
    Flow chosen = flow != null ? flow
        : secretFile != null || secretVariable != null ? Flow.CLIENT_SECRET
        : certificate != null ? Flow.CLIENT_CERTIFICATE
        : federatedTokenFile != null ? Flow.WORKLOAD_IDENTITY
        : delegatedOnly ? Flow.DEVICE_CODE
        // As azure-identity's EnvironmentCredential and WorkloadIdentityCredential choose:
        : isSet(env, SECRET_VARIABLE) ? Flow.CLIENT_SECRET
        : isSet(env, CERTIFICATE_VARIABLE) ? Flow.CLIENT_CERTIFICATE
        : isSet(env, FEDERATED_TOKEN_VARIABLE) ? Flow.WORKLOAD_IDENTITY : Flow.DEVICE_CODE;
    if (delegatedOnly && chosen.appOnly()) {
      throw usage("login and logout are for people (--auth device-code or browser); --auth " + chosen.id
          + " signs in on every run and keeps nothing");
    }
    if (chosen == Flow.MANAGED_IDENTITY) {
      // Direct, never through a proxy (as azure-identity does): managed identity endpoints are on this machine
      // (App Service, Arc) or link-local (the instance metadata service, 169.254.169.254).
      OkHttpClient direct = (identityHttpClient != null ? identityHttpClient.newBuilder() : new OkHttpClient.Builder())
          .proxy(Proxy.NO_PROXY).build();
      return (client == null ? MsalTokenSource.managedIdentity() : MsalTokenSource.managedIdentity(client))
          .cloud(cloud).httpClient(direct).build();
    }
    if (flow == null && tenantId == null && client == null && !delegatedOnly) {
      throw new ExchangeSyncCli.CliFailure(ExchangeSyncCli.AUTH, "no credentials: set "
          + ExchangeSyncCli.TOKEN_VARIABLE + " to a Graph access token, or sign in with --tenant and --client-id"
          + " (see --help), or try the tool offline with --sandbox");
    }
    if (tenantId == null) {
      throw usage("--tenant is required for --auth " + chosen.id + " (or set AZURE_TENANT_ID)");
    }
    if (client == null) {
      throw usage("--client-id is required for --auth " + chosen.id + " (or set AZURE_CLIENT_ID)");
    }
    MsalTokenSource.Builder builder = switch (chosen) {
      case DEVICE_CODE -> MsalTokenSource.deviceCode(tenantId, client);
      case BROWSER -> MsalTokenSource.browser(tenantId, client);
      case CLIENT_SECRET -> MsalTokenSource.clientSecret(tenantId, client, secret(env));
      case CLIENT_CERTIFICATE -> MsalTokenSource.clientCertificate(tenantId, client, certificate(env));
      case WORKLOAD_IDENTITY -> MsalTokenSource.workloadIdentity(tenantId, client, federatedTokenFile(env));
      case MANAGED_IDENTITY -> throw new IllegalStateException("handled above");
    };
    builder.cloud(cloud)
        .interactionAllowed(interactive)
        .signInAdvice("exchange-sync login")
        .deviceCodePrompt(prompt -> {
          err.println(prompt.message());
          err.flush();
        });
    if (!chosen.appOnly()) {
      builder.tokenCache(tokenCache != null ? tokenCache : defaultTokenCache(env)).tokenStoreName("exchange-sync");
    }
    if (identityHttpClient != null) {
      builder.httpClient(identityHttpClient);
    }
    return builder.build();
  }

  private static Path defaultTokenCache(Map<String, String> env) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".exchange-sync", "token-cache.json");
  }

  private String secret(Map<String, String> env) {
    if (secretFile != null && secretVariable != null) {
      throw usage("give --client-secret-file or --client-secret-env, not both");
    }
    if (secretFile == null && secretVariable == null && !isSet(env, SECRET_VARIABLE)) {
      throw usage("--auth client-secret needs --client-secret-file, --client-secret-env or " + SECRET_VARIABLE);
    }
    return secretFile != null ? readSecretFile(secretFile, "client secret file")
        : variable(env, secretVariable != null ? secretVariable : SECRET_VARIABLE, "--client-secret-env");
  }

  private ClientCertificate certificate(Map<String, String> env) {
    Path file = certificate != null ? certificate
        : isSet(env, CERTIFICATE_VARIABLE) ? Path.of(env.get(CERTIFICATE_VARIABLE).strip()) : null;
    if (file == null) {
      throw usage("--auth client-certificate needs --certificate FILE or " + CERTIFICATE_VARIABLE);
    }
    if (certificatePasswordFile != null && certificatePasswordVariable != null) {
      throw usage("give --certificate-password-file or --certificate-password-env, not both");
    }
    String password = certificatePasswordFile != null ? readSecretFile(certificatePasswordFile, "password file")
        : certificatePasswordVariable != null ? variable(env, certificatePasswordVariable, "--certificate-password-env")
        : env.getOrDefault(CERTIFICATE_PASSWORD_VARIABLE, "");
    return ClientCertificate.fromFile(file, password.toCharArray());
  }

  private Path federatedTokenFile(Map<String, String> env) {
    if (federatedTokenFile != null) {
      return federatedTokenFile;
    }
    if (!isSet(env, FEDERATED_TOKEN_VARIABLE)) {
      throw usage("--auth workload-identity needs --federated-token-file FILE or " + FEDERATED_TOKEN_VARIABLE);
    }
    return Path.of(env.get(FEDERATED_TOKEN_VARIABLE).strip());
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }

  private static String variable(Map<String, String> env, String name, String option) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw usage(option + " names " + name + ", which is not set or empty");
    }
    return value.strip();
  }

  private static String readSecretFile(Path file, String what) {
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (value.isEmpty()) {
        throw usage(what + " " + file + " is empty");
      }
      return value;
    } catch (IOException e) {
      throw usage(what + " " + file + " cannot be read: " + (e instanceof java.nio.file.NoSuchFileException
          ? "no such file" : e.getMessage()));
    }
  }

  private static ExchangeSyncCli.CliFailure usage(String message) {
    return new ExchangeSyncCli.CliFailure(ExchangeSyncCli.USAGE, message);
  }
}
