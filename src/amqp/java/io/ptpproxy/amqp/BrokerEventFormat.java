package io.ptpproxy.amqp;

import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.event.ResourceType;

/**
 * The event as the broker carries it: upstream's v1 transport event (api-contract.md §6.3, §8), a
 * CloudEvent 0.3 whose {@code source} and {@code subject} are the full resource address under its
 * AMQP-era name ({@link #brokerAddress}), with
 * {@code datacontenttype application/json} and v1 data ({@code "version":"v1"}, values keyed
 * {@code resource, dataType, valueType, value}). Built from the published v2 event, so both
 * transports carry the same id, type, time and values.
 */
public final class BrokerEventFormat {

    /** The data content type of every broker event. */
    public static final String DATA_CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** v2 value keys and the v1 keys a v1 consumer reads, in the order written. */
    private static final Map<String, String> V1_KEYS = Map.of(
            "ResourceAddress", "resource", "data_type", "dataType", "value_type", "valueType", "value", "value");
    private static final String[] V2_ORDER = {"ResourceAddress", "data_type", "value_type", "value"};

    private final EventFormat json;

    public BrokerEventFormat() {
        this.json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        if (json == null) {
            throw new IllegalStateException("CloudEvents JSON format not found on the classpath");
        }
    }

    /**
     * The AMQP address of a resource, the name every AMQP-era Go proxy used: the address itself,
     * except clock class, which they named {@code …/sync/ptp-status/ptp-clock-class-change} (the
     * rename to {@code …/clock-class} came after upstream dropped AMQP).
     *
     * @param resource a resource address, e.g. {@code /cluster/node/node1/sync/ptp-status/clock-class}
     * @return the address its events and status requests use on the broker
     */
    public static String brokerAddress(String resource) {
        String suffix = ResourceType.CLOCK_CLASS.suffix();
        return resource.endsWith(suffix)
                ? resource.substring(0, resource.length() - suffix.length()) + ResourceType.LEGACY_CLOCK_CLASS_SUFFIX
                : resource;
    }

    /**
     * @return the CloudEvent 0.3 sent to the broker; its {@code subject} (and {@code source}) is the
     *     broker address it is sent to
     */
    public CloudEvent toBrokerEvent(PublishedEvent published) {
        CloudEvent v2 = json.deserialize(published.json());
        String address = brokerAddress(published.address());
        return CloudEventBuilder.v03()
                .withId(v2.getId())
                .withSource(URI.create(address))
                .withSubject(address)
                .withType(v2.getType())
                .withTime(v2.getTime())
                .withDataContentType(DATA_CONTENT_TYPE)
                .withData(v1Data(v2.getData().toBytes()))
                .build();
    }

    /** Rewrites v2 data ({@code version 1.0}, O-RAN value keys) into v1 data. */
    static byte[] v1Data(byte[] v2Data) {
        try {
            JsonNode data = MAPPER.readTree(v2Data);
            ObjectNode v1 = MAPPER.createObjectNode();
            v1.put("version", "v1");
            ArrayNode values = v1.putArray("values");
            for (JsonNode value : data.path("values")) {
                ObjectNode converted = values.addObject();
                for (String key : V2_ORDER) {
                    if (value.has(key)) {
                        converted.set(V1_KEYS.get(key), value.get(key));
                    }
                }
                Iterator<Map.Entry<String, JsonNode>> others = value.fields();
                while (others.hasNext()) {
                    Map.Entry<String, JsonNode> field = others.next();
                    if (!V1_KEYS.containsKey(field.getKey())) {
                        converted.set(field.getKey(), field.getValue());
                    }
                }
            }
            return MAPPER.writeValueAsBytes(v1);
        } catch (IOException e) {
            throw new IllegalArgumentException("Event data is not JSON", e);
        }
    }
}
