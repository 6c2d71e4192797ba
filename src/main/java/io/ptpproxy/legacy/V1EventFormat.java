package io.ptpproxy.legacy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.PublishedEvent;

/**
 * The v1 wire forms of an event (api-contract.md §2.3.2, §2.3.3, §6.3): the "cloud-native event"
 * JSON posted to v1 applications (keys {@code id, type, source, dataContentType, time, data}, value
 * keys {@code resource, dataType, valueType, value}, {@code data.version} {@code "v1"}), and the
 * CloudEvent 0.3 exchanged between sidecars and answered for CurrentState. v1 events are derived
 * from the v2 event the proxy issued, so both APIs report the same change at the same time.
 */
public final class V1EventFormat {

    /** Content type of every v1 event body. */
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DATA_VERSION = "v1";
    private final EventFormat json;

    public V1EventFormat() {
        this.json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        if (json == null) {
            throw new IllegalStateException("CloudEvents JSON format not found on the classpath");
        }
    }

    /** @return the v1 event of an issued v2 event (its id, type and time; the full address as source) */
    public V1Event fromPublished(PublishedEvent event) {
        CloudEvent cloudEvent = json.deserialize(event.json());
        return new V1Event(cloudEvent.getId(), cloudEvent.getType(), event.address(), utc(cloudEvent.getTime()),
                valuesOf(cloudEvent));
    }

    /** @return a v1 event for the current values of a resource (CurrentState) */
    public V1Event snapshot(String id, String eventType, String address, OffsetDateTime time,
                            List<DataValue> values) {
        return new V1Event(id, eventType, address, time, values);
    }

    /**
     * @param event the event
     * @param subscriptionId put in {@code id}, as upstream's sidecar does
     * @return the cloud-native event JSON posted to a v1 application
     */
    public byte[] applicationJson(V1Event event, String subscriptionId) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", subscriptionId);
        root.put("type", event.type());
        root.put("source", event.source());
        root.put("dataContentType", CONTENT_TYPE);
        root.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        root.set("data", data(event.values()));
        return bytes(root);
    }

    /** @return the CloudEvent 0.3 of the event: source and subject the resource address, JSON data */
    public CloudEvent toCloudEvent(V1Event event) {
        return CloudEventBuilder.v03()
                .withId(event.id())
                .withSource(URI.create(event.source()))
                .withSubject(event.source())
                .withType(event.type())
                .withTime(event.time())
                .withDataContentType(CONTENT_TYPE)
                .withData(bytes(data(event.values())))
                .build();
    }

    /** @return the structured-mode JSON of the event's CloudEvent 0.3 */
    public byte[] structured(V1Event event) {
        return json.serialize(toCloudEvent(event));
    }

    /** @return the structured-mode JSON of a CloudEvent */
    public byte[] structured(CloudEvent event) {
        return json.serialize(event);
    }

    /** @return the CloudEvent of structured-mode JSON */
    public CloudEvent parseStructured(byte[] body) {
        return json.deserialize(body);
    }

    /**
     * Reads a CloudEvent received over the transport. The resource is the {@code subject} when set,
     * else the {@code source} (upstream's rule); values may carry v1 or v2 key names.
     *
     * @throws IllegalArgumentException when the data is not an event's JSON data
     */
    public V1Event fromCloudEvent(CloudEvent event) {
        String source = event.getSubject() != null && !event.getSubject().isEmpty()
                ? event.getSubject() : event.getSource().toString();
        return new V1Event(event.getId(), event.getType(), source, utc(event.getTime()), valuesOf(event));
    }

    /** an event without a time is given the time it is rendered */
    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? OffsetDateTime.now(ZoneOffset.UTC) : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static ObjectNode data(List<DataValue> values) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("version", DATA_VERSION);
        ArrayNode array = data.putArray("values");
        for (DataValue value : values) {
            array.addObject()
                    .put("resource", value.resourceAddress())
                    .put("dataType", value.dataType())
                    .put("valueType", value.valueType())
                    .put("value", value.value());
        }
        return data;
    }

    private static List<DataValue> valuesOf(CloudEvent event) {
        if (event.getData() == null) {
            return List.of();
        }
        JsonNode data;
        try {
            data = MAPPER.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("event data is not JSON: " + e.getMessage(), e);
        }
        List<DataValue> values = new ArrayList<>();
        for (JsonNode value : data.path("values")) {
            values.add(new DataValue(text(value, "resource", "ResourceAddress"), text(value, "dataType", "data_type"),
                    text(value, "valueType", "value_type"), value.path("value").asText("")));
        }
        return values;
    }

    private static String text(JsonNode node, String v1Key, String v2Key) {
        JsonNode value = node.has(v1Key) ? node.get(v1Key) : node.path(v2Key);
        return value.asText("");
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }
}
