package dev.exchangesync.internal.generated;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/** Runs the generator as the build does (same configuration file, same templates), and javac on the result. */
final class Generation {
  private Generation() {
  }

  /**
   * Generates {@code spec} into {@code out}, in the packages of {@code templates/generator-config.yaml} or, given
   * {@code pkg}, in {@code pkg}, {@code pkg.api} and {@code pkg.model}.
   *
   * @return the folder of the Java sources
   */
  static Path generate(Path spec, Path out, @Nullable String pkg) {
    return generate(spec, out, pkg, Map.of());
  }

  /** As {@link #generate(Path, Path, String)}, with more {@code nameMappings} than the configuration file's. */
  static Path generate(Path spec, Path out, @Nullable String pkg, Map<String, String> nameMappings) {
    CodegenConfigurator configurator = CodegenConfigurator.fromFile("templates/generator-config.yaml");
    configurator.setInputSpec(spec.toString());
    configurator.setOutputDir(out.toString());
    configurator.setTemplateDir(Path.of("templates").toAbsolutePath().toString());
    if (pkg != null) {
      configurator.setInvokerPackage(pkg);
      configurator.setApiPackage(pkg + ".api");
      configurator.setModelPackage(pkg + ".model");
    }
    nameMappings.forEach(configurator::addNameMapping);
    new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
    return out.resolve("src/main/java");
  }

  /** The .java files under {@code root}. */
  static List<String> javaFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
    }
  }

  /**
   * Compiles {@code sources} into {@code classes} in one javac run, with the build's lint and parameter names kept.
   *
   * @return what javac said: empty when the code compiled without a warning
   * @throws AssertionError when the code does not compile
   */
  static String compile(List<String> sources, Path classes) throws IOException {
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-parameters",
        "-Xlint:all,-processing", "-classpath", System.getProperty("java.class.path"),
        "-encoding", StandardCharsets.UTF_8.name()));
    args.addAll(sources);
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    String said = diagnostics.toString(StandardCharsets.UTF_8);
    if (status != 0) {
      throw new AssertionError("the generated code does not compile:\n" + said);
    }
    return said;
  }
}
