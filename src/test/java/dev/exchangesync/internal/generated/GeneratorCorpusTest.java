package dev.exchangesync.internal.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import retrofit2.Call;
import retrofit2.Converter;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The generator on a corpus of small specs, one OpenAPI feature each (src/test/resources/corpus), plus a slice in
 * Microsoft Graph's style. Every spec is generated with the build's configuration and templates, all are compiled
 * in one javac run, and each spec's {@code x-corpus} section is then checked: JSON read and written back unchanged
 * (unknown properties included), values read as the right Java types, bad JSON refused, and calls of the
 * generated Retrofit interfaces sending the expected request to MockWebServer and reading its answer. Specs under
 * corpus/unsupported must fail generation with a message naming the feature.
 */
final class GeneratorCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/corpus");

  @TempDir
  static Path temp;

  private static final Map<String, Map<String, Object>> specs = new TreeMap<>();
  private static ClassLoader loader;

  @BeforeAll
  static void generateAndCompileEveryCorpusSpec() throws IOException {
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(CORPUS)) {
      for (Path spec : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String name = spec.getFileName().toString().replace(".yaml", "");
        Map<String, Object> corpus = corpusSection(spec);
        specs.put(name, corpus);
        @SuppressWarnings("unchecked")
        Map<String, String> names = (Map<String, String>) corpus.getOrDefault("nameMappings", Map.of());
        Path out = Generation.generate(spec, temp.resolve("src-" + name), packageOf(name), names);
        sources.addAll(Generation.javaFiles(out));
      }
    }
    Path classes = temp.resolve("classes");
    assertEquals("", Generation.compile(sources, classes), "javac warned about generated code");
    loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratorCorpusTest.class.getClassLoader());
  }

  private static String packageOf(String specName) {
    return "corpus." + specName.replace('-', '_');
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> corpusSection(Path spec) throws IOException {
    try (Reader reader = Files.newBufferedReader(spec)) {
      Map<String, Object> document = new Yaml().load(reader);
      return (Map<String, Object>) Objects.requireNonNull(document.get("x-corpus"), spec + " has no x-corpus");
    }
  }

  @TestFactory
  Stream<DynamicNode> corpus() {
    return specs.entrySet().stream().map(spec -> DynamicContainer.dynamicContainer(spec.getKey(),
        checks(packageOf(spec.getKey()), spec.getValue())));
  }

  @SuppressWarnings("unchecked")
  private static Stream<DynamicNode> checks(String pkg, Map<String, Object> corpus) {
    List<DynamicNode> tests = new ArrayList<>();
    int n = 0;
    for (Map<String, Object> check : (List<Map<String, Object>>) corpus.getOrDefault("roundTrip", List.of())) {
      tests.add(DynamicTest.dynamicTest("round trip " + ++n + ": " + check.get("model"), () -> roundTrip(pkg, check)));
    }
    for (Map<String, Object> check : (List<Map<String, Object>>) corpus.getOrDefault("rejects", List.of())) {
      tests.add(DynamicTest.dynamicTest("rejects " + check.get("json"), () -> rejects(pkg, check)));
    }
    n = 0;
    for (Map<String, Object> call : (List<Map<String, Object>>) corpus.getOrDefault("calls", List.of())) {
      tests.add(DynamicTest.dynamicTest("call " + ++n + ": " + call.get("method"), () -> call(pkg, call)));
    }
    assertTrue(!tests.isEmpty(), pkg + " checks nothing");
    return tests.stream();
  }

  private static Moshi moshi(String pkg) throws ReflectiveOperationException {
    JsonAdapter.Factory factory = (JsonAdapter.Factory) loader.loadClass(pkg + ".JSON").getField("FACTORY").get(null);
    return new Moshi.Builder().add(factory).build();
  }

  private static Class<?> model(String pkg, String name) throws ClassNotFoundException {
    return loader.loadClass(pkg + ".model." + name.replace('.', '$'));
  }

  @SuppressWarnings("unchecked")
  private static void roundTrip(String pkg, Map<String, Object> check) throws Exception {
    JsonAdapter<Object> adapter = (JsonAdapter<Object>) moshi(pkg).adapter(model(pkg, (String) check.get("model")));
    String json = (String) check.get("json");

    Object value = adapter.fromJson(json);

    assertNotNull(value);
    if (check.containsKey("class")) {
      assertEquals(model(pkg, (String) check.get("class")), value.getClass(), json);
    }
    Map<String, String> paths = (Map<String, String>) check.getOrDefault("paths", Map.of());
    for (Map.Entry<String, String> path : paths.entrySet()) {
      Object at = at(value, path.getKey());
      assertNotNull(at, path.getKey());
      assertEquals(path.getValue(), typeName(pkg, at.getClass()), path.getKey() + " in " + json);
    }
    for (String known : (List<String>) check.getOrDefault("known", List.of())) {
      Object member = at(value, known);
      assertEquals(true, member.getClass().getMethod("isKnown").invoke(member), known + " = " + member);
    }
    for (String unknown : (List<String>) check.getOrDefault("unknown", List.of())) {
      Object member = at(value, unknown);
      assertEquals(false, member.getClass().getMethod("isKnown").invoke(member), unknown + " = " + member);
    }
    assertSameJson(json, adapter.toJson(value));
  }

  private static void rejects(String pkg, Map<String, Object> check) throws Exception {
    JsonAdapter<?> adapter = moshi(pkg).adapter(model(pkg, (String) check.get("model")));

    JsonDataException e = assertThrows(JsonDataException.class, () -> adapter.fromJson((String) check.get("json")));

    assertEquals(check.get("message"), e.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static void call(String pkg, Map<String, Object> call) throws Exception {
    Moshi moshi = moshi(pkg);
    try (MockWebServer server = new MockWebServer()) {
      Map<String, Object> answer = (Map<String, Object>) call.get("response");
      MockResponse response = new MockResponse().setResponseCode((Integer) answer.get("status"));
      if (answer.containsKey("body")) {
        response.setHeader("Content-Type", answer.getOrDefault("contentType", "application/json"))
            .setBody((String) answer.get("body"));
      }
      server.enqueue(response);
      server.start();
      Converter.Factory text = (Converter.Factory) loader.loadClass(pkg + ".JSON").getMethod("converterFactory")
          .invoke(null);
      Retrofit retrofit = new Retrofit.Builder().baseUrl(server.url("/")).addConverterFactory(text)
          .addConverterFactory(MoshiConverterFactory.create(moshi)).build();
      Class<?> api = loader.loadClass(pkg + ".api." + call.get("api"));
      Method method = Stream.of(api.getMethods()).filter(m -> m.getName().equals(call.get("method"))).findFirst()
          .orElseThrow(() -> new AssertionError(api.getSimpleName() + " has no " + call.get("method")));
      Map<String, Object> given = (Map<String, Object>) call.get("args");
      Parameter[] parameters = method.getParameters();
      Object[] args = new Object[parameters.length];
      for (int i = 0; i < parameters.length; i++) {
        String name = parameters[i].getName();
        args[i] = argument(pkg, moshi, server, name, given.get(name), parameters[i].getParameterizedType());
      }
      for (String name : given.keySet()) {
        assertTrue(Stream.of(parameters).anyMatch(p -> p.getName().equals(name)),
            () -> method.getName() + " has no parameter " + name + ": " + List.of(parameters));
      }

      Response<?> result = ((Call<?>) method.invoke(retrofit.create(api), args)).execute();

      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(request, "nothing was sent");
      assertEquals(call.get("request"), request.getMethod() + " " + request.getPath());
      Map<String, String> headers = (Map<String, String>) call.getOrDefault("headers", Map.of());
      headers.forEach((header, value) -> assertEquals(value, request.getHeader(header), header));
      String body = request.getBody().readString(StandardCharsets.ISO_8859_1);
      if (call.containsKey("requestBody")) {
        String expected = (String) call.get("requestBody");
        if (expected.startsWith("{")) {
          assertSameJson(expected, body);
        } else {
          assertEquals(expected, body);
        }
      }
      for (String part : (List<String>) call.getOrDefault("requestBodyContains", List.of())) {
        assertTrue(body.contains(part), () -> "the body lacks " + part + ":\n" + body);
      }
      assertTrue(result.isSuccessful(), () -> "HTTP " + result.code());
      if (call.containsKey("result")) {
        assertResult((String) call.get("result"), result.body(), moshi, method);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Object argument(String pkg, Moshi moshi, MockWebServer server, String name, Object given, Type type)
      throws Exception {
    if (given == null) {
      return null;
    }
    if (given instanceof String text && text.contains("{server}")) {
      given = text.replace("{server}", server.url("").toString().replaceAll("/$", ""));
    }
    String typeName = type.getTypeName();
    if (typeName.endsWith("CollectionFormats$Delimited")) {
      Map.Entry<String, Object> format = ((Map<String, Object>) given).entrySet().iterator().next();
      return loader.loadClass(pkg + ".CollectionFormats").getMethod(format.getKey(), List.class)
          .invoke(null, format.getValue());
    }
    if (typeName.endsWith("CollectionFormats$Cookie")) {
      return loader.loadClass(pkg + ".CollectionFormats$Cookie").getConstructor(String.class, String.class)
          .newInstance(name, ((Map<String, Object>) given).get("cookie"));
    }
    if (type == RequestBody.class) {
      String bytes = (String) ((Map<String, Object>) given).get("bytes");
      return RequestBody.create(bytes.getBytes(StandardCharsets.ISO_8859_1), (MediaType) null);
    }
    if (type == MultipartBody.Part.class) {
      Map<String, Object> part = (Map<String, Object>) given;
      return MultipartBody.Part.createFormData((String) part.get("part"), (String) part.get("filename"),
          RequestBody.create((String) part.get("content"), MediaType.get("text/plain")));
    }
    return moshi.adapter(type).fromJsonValue(given);
  }

  @SuppressWarnings("unchecked")
  private static void assertResult(String expected, Object body, Moshi moshi, Method method) throws IOException {
    if (body instanceof ResponseBody bytes) {
      assertEquals(expected, bytes.string());
    } else if (body instanceof String || body instanceof Number) {
      assertEquals(expected, body.toString());
    } else {
      Type type = ((java.lang.reflect.ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
      assertSameJson(expected, ((JsonAdapter<Object>) moshi.adapter(type)).toJson(body));
    }
  }

  /** Follows record accessors, e.g. {@code value.value}. */
  private static Object at(Object value, String path) throws ReflectiveOperationException {
    Object at = value;
    for (String accessor : path.split("\\.")) {
      Method method = at.getClass().getMethod(accessor);
      method.setAccessible(true);
      at = method.invoke(at);
      if (at == null) {
        return null;
      }
    }
    return at;
  }

  /** A class's name as the corpus writes it: the model's name inside its package, a JDK class's simple name. */
  private static String typeName(String pkg, Class<?> type) {
    String name = type.getName();
    String models = pkg + ".model.";
    return name.startsWith(models) ? name.substring(models.length()).replace('$', '.') : type.getSimpleName();
  }

  /** The same JSON value: objects compared without order, numbers by value with every digit. */
  static void assertSameJson(String expected, String actual) throws IOException {
    assertEquals(tree(expected), tree(actual), () -> "expected " + expected + "\nbut was  " + actual);
  }

  private static Object tree(String json) throws IOException {
    return tree(JsonReader.of(new Buffer().writeUtf8(json)));
  }

  private static Object tree(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
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

  @TestFactory
  Stream<DynamicTest> unsupportedFeaturesFailGenerationNamingTheFeature() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve("unsupported"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream().map(spec ->
          DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
            Map<String, Object> expected = corpusSection(spec);

            RuntimeException e = assertThrows(RuntimeException.class,
                () -> Generation.generate(spec, temp.resolve("unsupported-" + spec.getFileName()), "corpus.unsupported"));

            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
              chain.append(t.getMessage()).append('\n');
            }
            assertTrue(chain.toString().contains((String) expected.get("fails")), chain.toString());
            assertTrue(chain.toString().contains((String) expected.get("in")), chain.toString());
          }));
    }
  }
}
