package dev.exchangesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of the README compiles as pasted, against the built library: its imports are shown, and its
 * code is wrapped in a class (and a method, unless it declares members itself). The two fragments of "Adding an
 * operation" are generated and facade code, checked by TemplatesRegenerateTest.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA = Pattern.compile("(?m)^```java\n(.*?)^```$", Pattern.DOTALL);
  private static final Pattern MEMBER = Pattern.compile("^(static|public|private|protected|record|class|interface"
      + "|enum)\\b");

  @TempDir
  Path work;

  @Test
  void everyJavaSnippetCompilesWithTheImportsItShows() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int walkthrough = readme.indexOf("### Adding an operation");
    int walkthroughEnd = readme.indexOf("\n## ", walkthrough);
    List<Path> sources = new ArrayList<>();
    int fragments = 0;
    Matcher block = JAVA.matcher(readme);
    while (block.find()) {
      if (block.start() > walkthrough && block.start() < walkthroughEnd) {
        fragments++;
        continue;
      }
      String name = "Snippet" + sources.size();
      sources.add(write(name, block.group(1)));
    }

    assertEquals(2, fragments, "the walkthrough's fragments");
    assertTrue(sources.size() >= 3, "the library's snippets: " + sources.size());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      compiled = javac.getTask(diagnostics, files, null, List.of("-d", work.resolve("classes").toString(),
          "--class-path", System.getProperty("java.class.path"), "-proc:none"), null,
          files.getJavaFileObjectsFromPaths(sources)).call();
    }
    assertTrue(compiled, "a README snippet does not compile as shown:\n" + diagnostics);
  }

  /** The snippet as a compilation unit: its imports, then its code in a class. */
  private Path write(String name, String snippet) throws IOException {
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (String line : snippet.lines().toList()) {
      if (body.isEmpty() && (line.startsWith("import ") || line.isBlank())) {
        imports.add(line);
      } else {
        body.add(line);
      }
    }
    assertFalse(imports.stream().allMatch(String::isBlank), "a README snippet shows no imports:\n" + snippet);
    String code = String.join("\n", body);
    boolean members = MEMBER.matcher(body.get(0)).find();
    String unit = String.join("\n", imports) + "\n\nclass " + name + " {\n"
        + (members ? code : "static void run() throws Exception {\n" + code + "\n}") + "\n}\n";
    Path file = work.resolve("src").resolve(name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, unit);
    return file;
  }
}
