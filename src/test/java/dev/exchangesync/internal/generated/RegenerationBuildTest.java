package dev.exchangesync.internal.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regeneration command itself, {@code mvn generate-sources}, run by Maven on a copy of the project from another
 * working directory: it reproduces generated-sources/ exactly, and a spec that fails generation leaves
 * generated-sources/ as it was instead of deleted or half written.
 */
final class RegenerationBuildTest {
  @TempDir
  Path temp;

  private Path project;
  private Path elsewhere;

  @BeforeEach
  void copyProject() throws IOException {
    project = temp.resolve("project");
    elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    for (String part : List.of("pom.xml", "openapi", "templates", "generated-sources", "src/main/resources")) {
      copy(Path.of(part), project.resolve(part));
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(source, target);
        }
      }
    }
  }

  /** Runs {@code mvn -o -B -f <copy>/pom.xml generate-sources} in another directory; returns exit code and output. */
  private Result generateSources() throws Exception {
    String mvn = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
    Path log = temp.resolve("mvn.log");
    Process process = new ProcessBuilder(mvn, "-o", "-B", "-q", "-f", project.resolve("pom.xml").toString(),
        "generate-sources").directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    assertTrue(process.waitFor(3, TimeUnit.MINUTES), "mvn generate-sources did not finish");
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  @Test
  void regeneratingFromAnotherDirectoryReproducesGeneratedSourcesExactly() throws Exception {
    Map<String, String> before = tree(project.resolve("generated-sources"));
    Files.writeString(project.resolve("generated-sources/src/main/java/Stale.java"), "class Stale {}");

    Result result = generateSources();

    assertEquals(0, result.exitCode(), result.output());
    assertEquals(before, tree(project.resolve("generated-sources")), "generated-sources/ is not what was committed");
  }

  @Test
  void aSpecThatFailsGenerationLeavesGeneratedSourcesAsTheyWere() throws Exception {
    Path spec = project.resolve("openapi/exchange-connectors.yaml");
    Files.writeString(spec, Files.readString(spec).replace("$ref: \"#/components/schemas/mainError\"",
        "$ref: \"#/components/schemas/noSuchSchema\""));
    Map<String, String> before = tree(project.resolve("generated-sources"));

    Result result = generateSources();

    assertNotEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("noSuchSchema"), result.output());
    assertEquals(before, tree(project.resolve("generated-sources")), "a failed generation changed generated-sources/");
  }
}
