package dev.exchangesync.drift;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.Yaml;

/**
 * The spec drift report: compares the Graph types and actions that openapi/ mirrors (schemas marked
 * {@code x-ms-graph-type}, operations marked {@code x-ms-graph-action}) with Graph's CSDL {@code $metadata}, and
 * lists new or removed properties, changed types or nullability, new or removed enum members and changed action
 * parameters. Exit code 0 when they match, 1 on drift, 2 when either document cannot be read.
 *
 * <p>Usage: {@code SpecDrift <$metadata file or URL> [openapi file]}; see the README, "Keeping openapi/ in step".
 */
public final class SpecDrift {
  private static final String EDM = "http://docs.oasis-open.org/odata/ns/edm";

  private final PrintStream out;
  private final List<String> drift = new ArrayList<>();
  private final Map<String, Element> types = new LinkedHashMap<>();
  private final List<Element> actions = new ArrayList<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();

  private SpecDrift(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the report; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2 || args[0].isBlank()) {
      err.println("usage: SpecDrift <$metadata file or URL> [openapi file]  (e.g. https://graph.microsoft.com/v1.0/"
          + "$metadata)");
      return 2;
    }
    Path spec = Path.of(args.length > 1 ? args[1] : "openapi/exchange-connectors.yaml");
    SpecDrift report = new SpecDrift(out);
    try {
      report.readMetadata(metadata(args[0]));
      return report.compare(spec, args[0]);
    } catch (IOException | SAXException | RuntimeException e) {
      err.println("cannot compare: " + e.getMessage());
      return 2;
    }
  }

  /** The $metadata document, from a file or, for an http(s) address, from the network. */
  private static InputStream metadata(String source) throws IOException {
    if (!source.startsWith("http://") && !source.startsWith("https://")) {
      Path file = Path.of(source);
      if (!Files.isRegularFile(file)) {
        throw new IOException("no $metadata file " + file.toAbsolutePath());
      }
      return Files.newInputStream(file);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofMinutes(2))
        .header("Accept", "application/xml").build();
    try {
      HttpResponse<InputStream> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        throw new IOException("cannot fetch " + source + ": " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
      }
      if (response.statusCode() != 200) {
        response.body().close();
        throw new IOException(source + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + source, e);
    }
  }

  private void readMetadata(InputStream in) throws IOException, SAXException {
    Document document;
    try (in) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      document = builder.parse(in);
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    NodeList schemas = document.getElementsByTagNameNS(EDM, "Schema");
    if (schemas.getLength() == 0) {
      throw new IOException("the document is not CSDL: it has no edm:Schema");
    }
    for (int i = 0; i < schemas.getLength(); i++) {
      Element schema = (Element) schemas.item(i);
      String namespace = schema.getAttribute("Namespace");
      if (!schema.getAttribute("Alias").isEmpty()) {
        aliases.put(schema.getAttribute("Alias"), namespace);
      }
      for (Element child : children(schema, null)) {
        switch (child.getLocalName()) {
          case "EntityType", "ComplexType", "EnumType" -> types.put(namespace + "." + child.getAttribute("Name"), child);
          case "Action" -> actions.add(child);
          default -> {
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private int compare(Path specFile, String source) throws IOException {
    Map<String, Object> spec;
    try (Reader reader = Files.newBufferedReader(specFile, StandardCharsets.UTF_8)) {
      spec = new Yaml().load(reader);
    }
    Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>)
        ((Map<String, Object>) spec.get("components")).get("schemas");
    int typesCompared = 0;
    for (Map.Entry<String, Map<String, Object>> schema : schemas.entrySet()) {
      String graphType = (String) schema.getValue().get("x-ms-graph-type");
      if (graphType != null) {
        typesCompared++;
        compareType(schema.getKey(), schema.getValue(), graphType, schemas);
      }
    }
    int actionsCompared = 0;
    for (Object path : ((Map<String, Object>) spec.get("paths")).values()) {
      for (Object item : ((Map<String, Object>) path).values()) {
        if (item instanceof Map<?, ?> operation && operation.get("x-ms-graph-action") instanceof String action) {
          actionsCompared++;
          compareAction((Map<String, Object>) operation, action, schemas);
        }
      }
    }
    out.println("openapi/ (" + specFile + ") against " + source + ": " + typesCompared + " type"
        + (typesCompared == 1 ? "" : "s") + ", " + actionsCompared + " action" + (actionsCompared == 1 ? "" : "s"));
    drift.forEach(out::println);
    if (drift.isEmpty()) {
      out.println("no drift");
      return 0;
    }
    out.println(drift.size() + " difference" + (drift.size() == 1 ? "" : "s") + ": update openapi/, then regenerate"
        + " (mvn -B generate-sources)");
    return 1;
  }

  @SuppressWarnings("unchecked")
  private void compareType(String name, Map<String, Object> schema, String graphType,
      Map<String, Map<String, Object>> schemas) {
    Element type = types.get(graphType);
    if (type == null) {
      drift.add("! type " + graphType + " (schema " + name + "): not in $metadata");
      return;
    }
    if (type.getLocalName().equals("EnumType")) {
      List<String> ours = new ArrayList<>();
      for (Object member : (List<Object>) schema.getOrDefault("enum", List.of())) {
        ours.add(String.valueOf(member));
      }
      List<String> graphs = new ArrayList<>();
      for (Element member : children(type, "Member")) {
        graphs.add(member.getAttribute("Name"));
      }
      graphs.stream().filter(m -> !ours.contains(m)).forEach(m -> drift.add("+ enum member " + name + "." + m
          + ": new in Graph"));
      ours.stream().filter(m -> !graphs.contains(m)).forEach(m -> drift.add("- enum member " + name + "." + m
          + ": in openapi/, not in Graph"));
      return;
    }
    Map<String, Element> graphProperties = new LinkedHashMap<>();
    for (Element t = type; t != null; t = types.get(qualified(t.getAttribute("BaseType")))) {
      for (Element property : children(t, "Property")) {
        graphProperties.putIfAbsent(property.getAttribute("Name"), property);
      }
      if (t.getAttribute("BaseType").isEmpty()) {
        break;
      }
    }
    Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
    compareMembers("property " + name, properties, graphProperties, schemas);
  }

  @SuppressWarnings("unchecked")
  private void compareAction(Map<String, Object> operation, String action, Map<String, Map<String, Object>> schemas) {
    String id = (String) operation.get("operationId");
    Map<String, Object> body = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) operation.getOrDefault("requestBody", Map.of())).getOrDefault("content", Map.of()))
        .getOrDefault("application/json", Map.of())).getOrDefault("schema", Map.of());
    Map<String, Object> bodySchema = body.containsKey("$ref") ? schemas.get(refName((String) body.get("$ref"))) : body;
    String bound = (String) operation.get("x-ms-graph-bound-type");
    if (bound == null) {
      drift.add("! operation " + id + ": x-ms-graph-action without x-ms-graph-bound-type, the type it is bound to");
      return;
    }
    Element match = null;
    for (Element candidate : actions) {
      String name = ((Element) candidate.getParentNode()).getAttribute("Namespace") + "." + candidate.getAttribute("Name");
      List<Element> parameters = children(candidate, "Parameter");
      boolean isBound = "true".equals(candidate.getAttribute("IsBound")) && !parameters.isEmpty();
      if (name.equals(action) && isBound && qualified(parameters.get(0).getAttribute("Type")).equals(bound)) {
        match = candidate;
      }
    }
    if (match == null) {
      drift.add("! action " + action + " bound to " + bound + " (operation " + id + "): not in $metadata");
      return;
    }
    Map<String, Element> graphParameters = new LinkedHashMap<>();
    List<Element> parameters = children(match, "Parameter");
    for (Element parameter : parameters.subList(1, parameters.size())) {
      graphParameters.put(parameter.getAttribute("Name"), parameter);
    }
    Map<String, Object> properties = (Map<String, Object>) bodySchema.getOrDefault("properties", Map.of());
    compareMembers("action parameter " + action + "(" + id + ")", properties, graphParameters, schemas);
  }

  @SuppressWarnings("unchecked")
  private void compareMembers(String what, Map<String, Object> ours, Map<String, Element> graphs,
      Map<String, Map<String, Object>> schemas) {
    for (Map.Entry<String, Element> graph : graphs.entrySet()) {
      if (!ours.containsKey(graph.getKey())) {
        drift.add("+ " + what + "." + graph.getKey() + " (" + graph.getValue().getAttribute("Type") + "): new in Graph");
      }
    }
    for (Map.Entry<String, Object> property : ours.entrySet()) {
      Element graph = graphs.get(property.getKey());
      if (graph == null) {
        drift.add("- " + what + "." + property.getKey() + ": in openapi/, not in Graph");
        continue;
      }
      Map<String, Object> schema = (Map<String, Object>) property.getValue();
      String oursType = edmType(schema, schemas);
      String graphType = qualified(graph.getAttribute("Type"));
      if (!oursType.equals(graphType)) {
        drift.add("~ " + what + "." + property.getKey() + ": type " + oursType + " in openapi/, " + graphType
            + " in Graph");
      }
      boolean graphNullable = !"false".equals(graph.getAttribute("Nullable"));
      boolean oursNullable = Boolean.TRUE.equals(schema.get("nullable"));
      if (graphNullable != oursNullable && !schema.containsKey("$ref")) {
        drift.add("~ " + what + "." + property.getKey() + ": " + (graphNullable ? "nullable" : "not nullable")
            + " in Graph, " + (oursNullable ? "nullable" : "not nullable") + " in openapi/");
      }
    }
  }

  /** The CSDL type an OpenAPI property schema stands for, e.g. {@code Edm.DateTimeOffset}. */
  @SuppressWarnings("unchecked")
  private static String edmType(Map<String, Object> schema, Map<String, Map<String, Object>> schemas) {
    if (schema.containsKey("$ref")) {
      Map<String, Object> target = schemas.get(refName((String) schema.get("$ref")));
      Object graphType = target == null ? null : target.get("x-ms-graph-type");
      return graphType != null ? (String) graphType : "(schema " + refName((String) schema.get("$ref")) + ")";
    }
    String type = String.valueOf(schema.get("type"));
    String format = (String) schema.get("format");
    return switch (type) {
      case "array" -> "Collection(" + edmType((Map<String, Object>) schema.get("items"), schemas) + ")";
      case "boolean" -> "Edm.Boolean";
      case "integer" -> "int64".equals(format) ? "Edm.Int64" : "Edm.Int32";
      case "number" -> "float".equals(format) ? "Edm.Single" : "double".equals(format) ? "Edm.Double"
          : "Edm.Decimal";
      case "string" -> format == null ? "Edm.String" : switch (format) {
        case "date-time" -> "Edm.DateTimeOffset";
        case "date" -> "Edm.Date";
        case "uuid" -> "Edm.Guid";
        case "byte", "base64url" -> "Edm.Binary";
        case "duration" -> "Edm.Duration";
        default -> "Edm.String";
      };
      default -> "(" + type + ")";
    };
  }

  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** A CSDL type name with its namespace written out: {@code graph.x} becomes {@code microsoft.graph.x}. */
  private String qualified(String type) {
    if (type.startsWith("Collection(")) {
      return "Collection(" + qualified(type.substring(11, type.length() - 1)) + ")";
    }
    int dot = type.lastIndexOf('.');
    if (dot > 0 && aliases.containsKey(type.substring(0, dot))) {
      return aliases.get(type.substring(0, dot)) + type.substring(dot);
    }
    return type;
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> result = new ArrayList<>();
    for (int i = 0; i < parent.getChildNodes().getLength(); i++) {
      if (parent.getChildNodes().item(i) instanceof Element child && EDM.equals(child.getNamespaceURI())
          && (localName == null || localName.equals(child.getLocalName()))) {
        result.add(child);
      }
    }
    return result;
  }
}
