package dev.exchangesync.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a named module, as a modular application sees it: compiled against and run on the module path
 * (target/classes, the exploded module, with the library's runtime dependencies).
 */
class ModulePathTest {
  /** The library's runtime dependencies, by jar name; the test class path has them among the test tools. */
  private static final List<String> RUNTIME = List.of("retrofit-", "converter-moshi-", "okhttp-4", "okio-jvm-",
      "kotlin-stdlib-2", "moshi-1", "msal4j-1", "azure-json-", "slf4j-api-", "jspecify-");

  private static String modulePath;

  @TempDir
  Path work;

  @BeforeAll
  static void modulePath() {
    List<String> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> RUNTIME.stream().anyMatch(name -> Path.of(entry).getFileName().toString().startsWith(name)))
        .toList();
    assertEquals(RUNTIME.size(), jars.size(), "one jar per runtime dependency: " + jars);
    modulePath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator + String.join(File.pathSeparator,
        jars);
  }

  @Test
  void theDescriptorExportsTheApiAndNoInternalPackage() throws IOException {
    ModuleDescriptor descriptor;
    try (var in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertEquals("dev.exchangesync", descriptor.name());
    assertEquals(Set.of("dev.exchangesync", "dev.exchangesync.auth", "dev.exchangesync.model",
        "dev.exchangesync.sandbox"), descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet()));
    assertTrue(descriptor.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
    assertTrue(descriptor.opens().isEmpty(), "nothing reflects over the library's classes");
    assertTrue(descriptor.requires().stream().anyMatch(r -> r.name().equals("jdk.httpserver")), "the sandbox");
  }

  @Test
  void aModularApplicationSyncsAgainstTheSandboxOnTheModulePath() throws Exception {
    Path src = work.resolve("src");
    write(src.resolve("module-info.java"), "module consumer { requires dev.exchangesync; }");
    write(src.resolve("consumer/Main.java"), """
        package consumer;

        import dev.exchangesync.ExchangeConnectorClient;
        import dev.exchangesync.SyncResult;
        import dev.exchangesync.TokenSource;
        import dev.exchangesync.model.DeviceManagementExchangeConnector;
        import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
        import dev.exchangesync.sandbox.GraphSandbox;
        import java.time.Duration;

        public class Main {
          public static void main(String[] args) throws Exception {
            try (GraphSandbox sandbox = GraphSandbox.builder().syncDelay(Duration.ofMillis(100)).start();
                ExchangeConnectorClient client = ExchangeConnectorClient.builder()
                    .tokenSource(TokenSource.of(sandbox.token()))
                    .graphUrl(sandbox.graphUrl())
                    .pollInterval(Duration.ofMillis(50))
                    .build()) {
              DeviceManagementExchangeConnector first = client.list().get(0);
              SyncResult result = client.startSync(first, DeviceManagementExchangeConnectorSyncType.DELTA_SYNC)
                  .await(Duration.ofSeconds(30));
              System.out.println(result.outcome() + " " + client.get(first.id()).id().equals(first.id()));
            }
          }
        }
        """);

    String javac = compile(src, work.resolve("classes"));
    assertEquals("", javac);

    Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", work.resolve("classes") + File.pathSeparator + modulePath, "-m", "consumer/consumer.Main")
        .redirectErrorStream(true).start();
    assertTrue(java.waitFor(60, TimeUnit.SECONDS), "the application did not end");
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, java.exitValue(), output);
    assertTrue(output.endsWith("SYNCED true\n"), output);
  }

  @Test
  void theInternalPackagesAreNotVisibleToAnApplication() throws Exception {
    Path src = work.resolve("src");
    write(src.resolve("module-info.java"), "module consumer { requires dev.exchangesync; }");
    write(src.resolve("consumer/Main.java"), """
        package consumer;

        public class Main {
          Object policy = dev.exchangesync.internal.http.RetryPolicy.DEFAULT_MAX_ATTEMPTS;
          Class<?> api = dev.exchangesync.internal.generated.api.ExchangeConnectorsApi.class;
          Object json = dev.exchangesync.internal.generated.JSON.FACTORY;
        }
        """);

    String javac = compile(src, work.resolve("classes"));

    for (String pkg : List.of("dev.exchangesync.internal.http", "dev.exchangesync.internal.generated.api",
        "dev.exchangesync.internal.generated")) {
      assertTrue(javac.contains("package " + pkg + " is not visible"), javac);
    }
    assertTrue(javac.contains("which does not export it"), javac);
    assertFalse(Files.exists(work.resolve("classes/consumer/Main.class")));
  }

  /** Compiles a module; returns javac's diagnostics, empty when it compiled without a warning. */
  private static String compile(Path src, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        Stream<Path> walk = Files.walk(src)) {
      List<Path> sources = walk.filter(path -> path.toString().endsWith(".java")).toList();
      Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
      // An empty class path: javac in this JVM would otherwise take the tests' class path for it.
      List<String> options = new ArrayList<>(List.of("--module-path", modulePath, "-d", out.toString(),
          "--class-path", Files.createDirectories(out).toString(),
          "-Xlint:all,-requires-automatic,-requires-transitive-automatic"));
      javac.getTask(diagnostics, files, null, options, null, units).call();
    }
    return diagnostics.toString();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
