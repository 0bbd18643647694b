package dev.exchangesync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sh launcher (src/main/launcher/exchange-sync) in a distribution of its own, whose jar is a probe that prints
 * the JVM options it got: it runs through symbolic links from any directory and from paths with spaces, and picks
 * the start-up archive that fits the JDK, and a damaged archive never breaks a run.
 */
class LauncherTest {
  private static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @TempDir
  Path temp;

  private Path home;
  private Path cache;

  @BeforeEach
  void distribution() throws IOException {
    assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "the sh launcher is for Unix-like systems");
    home = temp.resolve("opt dir/exchange-sync"); // a space in the path
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("lib"));
    Path launcher = Files.copy(Path.of("src/main/launcher/exchange-sync"), home.resolve("bin/exchange-sync"));
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    try (OutputStream file = Files.newOutputStream(home.resolve("lib/exchange-sync.jar"));
        JarOutputStream jar = new JarOutputStream(file, manifest)) {
      String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
      jar.putNextEntry(new JarEntry(entry));
      jar.write(Files.readAllBytes(Path.of("target/test-classes", entry)));
      jar.closeEntry();
    }
    cache = temp.resolve("cache home");
  }

  @Test
  void runsThroughAChainOfSymbolicLinksFromAnyDirectoryWithItsArgumentsIntact() throws Exception {
    Path bin = Files.createDirectories(temp.resolve("user/.local/bin"));
    Path first = Files.createSymbolicLink(temp.resolve("user/es-link"), home.resolve("bin/exchange-sync"));
    Path onPath = Files.createSymbolicLink(bin.resolve("exchange-sync"), Path.of("../../es-link")); // relative

    Run run = run(onPath, Path.of(System.getProperty("java.home")), temp, "list", "a b", "--x=\"y\"");

    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains("args: list|a b|--x=\"y\"\n"), run.output);
    assertTrue(run.output.contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"), run.output);
    assertTrue(Files.isSymbolicLink(first));
  }

  @Test
  void theBuildsArchiveServesItsJdkAndPlaceOnlyElseTheFirstRunMakesOne() throws Exception {
    Path java = Path.of(System.getProperty("java.home"));
    String version = release(java);
    Path lib = home.resolve("lib").toRealPath();
    Files.write(lib.resolve("exchange-sync.jsa"), new byte[] {1, 2, 3}); // damaged: the JVM must shrug it off
    Files.writeString(lib.resolve("exchange-sync.jsa.for"), version + " " + lib);

    Run shipped = run(home.resolve("bin/exchange-sync"), java, temp);

    assertEquals(0, shipped.exit, shipped.output);
    assertTrue(shipped.output.contains("-XX:SharedArchiveFile=" + lib.resolve("exchange-sync.jsa") + " -Xshare:auto"),
        shipped.output);

    Files.writeString(lib.resolve("exchange-sync.jsa.for"), version + " /elsewhere/lib"); // the install moved
    Run first = run(home.resolve("bin/exchange-sync"), java, temp);
    Path made = awaitFile(".jsa"); // trained in the background after the first run
    Run second = run(home.resolve("bin/exchange-sync"), java, temp);

    assertEquals(0, first.exit, first.output);
    assertFalse(first.output.contains("SharedArchiveFile"), "nothing to use yet: " + first.output);
    assertTrue(made.startsWith(cache.resolve("exchange-sync/jdk-" + version)), "kept per JDK: " + made);
    assertTrue(made.toString().endsWith(home.toRealPath() + "/exchange-sync.jsa"), "and per installation: " + made);
    assertEquals(0, second.exit, second.output);
    assertTrue(second.output.contains("-XX:SharedArchiveFile=" + made + " -Xshare:auto"), second.output);
  }

  @Test
  void jdk25GetsItsAheadOfTimeCacheFromABackgroundTrainingAndShrugsOffADamagedOne() throws Exception {
    assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "JDK 25 is not installed at " + JDK_25);

    Run first = run(home.resolve("bin/exchange-sync"), JDK_25, temp);
    Path aot = awaitFile(".aot");
    Run use = run(home.resolve("bin/exchange-sync"), JDK_25, temp);

    assertEquals(0, first.exit, first.output);
    assertEquals(2, first.output.lines().count(), "nothing but the program's output: " + first.output);
    assertTrue(use.output.contains("-XX:AOTCache=" + aot), use.output);
    assertEquals(2, use.output.lines().count(), use.output);

    Files.write(aot, new byte[] {42}); // damaged
    Run damaged = run(home.resolve("bin/exchange-sync"), JDK_25, temp);
    assertEquals(0, damaged.exit, damaged.output);
    assertEquals(2, damaged.output.lines().count(), damaged.output);
  }

  @Test
  void startsNoOtherProgramOnItsWayAndFindsJavaOnThePathThroughLinks() throws Exception {
    Path java = Path.of(System.getProperty("java.home"));
    Path lib = home.resolve("lib").toRealPath();
    Files.write(lib.resolve("exchange-sync.jsa"), new byte[] {1, 2, 3});
    Files.writeString(lib.resolve("exchange-sync.jsa.for"), release(java) + " " + lib);
    // The PATH holds java, reached through two links as Debian's alternatives do, and nothing else: no sed, cat,
    // dirname or cksum to start. Only readlink, for the links, is found in a folder of its own.
    Path bin = Files.createDirectories(temp.resolve("path bin"));
    Path alternatives = Files.createSymbolicLink(temp.resolve("alternatives-java"), java.resolve("bin/java"));
    Files.createSymbolicLink(bin.resolve("java"), alternatives);
    Path tools = Files.createDirectories(temp.resolve("tools"));
    Files.copy(Path.of(which("readlink")), tools.resolve("readlink"), StandardCopyOption.COPY_ATTRIBUTES);

    ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/exchange-sync").toString(), "x")
        .directory(temp.toFile()).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", bin + ":" + tools);
    builder.environment().put("HOME", temp.toString());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Files.delete(bin.resolve("java")); // links out of the temporary folder, which JUnit would warn about
    Files.delete(alternatives);

    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("-XX:SharedArchiveFile=" + lib.resolve("exchange-sync.jsa") + " -Xshare:auto"),
        "the JDK's version was read through the links: " + output);
    assertTrue(output.contains("args: x\n"), output);
  }

  private static String which(String program) {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return Path.of(dir, program).toString();
      }
    }
    throw new AssertionError(program + " is not on the PATH");
  }

  /** The archive or cache file the background training makes, once it is there. */
  private Path awaitFile(String suffix) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      if (Files.isDirectory(cache.resolve("exchange-sync"))) {
        try (Stream<Path> files = Files.walk(cache.resolve("exchange-sync"))) {
          List<Path> done = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
          if (!done.isEmpty()) {
            return done.get(0);
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + suffix + " file was made in " + cache);
  }

  @Test
  void aMissingJarOrJavaIsSaidPlainly() throws Exception {
    Run noJava = run(home.resolve("bin/exchange-sync"), temp.resolve("no-jdk"), temp);
    Files.delete(home.resolve("lib/exchange-sync.jar"));
    Run noJar = run(home.resolve("bin/exchange-sync"), Path.of(System.getProperty("java.home")), temp);

    assertFalse(noJava.exit == 0, noJava.output);
    assertEquals(2, noJar.exit);
    assertTrue(noJar.output.startsWith("exchange-sync: ") && noJar.output.contains("exchange-sync.jar is missing"),
        noJar.output);
  }

  @Test
  void theWindowsLauncherHasWindowsLineEndsAndPassesEveryArgumentOn() throws IOException {
    byte[] bytes = Files.readAllBytes(Path.of("src/main/launcher/exchange-sync.cmd"));
    String text = new String(bytes, StandardCharsets.US_ASCII);

    assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "every line ends in CRLF");
    assertTrue(text.contains("-jar \"%ES_LIB%\\exchange-sync.jar\" %*"), text);
    assertTrue(text.contains("exit /b %ERRORLEVEL%"), "the exit code reaches the caller");
    assertTrue(text.contains("-XX:+IgnoreUnrecognizedVMOptions -XX:+AutoCreateSharedArchive"),
        "JDK 17 must not refuse the JDK 19 option");
  }

  private record Run(int exit, String output) {
  }

  private Run run(Path launcher, Path javaHome, Path directory, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", javaHome.toString());
    env.put("XDG_CACHE_HOME", cache.toString());
    env.remove("EXCHANGE_SYNC_JAVA_OPTS");
    env.remove("JAVA_TOOL_OPTIONS");
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not end");
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static String release(Path javaHome) throws IOException {
    return Files.readAllLines(javaHome.resolve("release")).stream().filter(line -> line.startsWith("JAVA_VERSION="))
        .findFirst().orElseThrow().replaceAll("JAVA_VERSION=\"(.*)\"", "$1");
  }
}
