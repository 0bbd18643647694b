package dev.exchangesync.cli;

import dev.exchangesync.sandbox.GraphSandbox;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * {@code train -- JVM_OPTION...}, for the launchers and the build only (hidden from help): runs the tool once in a
 * JVM of its own with the given options, e.g. {@code -XX:ArchiveClassesAtExit=FILE}, syncing every connector of a
 * sandbox that this JVM serves over https with a certificate made for the run. The start-up archive so made holds
 * what a real run against Graph loads (the command line, TLS, the HTTP client, Graph's JSON) and none of the
 * sandbox's server.
 */
final class TrainCommand extends Command {
  /** The training run takes seconds; more than this is a run that hangs. */
  private static final Duration LIMIT = Duration.ofMinutes(2);
  /** A trust store's password, which Java's PKCS12 stores want; it guards a public certificate, no secret. */
  private static final String TRUST_STORE_PASSWORD = "exchange-sync-training";

  private final List<String> jvmOptions = new ArrayList<>();

  TrainCommand(ExchangeSyncCli cli) {
    super(cli, "train",
        List.of("Runs the tool once against a sandbox in a JVM of its own with the given JVM options, to make a"
            + " start-up archive (the launchers do this)."),
        List.of("exchange-sync train -- -XX:ArchiveClassesAtExit=exchange-sync.jsa"), List.of());
  }

  @Override
  boolean hidden() {
    return true;
  }

  @Override
  Parameters parameters() {
    return new Parameters("JVM_OPTION", "Options of the JVM that runs the tool.", 1, Integer.MAX_VALUE);
  }

  @Override
  void add(String parameter) {
    jvmOptions.add(parameter);
  }

  @Override
  int call() throws IOException, InterruptedException, GeneralSecurityException {
    HeldCertificate loopback = new HeldCertificate.Builder()
        .addSubjectAlternativeName(InetAddress.getLoopbackAddress().getHostAddress())
        .duration(LIMIT.toMinutes() + 1, TimeUnit.MINUTES)
        .build();
    Path trustStore = Files.createTempFile("exchange-sync-training", ".p12");
    try (GraphSandbox sandbox = GraphSandbox.builder()
        .https(new HandshakeCertificates.Builder().heldCertificate(loopback).build().sslContext())
        .syncDelay(Duration.ofMillis(200))
        .start()) {
      writeTrustStore(trustStore, loopback.certificate());
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      // The training run trusts the sandbox's certificate only; a real run trusts the JDK's certificates.
      command.addAll(List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStoreType=PKCS12",
          "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD));
      String classPath = System.getProperty("java.class.path");
      if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
        command.addAll(List.of("-jar", classPath)); // as the launchers run it: an archive records its class path
      } else {
        command.addAll(List.of("-cp", classPath, ExchangeSyncCli.class.getName()));
      }
      command.addAll(List.of("--graph-url", sandbox.graphUrl(), "sync", "--all", "--skip-disconnected", "--wait",
          "--poll-interval", "100ms"));
      Path output = Files.createTempFile("exchange-sync-training", ".log");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put(ExchangeSyncCli.TOKEN_VARIABLE, sandbox.token());
        env.keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).endsWith("_PROXY")); // the sandbox is loopback
        Process run = builder.start();
        run.getOutputStream().close(); // nothing to read: a terminal's sign-in prompt would find no one
        if (!run.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          run.destroyForcibly();
          throw new ExchangeSyncCli.CliFailure(ExchangeSyncCli.FAILED, "the training run took more than "
              + Durations.format(LIMIT));
        }
        if (run.exitValue() != 0) {
          throw new ExchangeSyncCli.CliFailure(ExchangeSyncCli.FAILED, "the training run failed with exit code "
              + run.exitValue() + ": " + Files.readString(output, StandardCharsets.UTF_8).strip());
        }
        long syncs = sandbox.requests().stream().filter(request -> request.method().equals("POST")).count();
        if (syncs == 0) { // an archive of a run that did nothing would speed up nothing
          throw new ExchangeSyncCli.CliFailure(ExchangeSyncCli.FAILED, "the training run requested no sync");
        }
        return ExchangeSyncCli.OK;
      } finally {
        Files.deleteIfExists(output);
      }
    } finally {
      Files.deleteIfExists(trustStore);
    }
  }

  private static void writeTrustStore(Path file, X509Certificate certificate)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("sandbox", certificate);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
  }
}
