package dev.exchangesync.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Cold start: fresh JVMs from start to exit after one sync answered {@code 204}, each client in turn against one
 * loopback server, several rounds; reports the median wall time and median peak RSS (GNU time's %M) per client,
 * and their ratios to raw OkHttp.
 *
 * <p>Usage: {@code ColdStart ROUNDS NAME=COMMAND...}, where COMMAND is a shell-free command line in which
 * {@code {url}} stands for the plain-http server's URL, {@code {httpsUrl}} for the https server's, and
 * {@code {trustStore}} for a trust store (JKS, no password needed) that trusts the https server only; the first
 * client is the baseline.
 */
public final class ColdStart {
  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Map<String, List<String>> clients = new LinkedHashMap<>();
    for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
      int eq = arg.indexOf('=');
      clients.put(arg.substring(0, eq), List.of(arg.substring(eq + 1).split(" ")));
    }
    Map<String, List<Double>> millis = new LinkedHashMap<>();
    Map<String, List<Double>> rss = new LinkedHashMap<>();
    HeldCertificate loopback = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    Path trustStore = Files.createTempFile("cold-start", ".jks");
    KeyStore trusted = KeyStore.getInstance("JKS");
    trusted.load(null, null);
    trusted.setCertificateEntry("fast-server", loopback.certificate());
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      trusted.store(out, "cold-start".toCharArray());
    }
    try (FastServer server = new FastServer();
        FastServer https = new FastServer(new HandshakeCertificates.Builder().heldCertificate(loopback).build()
            .sslContext())) {
      Map<String, String> values = Map.of("{url}", server.url(), "{httpsUrl}", https.url(), "{trustStore}",
          trustStore.toString());
      for (int round = -1; round < rounds; round++) { // round -1 warms the file cache and is not counted
        for (Map.Entry<String, List<String>> client : clients.entrySet()) {
          double[] result = run(client.getValue(), values);
          if (round >= 0) {
            millis.computeIfAbsent(client.getKey(), k -> new ArrayList<>()).add(result[0]);
            rss.computeIfAbsent(client.getKey(), k -> new ArrayList<>()).add(result[1]);
          }
        }
      }
    } finally {
      Files.delete(trustStore);
    }
    String baseline = clients.keySet().iterator().next();
    double baseMillis = median(millis.get(baseline));
    double baseRss = median(rss.get(baseline));
    System.out.println("| client | cold start, median ms | ratio | peak RSS, median MB | ratio |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (String name : clients.keySet()) {
      double ms = median(millis.get(name));
      double mb = median(rss.get(name));
      System.out.printf("| %s | %.0f | %.2f× | %.1f | %.2f× |%n", name, ms, ms / baseMillis, mb / 1024, mb / baseRss);
    }
    System.out.println("(" + rounds + " rounds, clients interleaved, first round not counted)");
  }

  private static double[] run(List<String> command, Map<String, String> values)
      throws IOException, InterruptedException {
    Path rssFile = Files.createTempFile("rss", ".txt");
    List<String> line = new ArrayList<>(List.of("/usr/bin/time", "-o", rssFile.toString(), "-f", "%M"));
    for (String part : command) {
      for (Map.Entry<String, String> value : values.entrySet()) {
        part = part.replace(value.getKey(), value.getValue());
      }
      line.add(part);
    }
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
    builder.environment().put("GRAPH_ACCESS_TOKEN", SyncBenchmark.TOKEN);
    long start = System.nanoTime();
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    int exit = process.waitFor();
    double elapsed = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": "
          + new String(output, StandardCharsets.UTF_8));
    }
    String kb = Files.readString(rssFile).strip();
    Files.delete(rssFile);
    return new double[] {elapsed, Double.parseDouble(kb.substring(kb.lastIndexOf('\n') + 1))};
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
