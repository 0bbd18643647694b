package dev.exchangesync.cli;

import dev.exchangesync.ApiVersion;
import dev.exchangesync.AuthenticationException;
import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.GraphCloud;
import dev.exchangesync.GraphException;
import dev.exchangesync.TokenSource;
import dev.exchangesync.sandbox.GraphSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** {@code exchange-sync}: sync, list and check Intune Exchange connectors from a terminal or cron. */
public final class ExchangeSyncCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int AUTH = 3;

  static final String TOKEN_VARIABLE = "GRAPH_ACCESS_TOKEN";

  static final List<String> DESCRIPTION = List.of(
      "Syncs Intune Exchange connectors through Microsoft Graph, and checks their health.");
  static final List<String> EXAMPLES = List.of(
      "exchange-sync --sandbox sync --all --skip-disconnected --wait",
      "exchange-sync login --tenant contoso.onmicrosoft.com --client-id $APP_ID",
      "exchange-sync status -o nagios --warning 12h --critical 24h",
      "exchange-sync help sync");
  static final List<String> NOTES = List.of(
      "Credentials: GRAPH_ACCESS_TOKEN, when set, is used as the bearer token as it is; otherwise --auth signs in"
          + " with MSAL (see --auth for the environment variables it reads). --sandbox needs none.",
      "Exit codes: 0 success, 1 Graph or network failure (sign-in service unreachable included) or unhealthy"
          + " status, 2 bad usage or input (nothing was sent), 3 authentication failure (credentials refused)."
          + " With -o nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");

  /** Global options under one heading of the tool's help. */
  record OptionGroup(String heading, List<Option> options) {
  }

  GraphCloud cloud = GraphCloud.GLOBAL;
  ApiVersion apiVersion = ApiVersion.V1_0;
  @Nullable String graphUrl;
  final List<String> allowedHosts = new ArrayList<>();
  boolean sandbox;
  Format output = Format.TABLE;
  boolean quiet;
  boolean wide;
  final AuthOptions auth = new AuthOptions();

  final PrintWriter out;
  final PrintWriter err;
  final Map<String, String> env;
  final boolean terminal;
  private final List<OptionGroup> optionGroups = List.of(
      new OptionGroup("Graph options", List.of(
          Option.value("--cloud", "CLOUD", "National cloud: global, usgov, usgov-dod or china (default: global).")
              .completing(cloudIds()),
          Option.value("--api-version", "VERSION", "Graph API version: v1.0 or beta (default: v1.0).")
              .completing(apiVersions()),
          Option.value("--graph-url", "URL", "Graph root URL, overriding the cloud's (e.g."
              + " https://graph.microsoft.com); the API version is appended. https only, except for loopback"
              + " addresses."),
          Option.value("--allow-host", "HOST", "Let the access token go to HOST, the --graph-url host, although it"
              + " is not the Graph host of a Microsoft cloud (e.g. a gateway of your own). Repeatable.").repeatable(),
          Option.flag("--sandbox", "Run against an embedded Graph sandbox on a loopback port: no tenant, no"
              + " credentials."))),
      new OptionGroup("Sign-in options (when GRAPH_ACCESS_TOKEN is not set)", AuthOptions.OPTIONS),
      new OptionGroup("Output options", List.of(
          Option.value("-o,--output", "FORMAT", "table (default), json, tsv or none; status also nagios or"
              + " prometheus.").completing(Format.ids()),
          Option.flag("-q,--quiet", "Print nothing on stdout (as -o none): the exit code tells, failures still go"
              + " to stderr."),
          Option.flag("--wide", "Tables in full: no column is cut to fit the terminal's width."),
          Option.flag("-v,--verbose", "Log each HTTP exchange and retry to stderr (tokens redacted)."))));
  private final List<Option> options = new ArrayList<>();
  private final List<Command> commands = List.of(new ListCommand(this), new GetCommand(this),
      new SyncCommand(this), new StatusCommand(this), new LoginCommand(this), new LogoutCommand(this),
      new CompletionCommand(this), new HelpCommand(this), new TrainCommand(this));

  private int terminalWidth = -1;
  private @Nullable GraphSandbox runningSandbox;
  private @Nullable ExchangeConnectorClient client;
  private @Nullable OkHttpClient http;

  private ExchangeSyncCli(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal,
      @Nullable OkHttpClient identityHttpClient) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.terminal = terminal;
    auth.identityHttpClient = identityHttpClient;
    for (OptionGroup group : optionGroups) {
      options.addAll(group.options());
    }
  }

  /** Runs the tool and exits with its exit code. */
  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    // MSAL's failures reach the user as one line of ours; its own log lines quote what it failed to parse.
    System.setProperty("org.slf4j.simpleLogger.log.com.microsoft.aad.msal4j", "off");
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, System.getenv(), System.console() != null));
  }

  /** Runs the tool with the given streams and environment; returns the exit code. Never calls System.exit. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {
    return run(args, out, err, env, terminal, null);
  }

  static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal,
      @Nullable OkHttpClient identityHttpClient) {
    boolean nagios = asksForNagios(args);
    ExchangeSyncCli cli = new ExchangeSyncCli(out, err, env, terminal, identityHttpClient);
    try {
      Arguments.Invocation invocation = Arguments.parse(cli, args);
      if (invocation.help()) {
        out.print(Help.of(cli, invocation.command(), cli.helpWidth()));
        return OK;
      }
      if (invocation.version()) {
        out.println("exchange-sync " + ExchangeConnectorClient.VERSION);
        return OK;
      }
      if (invocation.command() == null) {
        out.print(Help.of(cli, null, cli.helpWidth()));
        return USAGE;
      }
      return invocation.command().call();
    } catch (UsageException e) {
      if (nagios) { // a plugin's bad usage is UNKNOWN too, and the usual lines follow on stderr
        nagiosUnknown(out, e);
      }
      err.println("exchange-sync: " + Output.safe(e.getMessage(), Output.MAX_MESSAGE));
      if (e.suggestion() != null) {
        err.println("Did you mean " + e.suggestion() + "?");
      }
      err.println("See 'exchange-sync" + (e.command() == null ? "" : " " + e.command().name()) + " --help'.");
      return nagios ? StatusCommand.NAGIOS_UNKNOWN : USAGE;
    } catch (Exception e) {
      if (nagios) {
        nagiosUnknown(out, e);
        return StatusCommand.NAGIOS_UNKNOWN;
      }
      err.println("exchange-sync: " + Output.safe(e.getMessage(), Output.MAX_MESSAGE));
      return exitCodeOf(e);
    } finally {
      cli.close();
      out.flush();
      err.flush();
    }
  }

  /** A plugin's failure to check: UNKNOWN, said on stdout where Nagios reads it. */
  static void nagiosUnknown(PrintWriter out, Exception e) {
    out.println("EXCHANGE CONNECTORS UNKNOWN - " + Output.safe(e.getMessage(), Output.MAX_MESSAGE));
  }

  /**
   * Reads a command line without running it: for tests of the examples in help and README.
   *
   * @throws UsageException when it is not a valid command line
   */
  static Arguments.Invocation parse(String... args) {
    return Arguments.parse(silent(Map.of()), args);
  }

  /** A tool that has read {@code args} in {@code env}, ready to run; its output goes nowhere. For tests. */
  static ExchangeSyncCli parsed(Map<String, String> env, String... args) {
    ExchangeSyncCli cli = silent(env);
    Arguments.parse(cli, args);
    return cli;
  }

  private static ExchangeSyncCli silent(Map<String, String> env) {
    PrintWriter nowhere = new PrintWriter(PrintWriter.nullWriter());
    return new ExchangeSyncCli(nowhere, nowhere, env, false, null);
  }

  /** The global options, in the order help lists them. */
  List<OptionGroup> optionGroups() {
    return optionGroups;
  }

  /** Every global option. */
  List<Option> options() {
    return options;
  }

  /**
   * Sets a global option, named by {@link Option#name()}; {@code value} is empty for a flag.
   *
   * @throws IllegalArgumentException when the value is not one the option takes, saying why
   */
  void set(String option, String value) {
    switch (option) {
      case "--cloud" -> cloud = GraphCloud.fromId(value);
      case "--api-version" -> apiVersion = ApiVersion.fromPathSegment(value);
      case "--graph-url" -> graphUrl = value;
      case "--allow-host" -> allowedHosts.add(value);
      case "--sandbox" -> sandbox = true;
      case "--output" -> output = Format.fromId(value);
      case "--quiet" -> quiet = true;
      case "--wide" -> wide = true;
      case "--verbose" -> {
        // Read by slf4j-simple when the first logger is made, after the command line: the client logs exchanges.
        System.setProperty("org.slf4j.simpleLogger.log.dev.exchangesync", "debug");
      }
      default -> auth.set(option, value);
    }
  }

  List<Command> commands() {
    return commands;
  }

  /** The ids --cloud takes. */
  private static List<String> cloudIds() {
    List<String> ids = new ArrayList<>();
    for (GraphCloud cloud : GraphCloud.values()) {
      ids.add(cloud.id());
    }
    return ids;
  }

  /** The versions --api-version takes. */
  private static List<String> apiVersions() {
    List<String> versions = new ArrayList<>();
    for (ApiVersion version : ApiVersion.values()) {
      versions.add(version.pathSegment());
    }
    return versions;
  }

  /** The commands people use (not the hidden ones), in the order help lists them. */
  List<Command> visibleCommands() {
    List<Command> visible = new ArrayList<>();
    for (Command command : commands) {
      if (!command.hidden()) {
        visible.add(command);
      }
    }
    return visible;
  }

  /** The names of {@link #visibleCommands()}. */
  List<String> commandNames() {
    List<String> names = new ArrayList<>();
    for (Command command : visibleCommands()) {
      names.add(command.name());
    }
    return names;
  }

  /** The command of that name, or null. */
  @Nullable Command command(String name) {
    for (Command command : commands) {
      if (command.name().equals(name)) {
        return command;
      }
    }
    return null;
  }

  /** Whether the arguments ask for -o nagios, whose failures, bad usage included, must exit 3 (UNKNOWN). */
  private static boolean asksForNagios(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].toLowerCase(Locale.ROOT);
      if (arg.equals("-onagios") || arg.equals("--output=nagios") || arg.equals("-o=nagios")
          || (arg.equals("-o") || arg.equals("--output")) && i + 1 < args.length
          && args[i + 1].equalsIgnoreCase("nagios")) {
        return true;
      }
    }
    return false;
  }

  static int exitCodeOf(Exception e) {
    if (e instanceof AuthenticationException) {
      return AUTH;
    }
    if (e instanceof GraphException) {
      return FAILED;
    }
    if (e instanceof IllegalArgumentException || e instanceof UsageException) {
      return USAGE;
    }
    if (e instanceof CliFailure failure) {
      return failure.exitCode;
    }
    return FAILED;
  }

  /** The width help is wrapped to: the terminal's, else 80 columns. */
  int helpWidth() {
    return terminal ? terminalWidth() : 80;
  }

  /**
   * What to print on stdout: --quiet wins, then a command's legacy {@code --json}, then -o; nagios and prometheus
   * only where the command supports them.
   */
  Format format(String command, boolean json, boolean monitoring) {
    Format format = quiet ? Format.NONE : json ? Format.JSON : output;
    if (format.monitoring() && !monitoring) {
      throw new CliFailure(USAGE, "-o " + format + " is for status only; " + command + " prints table, json, tsv"
          + " or none");
    }
    return format;
  }

  /** The width of tables: the terminal's; 0 (no limit) with --wide or when the output is not a terminal. */
  int width() {
    return wide || !terminal ? 0 : terminalWidth(); // a pipe or file gets everything
  }

  /** The terminal's width in columns: $COLUMNS, else what {@code stty} says, else 80. */
  private int terminalWidth() {
    String columns = env.get("COLUMNS");
    if (columns != null && columns.strip().matches("\\d{1,4}")) {
      return Integer.parseInt(columns.strip());
    }
    if (terminalWidth < 0) {
      terminalWidth = measureTerminal();
    }
    return terminalWidth;
  }

  /** The terminal's columns, from {@code stty size}; 80 when they cannot be read (e.g. on Windows). */
  private static int measureTerminal() {
    try {
      Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
      if (stty.waitFor() == 0 && size.matches("\\d+ \\d+")) {
        int columns = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
        return columns > 0 ? columns : 80;
      }
    } catch (IOException | RuntimeException e) {
      // not a Unix terminal
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 80;
  }

  /** The client for this run, created on first use: sandbox, GRAPH_ACCESS_TOKEN, or MSAL sign-in. */
  ExchangeConnectorClient client() {
    return client(null);
  }

  /** {@link #client()}, reading connectors every {@code pollInterval} while waiting for syncs. */
  ExchangeConnectorClient client(@Nullable Duration pollInterval) {
    if (client == null) {
      ExchangeConnectorClient.Builder builder = ExchangeConnectorClient.builder()
          .cloud(cloud)
          .apiVersion(apiVersion);
      if (pollInterval != null) {
        builder.pollInterval(pollInterval);
      }
      if (sandbox) {
        runningSandbox = GraphSandbox.start();
        builder.graphUrl(runningSandbox.graphUrl()).tokenSource(TokenSource.of(runningSandbox.token()));
      } else {
        if (graphUrl != null) {
          builder.graphUrl(graphUrl);
        }
        allowedHosts.forEach(builder::allowHost);
        builder.httpClient(http()).tokenSource(tokenSource());
      }
      try {
        client = builder.build();
      } catch (IllegalArgumentException e) {
        String message = e.getMessage();
        throw new CliFailure(USAGE, message.endsWith("allow the host explicitly if it is yours")
            ? message.replace("allow the host explicitly", "allow it with --allow-host") : message);
      }
    }
    return client;
  }

  /**
   * The HTTP client of Graph calls and sign-in alike: the environment's proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY,
   * else the JVM's proxy properties) and the same timeouts for both.
   */
  OkHttpClient http() {
    if (http == null) {
      OkHttpClient.Builder builder = new OkHttpClient.Builder()
          .connectTimeout(ExchangeConnectorClient.Builder.DEFAULT_CONNECT_TIMEOUT)
          .readTimeout(ExchangeConnectorClient.Builder.DEFAULT_READ_TIMEOUT)
          .writeTimeout(ExchangeConnectorClient.Builder.DEFAULT_READ_TIMEOUT);
      if (plainHttpOnly()) {
        builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
      }
      Proxies.Settings proxy;
      try {
        proxy = Proxies.fromEnvironment(env);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(USAGE, e.getMessage());
      }
      if (proxy != null) {
        builder.proxySelector(proxy.selector());
        if (proxy.authenticator() != null) {
          builder.proxyAuthenticator(proxy.authenticator());
        }
      }
      http = builder.build();
    }
    return http;
  }

  /**
   * Whether every call of this run is plain http: to a loopback Graph URL, with the token from
   * GRAPH_ACCESS_TOKEN (no sign-in service to reach). Then no TLS is set up, which would load the trust store.
   */
  private boolean plainHttpOnly() {
    return graphUrl != null && graphUrl.regionMatches(true, 0, "http:", 0, 5) && env.get(TOKEN_VARIABLE) != null;
  }

  private TokenSource tokenSource() {
    String token = env.get(TOKEN_VARIABLE);
    if (token != null) {
      try {
        return TokenSource.of(token);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(AUTH, TOKEN_VARIABLE + " is not usable: " + e.getMessage().replace("the access token ", ""));
      }
    }
    if (auth.identityHttpClient == null) {
      auth.identityHttpClient = http(); // sign-in through the same proxy, with the same timeouts
    }
    return auth.tokenSource(cloud, env, err, terminal);
  }

  private void close() {
    if (client != null) {
      client.close();
    }
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    if (runningSandbox != null) {
      runningSandbox.close();
    }
  }

  /** A failure with its own exit code and a message ready for stderr. */
  static final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    CliFailure(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }
}
