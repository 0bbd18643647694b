package dev.exchangesync.cli;

import dev.exchangesync.ApiVersion;
import dev.exchangesync.AuthenticationException;
import dev.exchangesync.ExchangeConnectorClient;
import dev.exchangesync.GraphCloud;
import dev.exchangesync.GraphException;
import dev.exchangesync.TokenSource;
import dev.exchangesync.sandbox.GraphSandbox;
import java.time.Duration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code exchange-sync}: sync, list and check Intune Exchange connectors from a terminal or cron. */
@Command(
    name = "exchange-sync",
    mixinStandardHelpOptions = true,
    versionProvider = ExchangeSyncCli.VersionProvider.class,
    description = "Syncs Intune Exchange connectors through Microsoft Graph, and checks their health.",
    subcommands = {ListCommand.class, GetCommand.class, SyncCommand.class, StatusCommand.class,
        LoginCommand.class, LogoutCommand.class, AutoComplete.GenerateCompletion.class,
        CommandLine.HelpCommand.class},
    footer = {"",
        "Examples:",
        "  exchange-sync --sandbox sync --all --skip-disconnected --wait",
        "  exchange-sync login --tenant contoso.onmicrosoft.com --client-id $APP_ID",
        "  exchange-sync status -o nagios --warning 12h --critical 24h",
        "  exchange-sync help sync",
        "",
        "Credentials: GRAPH_ACCESS_TOKEN, when set, is used as the bearer token as it is; otherwise --auth signs in"
            + " with MSAL (see --auth for the environment variables it reads). --sandbox needs none.",
        "",
        "Exit codes: 0 success, 1 Graph or network failure (sign-in service unreachable included) or unhealthy"
            + " status, 2 bad usage or input (nothing was sent), 3 authentication failure (credentials refused)."
            + " With -o nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."})
public final class ExchangeSyncCli implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int AUTH = 3;

  static final String TOKEN_VARIABLE = "GRAPH_ACCESS_TOKEN";

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--cloud", scope = ScopeType.INHERIT, paramLabel = "CLOUD", converter = CloudConverter.class,
      completionCandidates = CloudConverter.class, description = "National cloud: global, usgov, usgov-dod or china (default: global).")
  GraphCloud cloud = GraphCloud.GLOBAL;

  @Option(names = "--api-version", scope = ScopeType.INHERIT, paramLabel = "VERSION",
      converter = ApiVersionConverter.class, completionCandidates = ApiVersionConverter.class,
      description = "Graph API version: v1.0 or beta (default: v1.0).")
  ApiVersion apiVersion = ApiVersion.V1_0;

  @Option(names = "--graph-url", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Graph root URL, overriding the cloud's (e.g. https://graph.microsoft.com); the API version"
          + " is appended. https only, except for loopback addresses.")
  @Nullable String graphUrl;

  @Option(names = "--allow-host", scope = ScopeType.INHERIT, paramLabel = "HOST",
      description = "Let the access token go to HOST, the --graph-url host, although it is not the Graph host of"
          + " a Microsoft cloud (e.g. a gateway of your own). Repeatable.")
  List<String> allowedHosts = new ArrayList<>();

  @Option(names = "--sandbox", scope = ScopeType.INHERIT,
      description = "Run against an embedded Graph sandbox on a loopback port: no tenant, no credentials.")
  boolean sandbox;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Log each HTTP exchange and"
      + " retry to stderr (tokens redacted).")
  boolean verbose;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      converter = Format.Converter.class, completionCandidates = Format.Converter.class,
      description = "table (default), json, tsv or none; status also nagios or prometheus.")
  Format output = Format.TABLE;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "Print nothing on stdout (as -o none): the exit code tells, failures still go to stderr.")
  boolean quiet;

  @Option(names = "--wide", scope = ScopeType.INHERIT,
      description = "Tables in full: no column is cut to fit the terminal's width.")
  boolean wide;

  @CommandLine.Mixin
  AuthOptions auth = new AuthOptions();

  Map<String, String> env = Map.of();
  boolean terminal;
  private int terminalWidth = -1;
  private @Nullable GraphSandbox runningSandbox;
  private @Nullable ExchangeConnectorClient client;
  private @Nullable OkHttpClient http;

  /** Runs the tool and exits with its exit code. */
  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    // MSAL's failures reach the user as one line of ours; its own log lines quote what it failed to parse.
    System.setProperty("org.slf4j.simpleLogger.log.com.microsoft.aad.msal4j", "off");
    for (String arg : args) {
      if (arg.equals("-v") || arg.equals("--verbose")) {
        System.setProperty("org.slf4j.simpleLogger.log.dev.exchangesync", "debug");
      }
    }
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
    ExchangeSyncCli cli = new ExchangeSyncCli();
    cli.auth.identityHttpClient = identityHttpClient;
    cli.env = Map.copyOf(env);
    cli.terminal = terminal;
    CommandLine commandLine = new CommandLine(cli)
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, command, parseResult) -> {
          if (nagios) { // a plugin's failure to check is UNKNOWN, said on stdout
            out.println("EXCHANGE CONNECTORS UNKNOWN - " + Output.safe(e.getMessage(), Output.MAX_MESSAGE));
            return StatusCommand.NAGIOS_UNKNOWN;
          }
          err.println("exchange-sync: " + Output.safe(e.getMessage(), Output.MAX_MESSAGE));
          return exitCodeOf(e);
        });
    HelpLayout.apply(commandLine, err, asksForHelp(args) ? cli.width() : 0);
    if (nagios) {
      CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
      commandLine.setParameterExceptionHandler((e, badArgs) -> {
        out.println("EXCHANGE CONNECTORS UNKNOWN - " + Output.safe(e.getMessage(), Output.MAX_MESSAGE));
        out.flush();
        usage.handleParseException(e, badArgs);
        return StatusCommand.NAGIOS_UNKNOWN;
      });
    }
    try {
      return commandLine.execute(args);
    } finally {
      cli.close();
      out.flush();
      err.flush();
    }
  }

  /** Whether the arguments ask for help, which is then wrapped to the terminal's width. */
  private static boolean asksForHelp(String[] args) {
    return args.length == 0 || Arrays.stream(args).anyMatch(arg -> arg.equals("-h") || arg.equals("--help")
        || arg.equals("help"));
  }

  /** Whether the arguments ask for -o nagios, whose failures, bad usage included, must exit 3 (UNKNOWN). */
  private static boolean asksForNagios(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].toLowerCase(java.util.Locale.ROOT);
      if (arg.equals("-onagios") || arg.equals("--output=nagios") || arg.equals("-o=nagios")
          || (arg.equals("-o") || arg.equals("--output")) && i + 1 < args.length
          && args[i + 1].equalsIgnoreCase("nagios")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return USAGE;
  }

  static int exitCodeOf(Exception e) {
    if (e instanceof AuthenticationException) {
      return AUTH;
    }
    if (e instanceof GraphException) {
      return FAILED;
    }
    if (e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    if (e instanceof CliFailure failure) {
      return failure.exitCode;
    }
    return FAILED;
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

  /**
   * The terminal's width in columns for tables: $COLUMNS, else what {@code stty} says, else 80; 0 (no limit) with
   * --wide or when the output is not a terminal.
   */
  int width() {
    if (wide || !terminal) {
      return 0; // a pipe or file gets everything
    }
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
    return auth.tokenSource(cloud, env, spec.commandLine().getErr(), terminal);
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

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"exchange-sync " + ExchangeConnectorClient.VERSION};
    }
  }

  /** Reads an option with a parse function whose IllegalArgumentException message becomes picocli's error. */
  abstract static class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {
    private final Function<String, T> parse;

    ParsingConverter(Function<String, T> parse) {
      this.parse = parse;
    }

    @Override
    public T convert(String value) {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads a cloud by its id; and, for shell completion, lists exactly the ids it accepts. */
  static final class CloudConverter extends ParsingConverter<GraphCloud> implements Iterable<String> {
    CloudConverter() {
      super(GraphCloud::fromId);
    }

    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(GraphCloud.values()).map(GraphCloud::id).iterator();
    }
  }

  /** Reads an API version by its path segment; and, for shell completion, lists exactly those it accepts. */
  static final class ApiVersionConverter extends ParsingConverter<ApiVersion> implements Iterable<String> {
    ApiVersionConverter() {
      super(ApiVersion::fromPathSegment);
    }

    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ApiVersion.values()).map(ApiVersion::pathSegment).iterator();
    }
  }
}
