package dev.exchangesync.internal.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import dev.exchangesync.model.DeviceManagementExchangeConnector;
import dev.exchangesync.model.DeviceManagementExchangeConnectorCollectionResponse;
import dev.exchangesync.model.DeviceManagementExchangeConnectorStatus;
import dev.exchangesync.model.DeviceManagementExchangeConnectorSyncType;
import dev.exchangesync.model.OdataError;
import dev.exchangesync.model.SyncExchangeConnectorRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JsonAdaptersTest {
  private final Moshi moshi = new Moshi.Builder().add(JSON.FACTORY).build();

  @Test
  void syncRequestWritesTheWireValue() {
    JsonAdapter<SyncExchangeConnectorRequest> adapter = moshi.adapter(SyncExchangeConnectorRequest.class);

    assertEquals("{\"syncType\":\"fullSync\"}",
        adapter.toJson(new SyncExchangeConnectorRequest(DeviceManagementExchangeConnectorSyncType.FULL_SYNC)));
  }

  @Test
  void openEnumReturnsKnownInstancesAndKeepsUnknownValues() {
    assertSame(DeviceManagementExchangeConnectorStatus.CONNECTED, DeviceManagementExchangeConnectorStatus.of("connected"));
    DeviceManagementExchangeConnectorStatus future = DeviceManagementExchangeConnectorStatus.of("someNewStatus");
    assertFalse(future.isKnown());
    assertEquals("someNewStatus", future.toString());
    assertEquals(future, DeviceManagementExchangeConnectorStatus.of("someNewStatus"));
    assertNotSame(future, DeviceManagementExchangeConnectorStatus.of("someNewStatus"));
    assertEquals(future.hashCode(), DeviceManagementExchangeConnectorStatus.of("someNewStatus").hashCode());
    assertEquals(DeviceManagementExchangeConnectorStatus.CONNECTED, new DeviceManagementExchangeConnectorStatus("connected"));
    assertNotEquals(future, DeviceManagementExchangeConnectorStatus.CONNECTED);
    assertNotEquals((Object) "connected", DeviceManagementExchangeConnectorStatus.CONNECTED);
    assertEquals(5, DeviceManagementExchangeConnectorStatus.knownValues().size());
    assertEquals("\"someNewStatus\"", moshi.adapter(DeviceManagementExchangeConnectorStatus.class).toJson(future));
  }

  @Test
  void collectionReadsNextLinkAndIgnoresUnknownProperties() throws Exception {
    DeviceManagementExchangeConnectorCollectionResponse page = moshi
        .adapter(DeviceManagementExchangeConnectorCollectionResponse.class)
        .fromJson("{\"@odata.context\":\"c\",\"@odata.count\":1,\"value\":[{\"id\":\"a\","
            + "\"lastSyncDateTime\":\"2026-11-24T08:15:30.1234567+01:00\"}],\"@odata.nextLink\":\"https://n\"}");

    assertEquals("https://n", page.nextLink());
    assertEquals("c", page.context());
    assertEquals(OffsetDateTime.parse("2026-11-24T08:15:30.1234567+01:00"), page.value().get(0).lastSyncDateTime());
    assertThrows(UnsupportedOperationException.class, () -> page.value().add(null));
  }

  @Test
  void writingOmitsNullsAndUsesIsoDates() {
    String json = moshi.adapter(DeviceManagementExchangeConnector.class).toJson(new DeviceManagementExchangeConnector(
        "a", OffsetDateTime.parse("2026-11-24T08:15:30Z"), DeviceManagementExchangeConnectorStatus.CONNECTED,
        null, null, null, null, null, null, null));

    assertEquals("{\"id\":\"a\",\"lastSyncDateTime\":\"2026-11-24T08:15:30Z\",\"status\":\"connected\"}", json);
  }

  @Test
  void missingRequiredPropertySaysWhichAndWhere() {
    JsonDataException e = assertThrows(JsonDataException.class, () -> moshi
        .adapter(DeviceManagementExchangeConnectorCollectionResponse.class)
        .fromJson("{\"value\":[{\"id\":\"a\"},{\"status\":\"connected\"}]}"));

    assertEquals("Required value 'id' missing at $.value[1]", e.getMessage());
  }

  @Test
  void graphErrorBodyReadsAllParts() throws Exception {
    OdataError error = moshi.adapter(OdataError.class).fromJson("{\"error\":{\"code\":\"BadRequest\",\"message\":"
        + "\"Invalid\",\"target\":\"syncType\",\"details\":[{\"code\":\"c\",\"message\":\"m\",\"target\":null}],"
        + "\"innerError\":{\"request-id\":\"r\",\"client-request-id\":\"cr\",\"date\":\"2026-11-24T08:15:30\"}}}");

    assertEquals("BadRequest", error.error().code());
    assertEquals("syncType", error.error().target());
    assertEquals("c", error.error().details().get(0).code());
    assertEquals("r", error.error().innerError().requestId());
    assertEquals("cr", error.error().innerError().clientRequestId());
  }

  @Test
  void recordsCopyListsAndCheckRequiredProperties() {
    List<DeviceManagementExchangeConnector> mutable = new ArrayList<>();
    DeviceManagementExchangeConnectorCollectionResponse page =
        new DeviceManagementExchangeConnectorCollectionResponse(null, mutable, null);
    mutable.add(new DeviceManagementExchangeConnector("a", null, null, null, null, null, null, null, null, null));

    assertTrue(page.value().isEmpty());
    assertEquals("id == null", assertThrows(NullPointerException.class, () -> new DeviceManagementExchangeConnector(
        null, null, null, null, null, null, null, null, null, null)).getMessage());
  }
}
