package dev.exchangesync.bench;

import com.google.gson.Gson;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import okio.Buffer;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the stock OpenAPI Generator ({@code java}, library {@code retrofit2}, its own templates, Gson) and ours
 * (templates/) on every spec of the generator corpus, compiles each result with javac, then reads and writes back
 * the JSON of the spec's {@code x-corpus} round trips with each: it must read (as the class named, if any; our
 * {@code X.Base} is the stock {@code X}) and be written back unchanged, unknown properties and explicit nulls
 * included. Prints one Markdown row per spec.
 * Usage: {@code GeneratorComparison <corpus folder> <templates folder> <work folder>}.
 */
public final class GeneratorComparison {
  private GeneratorComparison() {
  }

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path templates = Path.of(args[1]).toAbsolutePath();
    Path work = Path.of(args[2]);
    List<Path> specs;
    try (Stream<Path> files = Files.list(corpus)) {
      specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    int stockCompiled = 0;
    int oursCompiled = 0;
    int[] stockTrips = new int[2];
    int[] oursTrips = new int[2];
    System.out.println("| spec | stock `java`/`retrofit2` | ours |");
    System.out.println("| --- | --- | --- |");
    for (Path spec : specs) {
      String name = spec.getFileName().toString().replace(".yaml", "");
      Path stockClasses = work.resolve("stock-" + name + "-classes");
      Path oursClasses = work.resolve("ours-" + name + "-classes");
      Map<String, Object> section = corpusSection(spec);
      @SuppressWarnings("unchecked")
      Map<String, String> names = (Map<String, String>) section.getOrDefault("nameMappings", Map.of());
      String stock = build(stock(spec, names, work.resolve("stock-" + name)), stockClasses);
      String ours = build(ours(spec, names, templates, work.resolve("ours-" + name)), oursClasses);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> trips = (List<Map<String, Object>>) section.getOrDefault("roundTrip", List.of());
      if (stock.equals("compiles")) {
        stockCompiled++;
        stock += roundTrip(trips, stockClasses, "stock", stockTrips, GeneratorComparison::gsonRoundTrip);
      }
      if (ours.equals("compiles")) {
        oursCompiled++;
        ours += roundTrip(trips, oursClasses, "ours", oursTrips,
            GeneratorComparison::moshiRoundTrip);
      }
      System.out.println("| " + name + " | " + stock + " | " + ours + " |");
    }
    System.out.println();
    System.out.println("compiles: stock " + stockCompiled + " of " + specs.size() + ", ours " + oursCompiled + " of "
        + specs.size() + "; round trips unchanged: stock " + stockTrips[0] + " of " + stockTrips[1] + ", ours "
        + oursTrips[0] + " of " + oursTrips[1]);
  }

  /** Reads {@code json} into {@code model} and writes it back, with the generated code in {@code loader}. */
  private interface RoundTrip {
    Object read(ClassLoader loader, String pkg, Class<?> model, String json) throws Exception;
  }

  /** The spec's x-corpus section: its round trips, and the nameMappings it needs (given to both generators). */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> corpusSection(Path spec) throws IOException {
    try (Reader reader = Files.newBufferedReader(spec)) {
      Map<String, Object> document = new Yaml().load(reader);
      return (Map<String, Object>) document.get("x-corpus");
    }
  }

  /** Runs the round trips; returns ", round trips k of n" and adds to {@code tally} (passed, run). */
  private static String roundTrip(List<Map<String, Object>> trips, Path classes, String pkg, int[] tally,
      RoundTrip how) throws IOException {
    if (trips.isEmpty()) {
      return "";
    }
    int passed = 0;
    String firstFailure = null;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        GeneratorComparison.class.getClassLoader())) {
      for (Map<String, Object> trip : trips) {
        String json = (String) trip.get("json");
        try {
          Class<?> model = loader.loadClass(pkg + ".model." + trip.get("model"));
          Object written = how.read(loader, pkg, model, json);
          String wanted = (String) trip.get("class");
          if (wanted != null) {
            String expected = pkg + ".model." + (pkg.equals("stock") ? wanted.replace(".Base", "")
                : wanted.replace('.', '$'));
            Object value = ((Object[]) written)[1];
            if (!value.getClass().getName().equals(expected)) {
              throw new IllegalStateException("read as " + value.getClass().getSimpleName() + ", not " + wanted);
            }
          }
          String back = (String) ((Object[]) written)[0];
          if (!tree(back).equals(tree(json))) {
            throw new IllegalStateException("written back as " + back);
          }
          passed++;
        } catch (Exception | Error e) {
          if (firstFailure == null) {
            Throwable root = e;
            while (root.getCause() != null) {
              root = root.getCause();
            }
            String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
            firstFailure = (message.length() > 90 ? message.substring(0, 90) + "…" : message).replace("|", "\\|");
          }
        }
      }
    }
    tally[0] += passed;
    tally[1] += trips.size();
    return ", round trips " + passed + " of " + trips.size() + (firstFailure == null ? "" : " (first failure: "
        + firstFailure + ")");
  }

  private static Object gsonRoundTrip(ClassLoader loader, String pkg, Class<?> model, String json) throws Exception {
    Object holder = loader.loadClass(pkg + ".JSON").getConstructor().newInstance();
    Gson gson = (Gson) holder.getClass().getMethod("getGson").invoke(holder);
    Object value = gson.fromJson(json, model);
    return new Object[] {gson.toJson(value), value};
  }

  @SuppressWarnings("unchecked")
  private static Object moshiRoundTrip(ClassLoader loader, String pkg, Class<?> model, String json) throws Exception {
    JsonAdapter.Factory factory = (JsonAdapter.Factory) loader.loadClass(pkg + ".JSON").getField("FACTORY").get(null);
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) new Moshi.Builder().add(factory).build().adapter(model);
    Object value = adapter.fromJson(json);
    return new Object[] {adapter.toJson(value), value};
  }

  /** A JSON value as maps, lists and exact numbers, to compare two texts without regard to order or format. */
  private static Object tree(String json) throws IOException {
    return tree(JsonReader.of(new Buffer().writeUtf8(json)));
  }

  private static Object tree(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> object = new HashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          object.put(reader.nextName(), tree(reader));
        }
        reader.endObject();
        return object;
      }
      case BEGIN_ARRAY -> {
        List<Object> array = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(tree(reader));
        }
        reader.endArray();
        return array;
      }
      case NUMBER -> {
        BigDecimal number = new BigDecimal(reader.nextString());
        return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
      }
      case STRING -> {
        return reader.nextString();
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      default -> {
        return reader.nextNull();
      }
    }
  }

  private static Result stock(Path spec, Map<String, String> names, Path out) {
    CodegenConfigurator configurator = new CodegenConfigurator()
        .setGeneratorName("java").setLibrary("retrofit2").setInputSpec(spec.toString()).setOutputDir(out.toString())
        .setInvokerPackage("stock").setApiPackage("stock.api").setModelPackage("stock.model")
        .addAdditionalProperty("hideGenerationTimestamp", true).addAdditionalProperty("openApiNullable", false)
        .addGlobalProperty("apiTests", "false").addGlobalProperty("modelTests", "false")
        .addGlobalProperty("apiDocs", "false").addGlobalProperty("modelDocs", "false");
    names.forEach(configurator::addNameMapping);
    return run(configurator, out);
  }

  private static Result ours(Path spec, Map<String, String> names, Path templates, Path out) {
    CodegenConfigurator configurator = CodegenConfigurator.fromFile(templates.resolve("generator-config.yaml").toString());
    configurator.setInputSpec(spec.toString());
    configurator.setOutputDir(out.toString());
    configurator.setTemplateDir(templates.toString());
    // Not the library's own packages, which are on this classpath too.
    configurator.setInvokerPackage("ours");
    configurator.setApiPackage("ours.api");
    configurator.setModelPackage("ours.model");
    names.forEach(configurator::addNameMapping);
    return run(configurator, out);
  }

  private record Result(Path sources, String failure) {
  }

  private static Result run(CodegenConfigurator configurator, Path out) {
    try {
      new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
      return new Result(out.resolve("src/main/java"), null);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return new Result(null, "generation fails: " + root.getMessage());
    }
  }

  private static String build(Result result, Path classes) throws IOException {
    if (result.failure() != null) {
      return result.failure();
    }
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-nowarn",
        "-classpath", System.getProperty("java.class.path"), "-encoding", "UTF-8"));
    try (Stream<Path> walk = Files.walk(result.sources())) {
      walk.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    Files.createDirectories(classes);
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    int status = ToolProvider.getSystemJavaCompiler().run(null, said, said, args.toArray(String[]::new));
    if (status == 0) {
      return "compiles";
    }
    String output = said.toString(StandardCharsets.UTF_8);
    long errors = output.lines().filter(line -> line.contains(": error: ")).count();
    String first = output.lines().filter(line -> line.contains(": error: ")).findFirst().orElse("")
        .replaceAll(".*: error: ", "").replace("|", "\\|");
    return "**does not compile**: " + errors + " error" + (errors == 1 ? "" : "s") + ", first: " + first;
  }
}
