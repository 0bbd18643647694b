package dev.exchangesync.internal.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import retrofit2.Call;
import retrofit2.Converter;
import retrofit2.Retrofit;

/** Runs the generator as the build does (same config file, same templates) on the spec and on edited copies. */
final class TemplatesRegenerateTest {
  private static final Path SPEC = Path.of("openapi/exchange-connectors.yaml");
  private static final Path COMMITTED = Path.of("generated-sources/src/main/java");
  private static final String ENUM_FILE = "dev/exchangesync/model/DeviceManagementExchangeConnectorSyncType.java";

  private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

  @TempDir
  Path temp;

  private Path generate(Path spec) {
    return Generation.generate(spec, temp.resolve("out"), null);
  }

  private static Map<String, String> javaFiles(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (String file : Generation.javaFiles(root)) {
      files.put(root.relativize(Path.of(file)).toString(), Files.readString(Path.of(file)));
    }
    return files;
  }

  @Test
  void generatingTheSpecReproducesTheCommittedSourcesByteForByte() throws IOException {
    Map<String, String> generated = javaFiles(generate(SPEC));

    assertEquals(javaFiles(COMMITTED).keySet(), generated.keySet());
    javaFiles(COMMITTED).forEach((file, text) -> assertEquals(text, generated.get(file), file
        + " differs from what the generator writes now: run `mvn -B generate-sources` and commit"));
  }

  @Test
  void generatedJavadocHoldsNoMarkdownAndEveryPackageIsNullMarked() throws IOException {
    Map<String, String> committed = javaFiles(COMMITTED);

    for (Map.Entry<String, String> file : committed.entrySet()) {
      Matcher javadoc = JAVADOC.matcher(file.getValue());
      while (javadoc.find()) {
        String comment = javadoc.group(1);
        assertTrue(!comment.contains("`") && !comment.contains("**") && !comment.contains("](")
            && !comment.contains("\\\""), () -> file.getKey() + " has Markdown or escaped quotes in its Javadoc"
            + " (openapi/ descriptions must be plain text):\n" + comment);
      }
    }
    for (String pkg : List.of("dev.exchangesync.internal.generated", "dev.exchangesync.internal.generated.api",
        "dev.exchangesync.model")) {
      String info = committed.get(pkg.replace('.', '/') + "/package-info.java");
      assertTrue(info != null && info.contains("@NullMarked\npackage " + pkg + ";"), pkg + ": " + info);
    }
  }

  @Test
  void everyTemplateSaysWhatItEmitsAndReadsLikeCode() throws IOException {
    List<Path> templates;
    try (Stream<Path> walk = Files.walk(Path.of("templates"))) {
      templates = walk.filter(f -> f.toString().endsWith(".mustache")).toList();
    }
    assertTrue(templates.size() > 10, "templates/ holds " + templates);

    for (Path template : templates) {
      String text = Files.readString(template);
      assertTrue(text.contains("{{!"), template + " has no comment saying what it emits");
      text.lines().filter(line -> line.length() > 120).findFirst().ifPresent(line ->
          org.junit.jupiter.api.Assertions.fail(template + " has a line of " + line.length() + " characters"));
    }
  }

  @Test
  void newEnumMemberInTheSpecAppearsInTheGeneratedEnumAndCompiles() throws IOException {
    String spec = Files.readString(SPEC);
    String edited = spec
        .replace("        - deltaSync\n", "        - deltaSync\n        - quickSync\n")
        .replace("        - Discover only the devices that changed in Exchange during the delta sync window.\n",
            "        - Discover only the devices that changed in Exchange during the delta sync window.\n"
            + "        - A sync type Graph might add later.\n");
    assertTrue(!edited.equals(spec), "the edit did not apply: the sync type enum moved in openapi/");
    Path copy = temp.resolve("spec.yaml");
    Files.writeString(copy, edited);

    Path sources = generate(copy);

    String enumSource = Files.readString(sources.resolve(ENUM_FILE));
    assertTrue(enumSource.contains("""
          /** {@code "quickSync"}: A sync type Graph might add later. */
          public static final DeviceManagementExchangeConnectorSyncType QUICK_SYNC = new DeviceManagementExchangeConnectorSyncType("quickSync");
        """), enumSource);
    assertTrue(enumSource.contains("      DELTA_SYNC,\n      QUICK_SYNC\n"), enumSource);
    assertCompiles(sources);
  }

  @Test
  void theReadmeWalkthroughAddsAnOperationThatCompilesAndIsCalledAsShown() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String yaml = fencedBlockAfter(readme, "<!-- walkthrough: spec -->");
    String spec = Files.readString(SPEC);
    Path copy = temp.resolve("walkthrough.yaml");
    Files.writeString(copy, spec.replaceFirst("\npaths:\n", "\npaths:\n" + Matcher.quoteReplacement(yaml)));

    Path sources = Generation.generate(copy, temp.resolve("walkthrough"), "walkthrough");
    Generation.compile(Generation.javaFiles(sources), temp.resolve("walkthrough-classes"));

    String api = Files.readString(sources.resolve("walkthrough/api/ExchangeConnectorsApi.java"));
    String shown = fencedBlockAfter(readme, "`ExchangeConnectorsApi` now has");
    assertTrue(api.contains(shown.indent(2)), "the README shows other code than is generated:\n" + api);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.resolve("walkthrough-classes").toUri().toURL()},
        getClass().getClassLoader()); MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setHeader("Content-Type", "text/plain").setBody("4"));
      Retrofit retrofit = new Retrofit.Builder().baseUrl(server.url("/v1.0/"))
          .addConverterFactory((Converter.Factory) loader.loadClass("walkthrough.JSON").getMethod("converterFactory")
              .invoke(null))
          .build();
      Class<?> type = loader.loadClass("walkthrough.api.ExchangeConnectorsApi");
      Object call = type.getMethod("countExchangeConnectors", String.class).invoke(retrofit.create(type), "eventual");

      Object count = ((Call<?>) call).execute().body();

      RecordedRequest request = server.takeRequest();
      assertEquals("/v1.0/deviceManagement/exchangeConnectors/$count", request.getPath());
      assertEquals("eventual", request.getHeader("ConsistencyLevel"));
      assertEquals(4, count);
    }
  }

  @Test
  void theReadmeWalkthroughsFacadeMethodCompilesIntoTheClient() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String yaml = fencedBlockAfter(readme, "<!-- walkthrough: spec -->");
    String method = fencedBlockAfter(readme, "the facade calls it like its other operations");
    Path copy = temp.resolve("walkthrough.yaml");
    Files.writeString(copy, Files.readString(SPEC).replaceFirst("\npaths:\n", "\npaths:\n"
        + Matcher.quoteReplacement(yaml)));
    Path generated = Generation.generate(copy, temp.resolve("facade"), null);
    Path main = temp.resolve("main");
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java")).toList()) {
        Path target = main.resolve(Path.of("src/main/java").relativize(file));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Path client = main.resolve("dev/exchangesync/ExchangeConnectorClient.java");
    String builder = "  /** Configures an {@link ExchangeConnectorClient}.";
    String source = Files.readString(client);
    assertTrue(source.contains(builder), "the client's Builder moved: update this test");
    Files.writeString(client, source.replace(builder, method.indent(2) + "\n" + builder));

    List<String> sources = new java.util.ArrayList<>(Generation.javaFiles(generated));
    sources.addAll(Generation.javaFiles(main));
    Generation.compile(sources, temp.resolve("facade-classes"));

    assertTrue(Files.exists(temp.resolve("facade-classes/dev/exchangesync/ExchangeConnectorClient.class")));
  }

  /** The text of the first fenced code block after {@code marker}. */
  private static String fencedBlockAfter(String markdown, String marker) {
    int at = markdown.indexOf(marker);
    assertTrue(at >= 0, "the README lost " + marker);
    int start = markdown.indexOf('\n', markdown.indexOf("```", at)) + 1;
    return markdown.substring(start, markdown.indexOf("```", start));
  }

  @Test
  void invalidSpecFailsWithTheValidatorsMessage() throws IOException {
    Path broken = temp.resolve("broken.yaml");
    Files.writeString(broken, Files.readString(SPEC)
        .replace("$ref: \"#/components/schemas/deviceManagementExchangeConnectorStatus\"",
            "$ref: \"#/components/schemas/noSuchSchema\""));

    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> generate(broken));

    assertTrue(e.getMessage().contains("There were issues with the specification"), e.getMessage());
    assertTrue(e.getMessage().contains("noSuchSchema"), e.getMessage());
  }

  private void assertCompiles(Path sources) throws IOException {
    Generation.compile(Generation.javaFiles(sources), temp.resolve("classes"));
  }
}
