package dev.exchangesync.auth;

import com.microsoft.aad.msal4j.ClaimsRequest;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.InteractiveRequestParameters;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.SystemBrowserOptions;
import dev.exchangesync.AuthenticationException;
import dev.exchangesync.GraphCloud;
import dev.exchangesync.GraphException;
import dev.exchangesync.IdentityKind;
import dev.exchangesync.TokenRequest;
import dev.exchangesync.TokenSource;
import dev.exchangesync.internal.Checks;
import dev.exchangesync.internal.generated.api.ExchangeConnectorsApi;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Graph tokens from Microsoft Entra ID through MSAL4J: a person signs in with a device code or the browser, a
 * daemon with a client secret or certificate.
 *
 * <pre>{@code
 * TokenSource tokens = MsalTokenSource.deviceCode("contoso.onmicrosoft.com", clientId)
 *     .tokenCache(Path.of(System.getProperty("user.home"), ".myapp", "token-cache.json"))
 *     .deviceCodePrompt(prompt -> System.err.println(prompt.message()))
 *     .build();
 * }</pre>
 *
 * <p>Silent first: a token is reused until {@link Builder#refreshMargin} before it expires, then renewed with
 * the cached refresh token; a person is asked to sign in only when that fails. Concurrent callers wait for one
 * acquisition instead of starting one each. After Graph rejects a token ({@code 401}), or sends a claims
 * challenge, exactly one fresh token is fetched. Thread-safe.
 */
public final class MsalTokenSource implements TokenSource {
  /** How a token is obtained. */
  public enum Flow {
    /** A person enters a code on another device (delegated). */
    DEVICE_CODE,
    /** A person signs in in the system browser, redirected back to a loopback port (delegated). */
    BROWSER,
    /** The app itself with a client secret (app-only). */
    CLIENT_SECRET,
    /** The app itself with a certificate (app-only). */
    CLIENT_CERTIFICATE,
    /**
     * The app itself with a federated token read from a file, as on AKS and CI runners: workload identity
     * federation (app-only, no secret).
     */
    WORKLOAD_IDENTITY,
    /** The managed identity of the Azure resource this runs on, system- or user-assigned (app-only, no secret). */
    MANAGED_IDENTITY
  }

  /** What stands for the tenant and the client id of a managed identity in messages. */
  private static final String MANAGED = "managed-identity";
  /** Where a managed identity's tokens come from, for messages. */
  private static final String MANAGED_ENDPOINT = "of the managed identity (IDENTITY_ENDPOINT, or the instance"
      + " metadata service)";

  /** What a person's token asks for: the least privileged permission that allows every operation (sync). */
  static final String DELEGATED_PERMISSION = ExchangeConnectorsApi.PERMISSIONS.get("syncExchangeConnector").get(0);
  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final Flow flow;
  private final String tenant;
  private final String clientId;
  private final GraphCloud cloud;
  private final Set<String> scopes;
  private final @Nullable PublicClientApplication publicApp;
  private final @Nullable ConfidentialClientApplication confidentialApp;
  private final @Nullable ManagedIdentityApplication managedApp;
  private final TokenCaches.@Nullable Choice tokenCache;
  private final Consumer<DeviceCodePrompt> deviceCodePrompt;
  private final @Nullable Consumer<URL> browser;
  private final boolean interactionAllowed;
  private final String signInAdvice;
  private final Duration refreshMargin;
  private final Duration signInTimeout;
  private final Clock clock;
  private final ExecutorService executor;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile @Nullable Cached cached;
  private volatile int acquisitions;

  private MsalTokenSource(Builder builder) {
    this.flow = builder.flow;
    this.tenant = builder.tenant;
    this.clientId = builder.clientId;
    this.cloud = builder.cloud;
    this.deviceCodePrompt = builder.deviceCodePrompt;
    this.browser = builder.browser;
    this.interactionAllowed = builder.interactionAllowed;
    this.signInAdvice = builder.signInAdvice;
    this.refreshMargin = builder.refreshMargin;
    this.signInTimeout = builder.signInTimeout;
    this.clock = builder.clock;
    this.tokenCache = builder.tokenCache != null && !isAppOnly(builder.flow)
        ? TokenCaches.open(builder.tokenCache, builder.tokenStoreName) : null;
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "msal-sign-in");
      thread.setDaemon(true);
      return thread;
    });
    OkHttpMsalClient http = new OkHttpMsalClient(builder.httpClient != null ? builder.httpClient : new OkHttpClient());
    String authority = "https://" + cloud.loginHost() + "/" + tenant + "/";
    try {
      if (flow == Flow.MANAGED_IDENTITY) {
        this.scopes = Set.of(cloud.graphUrl()); // a managed identity asks for a resource, not scopes
        this.publicApp = null;
        this.confidentialApp = null;
        this.managedApp = ManagedIdentityApplication.builder(builder.userAssigned == null
                ? ManagedIdentityId.systemAssigned() : ManagedIdentityId.userAssignedClientId(builder.userAssigned))
            .httpClient(http).executorService(executor).build();
      } else if (isAppOnly(flow)) {
        this.scopes = Set.of(cloud.defaultScope());
        this.publicApp = null;
        this.managedApp = null;
        this.confidentialApp = ConfidentialClientApplication.builder(clientId, Objects.requireNonNull(builder.credential))
            .authority(authority).instanceDiscovery(false).httpClient(http).executorService(executor).build();
      } else {
        this.managedApp = null;
        this.scopes = Set.of(cloud.graphUrl() + "/" + DELEGATED_PERMISSION);
        this.confidentialApp = null;
        PublicClientApplication.Builder app = PublicClientApplication.builder(clientId)
            .authority(authority).instanceDiscovery(false).httpClient(http).executorService(executor);
        if (tokenCache != null) {
          app.setTokenCacheAccessAspect(tokenCache.aspect());
        }
        this.publicApp = app.build();
      }
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("tenant '" + tenant + "' does not make a valid authority URL", e);
    }
  }

  /** A person signs in by entering a code at a web page, on any device: the default for terminals. */
  public static Builder deviceCode(String tenant, String clientId) {
    return new Builder(Flow.DEVICE_CODE, tenant, clientId, null);
  }

  /** A person signs in in the system browser, which redirects back to a loopback port of this machine. */
  public static Builder browser(String tenant, String clientId) {
    return new Builder(Flow.BROWSER, tenant, clientId, null);
  }

  /** The app signs in with a client secret: for cron jobs and daemons (application permission). */
  public static Builder clientSecret(String tenant, String clientId, String secret) {
    Objects.requireNonNull(secret, "secret == null");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("the client secret is empty");
    }
    return new Builder(Flow.CLIENT_SECRET, tenant, clientId, ClientCredentialFactory.createFromSecret(secret.strip()));
  }

  /** The app signs in with a certificate: for cron jobs and daemons (application permission). */
  public static Builder clientCertificate(String tenant, String clientId, ClientCertificate certificate) {
    Objects.requireNonNull(certificate, "certificate == null");
    return new Builder(Flow.CLIENT_CERTIFICATE, tenant, clientId,
        ClientCredentialFactory.createFromCertificateChain(certificate.privateKey(), certificate.chain()));
  }

  /**
   * The app signs in with a federated token from {@code tokenFile}, e.g. the service account token that AKS
   * projects into a pod ({@code AZURE_FEDERATED_TOKEN_FILE}) or a CI runner's OIDC token: workload identity
   * federation, with no secret to keep. The file is read afresh for every token request, as its token is rotated.
   */
  public static Builder workloadIdentity(String tenant, String clientId, Path tokenFile) {
    Objects.requireNonNull(tokenFile, "tokenFile == null");
    Path file = tokenFile.toAbsolutePath();
    return new Builder(Flow.WORKLOAD_IDENTITY, tenant, clientId,
        ClientCredentialFactory.createFromCallback(() -> readFederatedToken(file)));
  }

  /**
   * The system-assigned managed identity of the Azure resource this runs on (VM, App Service, Functions, Container
   * Apps, Arc): no secret and no app registration. MSAL finds the endpoint from the environment
   * ({@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}, and the like), else the instance metadata service.
   */
  public static Builder managedIdentity() {
    return new Builder(Flow.MANAGED_IDENTITY, null, null, null);
  }

  /** A user-assigned managed identity of the Azure resource this runs on, by its client id. */
  public static Builder managedIdentity(String clientId) {
    Objects.requireNonNull(clientId, "clientId == null");
    Builder builder = new Builder(Flow.MANAGED_IDENTITY, null, clientId, null);
    builder.userAssigned = clientId;
    return builder;
  }

  /** The federated token in {@code file}, read now; a failure names the file and never quotes its content. */
  private static String readFederatedToken(Path file) throws AuthenticationException {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new AuthenticationException("the federated token file " + file + " does not exist: check"
          + " AZURE_FEDERATED_TOKEN_FILE, or that the workload identity is set up for this pod or job", null);
    } catch (IOException | RuntimeException e) {
      throw new AuthenticationException("cannot read the federated token file " + file + ": "
          + e.getClass().getSimpleName(), null);
    }
    if (token.isEmpty()) {
      throw new AuthenticationException("the federated token file " + file + " is empty", null);
    }
    return token;
  }

  @Override
  public String token(TokenRequest request) throws GraphException {
    lock.lock();
    try {
      Cached current = cached;
      boolean rejected = request.rejectedToken() != null && current != null
          && current.token.equals(request.rejectedToken());
      if (current != null && !rejected && request.claims() == null
          && current.expiresOn.minus(refreshMargin).isAfter(clock.instant())) {
        return current.token;
      }
      IAuthenticationResult result = acquire(rejected || request.claims() != null, request.claims(), false);
      cached = new Cached(result.accessToken(), result.expiresOnDate().toInstant());
      return result.accessToken();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Signs a person in now, even when the cache holds an account, and keeps the tokens in the cache.
   *
   * @return the signed-in user name
   * @throws IllegalStateException for app-only flows, which have nobody to sign in
   */
  public String signIn() throws GraphException {
    if (isAppOnly()) {
      throw new IllegalStateException("app-only sign-in (" + flow + ") needs no login: it signs in on each run");
    }
    lock.lock();
    try {
      IAuthenticationResult result = acquire(false, null, true);
      cached = new Cached(result.accessToken(), result.expiresOnDate().toInstant());
      return result.account() != null ? result.account().username() : "(unknown user)";
    } finally {
      lock.unlock();
    }
  }

  /** The user names of the accounts in the token cache. */
  public List<String> accounts() throws GraphException {
    List<String> names = new ArrayList<>();
    if (publicApp != null) {
      for (IAccount account : await(publicApp.getAccounts(), Duration.ofSeconds(30))) {
        names.add(account.username());
      }
    }
    return names;
  }

  /** Removes every account and its tokens from the token cache; returns the user names removed. */
  public List<String> signOut() throws GraphException {
    lock.lock();
    try {
      List<String> removed = new ArrayList<>();
      if (publicApp != null) {
        for (IAccount account : await(publicApp.getAccounts(), Duration.ofSeconds(30))) {
          await(publicApp.removeAccount(account), Duration.ofSeconds(30));
          removed.add(account.username());
        }
      }
      cached = null;
      return removed;
    } finally {
      lock.unlock();
    }
  }

  /** Where delegated tokens are kept between runs, in words, e.g. an owner-only file and why; empty for memory. */
  public Optional<String> tokenCacheDescription() {
    return Optional.ofNullable(tokenCache).map(TokenCaches.Choice::description);
  }

  /** How many times a token was fetched from the identity platform (silent renewals included). */
  public int acquisitions() {
    return acquisitions;
  }

  @Override
  public IdentityKind identityKind() {
    return isAppOnly() ? IdentityKind.APPLICATION : IdentityKind.DELEGATED;
  }

  @Override
  public Optional<GraphCloud> cloud() {
    return Optional.of(cloud);
  }

  @Override
  public String toString() {
    return "MsalTokenSource{" + flow + ", tenant=" + tenant + ", clientId=" + clientId + ", cloud=" + cloud.id() + "}";
  }

  private boolean isAppOnly() {
    return isAppOnly(flow);
  }

  private static boolean isAppOnly(Flow flow) {
    return flow != Flow.DEVICE_CODE && flow != Flow.BROWSER;
  }

  private IAuthenticationResult acquire(boolean forceRefresh, @Nullable String claims, boolean interactive)
      throws GraphException {
    acquisitions++;
    ClaimsRequest claimsRequest = claims != null ? ClaimsRequest.formatAsClaimsRequest(claims) : null;
    if (managedApp != null) {
      ManagedIdentityParameters.ManagedIdentityParametersBuilder parameters =
          ManagedIdentityParameters.builder(cloud.graphUrl()).forceRefresh(forceRefresh);
      if (claims != null) {
        parameters.claims(claims);
      }
      CompletableFuture<IAuthenticationResult> future;
      try {
        future = managedApp.acquireTokenForManagedIdentity(parameters.build());
      } catch (Exception e) {
        throw MsalErrors.map(e, tenant, clientId, MANAGED_ENDPOINT, signInAdvice);
      }
      return await(future, Duration.ofMinutes(2));
    }
    if (confidentialApp != null) {
      ClientCredentialParameters.ClientCredentialParametersBuilder parameters =
          ClientCredentialParameters.builder(scopes).skipCache(forceRefresh);
      if (claimsRequest != null) {
        parameters.claims(claimsRequest);
      }
      return await(confidentialApp.acquireToken(parameters.build()), Duration.ofMinutes(2));
    }
    PublicClientApplication app = Objects.requireNonNull(publicApp);
    List<IAccount> accounts = interactive ? List.of()
        : List.copyOf(await(app.getAccounts(), Duration.ofSeconds(30)));
    if (!accounts.isEmpty()) {
      try {
        SilentParameters.SilentParametersBuilder parameters =
            SilentParameters.builder(scopes, accounts.get(0)).forceRefresh(forceRefresh);
        if (claimsRequest != null) {
          parameters.claims(claimsRequest);
        }
        return app.acquireTokenSilently(parameters.build()).get(2, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof MsalInteractionRequiredException
            || e.getCause() instanceof MsalServiceException service && "invalid_grant".equals(service.errorCode()))) {
          throw MsalErrors.map(e, tenant, clientId, cloud.loginHost(), signInAdvice);
        }
        // The refresh token no longer works: a person must sign in again.
      } catch (MalformedURLException | TimeoutException e) {
        throw MsalErrors.map(e, tenant, clientId, cloud.loginHost(), signInAdvice);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AuthenticationException("sign-in was interrupted", e);
      }
    }
    if (!interactive && !interactionAllowed) {
      throw new AuthenticationException(accounts.isEmpty()
          ? "not signed in: the token cache holds no account; sign in first (" + signInAdvice + ")"
          : "the saved sign-in of " + accounts.get(0).username() + " has expired; sign in again (" + signInAdvice
              + ")",
          null);
    }
    if (flow == Flow.DEVICE_CODE) {
      DeviceCodeFlowParameters.DeviceCodeFlowParametersBuilder parameters = DeviceCodeFlowParameters.builder(scopes,
          code -> deviceCodePrompt.accept(new DeviceCodePrompt(code.verificationUri(), code.userCode(),
              code.message(), Duration.ofSeconds(code.expiresIn()))));
      if (claimsRequest != null) {
        parameters.claims(claimsRequest);
      }
      return await(app.acquireToken(parameters.build()), signInTimeout);
    }
    InteractiveRequestParameters.InteractiveRequestParametersBuilder parameters =
        InteractiveRequestParameters.builder(URI.create("http://localhost")).scopes(scopes);
    if (claimsRequest != null) {
      parameters.claims(claimsRequest);
    }
    if (browser != null) {
      Consumer<URL> open = browser;
      parameters.systemBrowserOptions(SystemBrowserOptions.builder().openBrowserAction(open::accept).build());
    }
    return await(app.acquireToken(parameters.build()), signInTimeout);
  }

  private <T> T await(CompletableFuture<T> future, Duration timeout) throws GraphException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw MsalErrors.map(e, tenant, clientId, managedApp != null ? MANAGED_ENDPOINT : cloud.loginHost(),
          signInAdvice);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AuthenticationException("sign-in did not finish within " + timeout.toMinutes() + " min", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new AuthenticationException("sign-in was canceled", e);
    }
  }

  private record Cached(String token, Instant expiresOn) {
    @Override
    public String toString() {
      return "Cached{expiresOn=" + expiresOn + "}";
    }
  }

  /** Configures an {@link MsalTokenSource}. */
  public static final class Builder {
    /** The name of the platform store's entry unless {@link #tokenStoreName} sets another. */
    public static final String DEFAULT_TOKEN_STORE_NAME = "exchange-connector-sync";

    /**
     * Five minutes: a token is renewed this long before it expires, so that a call started just before expiry
     * still carries a valid token, with room for clock skew. MSAL uses the same margin for its own cache.
     */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);
    /** Twenty minutes: a device code lives fifteen; the browser flow gets as long. */
    public static final Duration DEFAULT_SIGN_IN_TIMEOUT = Duration.ofMinutes(20);
    /** What a failure that needs a person to sign in again advises by default. */
    public static final String DEFAULT_SIGN_IN_ADVICE = "call MsalTokenSource.signIn() where a person can sign in";

    private final Flow flow;
    private final String tenant;
    private final String clientId;
    private final @Nullable IClientCredential credential;
    private @Nullable String userAssigned;
    private GraphCloud cloud = GraphCloud.GLOBAL;
    private @Nullable Path tokenCache;
    private String tokenStoreName = DEFAULT_TOKEN_STORE_NAME;
    private Consumer<DeviceCodePrompt> deviceCodePrompt = prompt -> System.err.println(prompt.message());
    private @Nullable Consumer<URL> browser;
    private boolean interactionAllowed = true;
    private String signInAdvice = DEFAULT_SIGN_IN_ADVICE;
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private Duration signInTimeout = DEFAULT_SIGN_IN_TIMEOUT;
    private @Nullable OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();

    private Builder(Flow flow, @Nullable String tenant, @Nullable String clientId,
        @Nullable IClientCredential credential) {
      if (flow == Flow.MANAGED_IDENTITY) {
        tenant = MANAGED;
        clientId = clientId != null ? clientId : MANAGED;
      }
      Objects.requireNonNull(tenant, "tenant == null");
      Objects.requireNonNull(clientId, "clientId == null");
      if (!TENANT.matcher(tenant).matches()) {
        throw new IllegalArgumentException("tenant '" + tenant + "' is not a tenant id or domain name");
      }
      if (!CLIENT_ID.matcher(clientId).matches()) {
        throw new IllegalArgumentException("client id '" + clientId + "' is not an application (client) id");
      }
      this.flow = flow;
      this.tenant = tenant;
      this.clientId = clientId;
      this.credential = credential;
    }

    /** The cloud to sign in to; its Graph host is the only one the tokens are sent to. */
    public Builder cloud(GraphCloud cloud) {
      this.cloud = Objects.requireNonNull(cloud, "cloud == null");
      return this;
    }

    /**
     * Keeps delegated tokens between runs, so a sign-in today serves tomorrow's runs: in the platform's encrypted
     * store (DPAPI, Keychain, libsecret) when msal4j-persistence-extension is on the classpath and works here,
     * otherwise in this file, readable by its owner only ({@code 0600}). Without it, tokens live only as long
     * as this object. App-only flows keep nothing.
     */
    public Builder tokenCache(Path file) {
      this.tokenCache = Objects.requireNonNull(file, "file == null");
      return this;
    }

    /**
     * The application's name for its entry in the platform's encrypted store ({@link #tokenCache}): the Keychain
     * service on macOS, the label and {@code application} attribute of the libsecret item on Linux. The entry is
     * also told apart by the cache file's path. By default {@value #DEFAULT_TOKEN_STORE_NAME}.
     *
     * @throws IllegalArgumentException when the name is blank, longer than 100 characters or holds a control
     *     character
     */
    public Builder tokenStoreName(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("token store name must be 1-100 printable characters, not blank");
      }
      this.tokenStoreName = name;
      return this;
    }

    /** Receives the device-code instructions to show the person; by default printed to stderr. */
    public Builder deviceCodePrompt(Consumer<DeviceCodePrompt> prompt) {
      this.deviceCodePrompt = Objects.requireNonNull(prompt, "prompt == null");
      return this;
    }

    /** Opens the browser sign-in page; by default the system browser. */
    public Builder openBrowser(Consumer<URL> browser) {
      this.browser = Objects.requireNonNull(browser, "browser == null");
      return this;
    }

    /**
     * Whether a person may be asked to sign in when silent renewal fails (default true). Turn it off where
     * nobody is watching, e.g. cron: the call then fails at once instead of waiting for a sign-in.
     */
    public Builder interactionAllowed(boolean allowed) {
      this.interactionAllowed = allowed;
      return this;
    }

    /**
     * What the message of a failure that needs a person to sign in again tells them to do, e.g. the command of
     * your tool that signs in (default: {@value #DEFAULT_SIGN_IN_ADVICE}).
     */
    public Builder signInAdvice(String advice) {
      Objects.requireNonNull(advice, "advice == null");
      if (advice.isBlank() || advice.lines().count() != 1) {
        throw new IllegalArgumentException("signInAdvice must be one line of text");
      }
      this.signInAdvice = advice.strip();
      return this;
    }

    /** How long before expiry a token is renewed. */
    public Builder refreshMargin(Duration margin) {
      this.refreshMargin = Checks.notNegative(margin, "refreshMargin");
      return this;
    }

    /** Longest wait for a person to finish signing in. */
    public Builder signInTimeout(Duration timeout) {
      this.signInTimeout = Checks.positive(timeout, "signInTimeout");
      return this;
    }

    /** The HTTP client for calls to the identity platform, e.g. to share a proxy setting. */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
      return this;
    }

    Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Creates the token source; nothing is sent until the first token is needed. */
    public MsalTokenSource build() {
      return new MsalTokenSource(this);
    }
  }
}
