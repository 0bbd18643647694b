package dev.exchangesync.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec drift report on $metadata documents written in Microsoft's format: one that matches, one that drifted. */
final class SpecDriftTest {
  private static final Path MATCHING = Path.of("src/test/resources/drift/metadata-matching.xml");
  private static final Path DRIFTED = Path.of("src/test/resources/drift/metadata-drifted.xml");

  @TempDir
  Path temp;

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = SpecDrift.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void matchingMetadataIsNoDrift() {
    Run run = run(MATCHING.toString());

    assertEquals(0, run.exit(), run.out() + run.err());
    assertEquals("openapi/ (openapi/exchange-connectors.yaml) against " + MATCHING + ": 4 types, 1 action\n"
        + "no drift\n", run.out());
  }

  private static final String DRIFT = """
      + enum member deviceManagementExchangeConnectorStatus.connectorUpgradeRequired: new in Graph
      - enum member deviceManagementExchangeConnectorType.dedicated: in openapi/, not in Graph
      + property deviceManagementExchangeConnector.connectorHealthState (Edm.String): new in Graph
      ~ property deviceManagementExchangeConnector.serverName: not nullable in Graph, nullable in openapi/
      ~ property deviceManagementExchangeConnector.version: type Edm.String in openapi/, Edm.Int32 in Graph
      - property deviceManagementExchangeConnector.exchangeAlias: in openapi/, not in Graph
      + action parameter microsoft.graph.sync(syncExchangeConnector).force (Edm.Boolean): new in Graph
      7 differences: update openapi/, then regenerate (mvn -B generate-sources)
      """;

  @Test
  void driftedMetadataListsEveryDifferenceAndExitsOne() {
    Run run = run(DRIFTED.toString());

    assertEquals(1, run.exit(), run.err());
    assertEquals("openapi/ (openapi/exchange-connectors.yaml) against " + DRIFTED + ": 4 types, 1 action\n" + DRIFT,
        run.out());
  }

  @Test
  void metadataIsFetchedFromAnAddress() throws Exception {
    try (MockWebServer graph = new MockWebServer()) {
      graph.enqueue(new MockResponse().setHeader("Content-Type", "application/xml")
          .setBody(Files.readString(DRIFTED)));
      graph.enqueue(new MockResponse().setResponseCode(503));
      graph.start();
      String url = graph.url("/v1.0/$metadata").toString();

      Run drifted = run(url);
      Run unavailable = run(url);

      assertEquals(1, drifted.exit(), drifted.err());
      assertTrue(drifted.out().endsWith(DRIFT), drifted.out());
      assertEquals("application/xml", graph.takeRequest().getHeader("Accept"));
      assertEquals(2, unavailable.exit());
      assertEquals("cannot compare: " + url + " answered HTTP 503\n", unavailable.err());
    }
  }

  @Test
  void anAddressThatDoesNotAnswerIsExitTwoNamingIt() throws Exception {
    String url;
    try (MockWebServer closed = new MockWebServer()) {
      closed.start();
      url = closed.url("/v1.0/$metadata").toString();
    }

    Run run = run(url);

    assertEquals(2, run.exit());
    assertTrue(run.err().startsWith("cannot compare: cannot fetch " + url + ": ConnectException"), run.err());
  }

  @Test
  void unreadableInputIsExitTwoWithTheReason() throws Exception {
    Path html = Files.writeString(temp.resolve("page.html"), "<html><body>Sign in</body></html>");

    Run none = run();
    Run missing = run(temp.resolve("nothing.xml").toString());
    Run notCsdl = run(html.toString());

    assertEquals(2, none.exit());
    assertTrue(none.err().startsWith("usage: SpecDrift <$metadata file or URL>"), none.err());
    assertEquals(2, missing.exit());
    assertEquals("cannot compare: no $metadata file " + temp.resolve("nothing.xml").toAbsolutePath() + "\n",
        missing.err());
    assertEquals(2, notCsdl.exit());
    assertEquals("cannot compare: the document is not CSDL: it has no edm:Schema\n", notCsdl.err());
  }
}
