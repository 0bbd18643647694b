package dev.exchangesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.sandbox.GraphSandbox;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading connectors page by page: lazily, one request per page reached, failures as unchecked wrappers. */
class PagesTest {
  private final GraphSandbox sandbox = GraphSandbox.builder().pageSize(2).start(); // four connectors: two pages
  private final ExchangeConnectorClient client = ExchangeConnectorClient.builder()
      .tokenSource(TokenSource.of(sandbox.token()))
      .graphUrl(sandbox.graphUrl())
      .build();

  @AfterEach
  void close() {
    client.close();
    sandbox.close();
  }

  @Test
  void pagesAreRequestedOnlyWhenTheIterationReachesThem() {
    Iterator<List<DeviceManagementExchangeConnector>> pages = client.pages();
    assertEquals(0, sandbox.requests().size(), "nothing is sent before the first page is asked for");

    List<DeviceManagementExchangeConnector> first = pages.next();
    assertEquals(2, first.size());
    assertEquals(1, sandbox.requests().size());
    assertTrue(pages.hasNext());

    List<DeviceManagementExchangeConnector> second = pages.next();
    assertEquals(2, sandbox.requests().size());
    assertTrue(sandbox.requests().get(1).path().contains("$skiptoken="), sandbox.requests().get(1).path());
    assertFalse(pages.hasNext());
    assertThrows(NoSuchElementException.class, pages::next);

    List<DeviceManagementExchangeConnector> all = new ArrayList<>(first);
    all.addAll(second);
    assertEquals(ids(sandbox.connectors()), ids(all));
    assertThrows(UnsupportedOperationException.class, () -> first.add(first.get(0)), "pages are read-only");
  }

  @Test
  void aStreamStopsRequestingPagesOnceItHasWhatItNeeds() throws Exception {
    Optional<DeviceManagementExchangeConnector> first = client.stream().findFirst();

    assertEquals(sandbox.connectors().get(0).id(), first.orElseThrow().id());
    assertEquals(1, sandbox.requests().size());
    assertEquals(client.list(), client.stream().toList());
  }

  @Test
  void aFailedPageThrowsAnUncheckedWrapperOfItsGraphExceptionAndEndsTheIteration() {
    Iterator<List<DeviceManagementExchangeConnector>> pages = client.pages();
    pages.next();
    sandbox.failNext(1, 403);

    UncheckedIOException failure = assertThrows(UncheckedIOException.class, pages::next);

    AuthorizationException cause = assertInstanceOf(AuthorizationException.class, failure.getCause());
    assertEquals(cause.getMessage(), failure.getMessage());
    assertFalse(pages.hasNext());
  }

  @Test
  void aNextLinkThatLeavesGraphIsNotFollowed() throws Exception {
    try (MockWebServer server = new MockWebServer(); ExchangeConnectorClient mock = Fixtures.client(server).build()) {
      server.enqueue(Fixtures.json(200, "{\"value\":[" + Fixtures.connectorJson("c1", "connected") + "],"
          + "\"@odata.nextLink\":\"https://attacker.example/v1.0/deviceManagement/exchangeConnectors?$skiptoken=2\"}"));
      Iterator<List<DeviceManagementExchangeConnector>> pages = mock.pages();

      assertEquals("c1", pages.next().get(0).id());
      UncheckedIOException failure = assertThrows(UncheckedIOException.class, pages::next);

      assertInstanceOf(InvalidResponseException.class, failure.getCause());
      assertTrue(failure.getMessage().contains("not following it"), failure.getMessage());
      assertEquals(1, server.getRequestCount());
    }
  }

  private static List<String> ids(List<DeviceManagementExchangeConnector> connectors) {
    return connectors.stream().map(DeviceManagementExchangeConnector::id).toList();
  }

  @Test
  void aClosedClientRefusesToStartAnIteration() {
    client.close();

    assertThrows(IllegalStateException.class, client::pages);
    assertThrows(IllegalStateException.class, client::stream);
  }
}
