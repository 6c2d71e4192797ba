package io.ptpproxy.example.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;

/**
 * One notification as the application sees it, whichever API delivered it: a CloudEvent (v2 push,
 * CurrentState) or a v1 "cloud-native event".
 *
 * @param type   e.g. {@code event.sync.ptp-status.ptp-state-change}
 * @param source e.g. {@code /sync/ptp-status/lock-state}
 * @param time   when the proxy issued it
 * @param values the values it carries, in order
 */
public record ReceivedEvent(String type, String source, OffsetDateTime time, List<Value> values) {

    /**
     * One entry of {@code data.values}.
     *
     * @param address  e.g. {@code /cluster/node/node1/ens5fx/master}
     * @param dataType {@code notification} or {@code metric}
     * @param value    e.g. {@code LOCKED} or {@code -3}
     */
    public record Value(String address, String dataType, String value) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ReceivedEvent {
        values = List.copyOf(values);
    }

    /**
     * Parses a CloudEvent in structured JSON (1.0 from v2; 0.3 from a v1 CurrentState).
     *
     * @throws IllegalArgumentException when it is not one (e.g. no {@code specversion}) or has no time
     */
    public static ReceivedEvent fromCloudEvent(byte[] json) {
        EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        if (format == null) {
            throw new IllegalStateException("cloudevents-json-jackson is not on the class path");
        }
        CloudEvent event;
        try {
            event = format.deserialize(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a CloudEvent: " + rootReason(e), e);
        }
        if (event.getTime() == null) {
            throw new IllegalArgumentException("the CloudEvent has no time");
        }
        JsonNode data = event.getData() == null ? MAPPER.nullNode() : readTree(event.getData().toBytes());
        return new ReceivedEvent(event.getType(), event.getSource().toString(), event.getTime(), values(data));
    }

    /**
     * Parses the JSON a v1 consumer sidecar posts: {@code id, type, source, dataContentType, time, data}
     * with values keyed {@code resource, dataType, valueType, value}.
     *
     * @throws IllegalArgumentException when it is not JSON, or type, source or time is missing or wrong
     */
    public static ReceivedEvent fromCloudNativeEvent(byte[] json) {
        JsonNode event = readTree(json);
        String type = requiredText(event, "type");
        String source = requiredText(event, "source");
        try {
            return new ReceivedEvent(type, source, OffsetDateTime.parse(requiredText(event, "time")),
                    values(event.path("data")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not RFC 3339: " + event.path("time").asText(), e);
        }
    }

    /**
     * Parses a CurrentState answer: a CloudEvent (v2, and v1 per the code) or a cloud-native event
     * (what some v1 documentation shows).
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static ReceivedEvent fromEitherShape(byte[] json) {
        return readTree(json).has("specversion") ? fromCloudEvent(json) : fromCloudNativeEvent(json);
    }

    /**
     * @param now the moment it was received
     * @return one line: type, source, time, latency (now − time) and each value
     */
    public String describe(Instant now) {
        long latencyMillis = Duration.between(time.toInstant(), now).toMillis();
        return "type=" + type + " source=" + source + " time=" + time + " latency=" + latencyMillis + "ms values=["
                + values.stream().map(v -> v.address() + " " + v.dataType() + "=" + v.value())
                        .collect(Collectors.joining(", ")) + "]";
    }

    /** v2 spells the keys {@code ResourceAddress, data_type}; v1 {@code resource, dataType}: accept both. */
    private static List<Value> values(JsonNode data) {
        List<Value> values = new ArrayList<>();
        for (JsonNode value : data.path("values")) {
            JsonNode content = value.path("value");
            values.add(new Value(
                    value.has("ResourceAddress") ? value.path("ResourceAddress").asText() : value.path("resource").asText(),
                    value.has("data_type") ? value.path("data_type").asText() : value.path("dataType").asText(),
                    content.isValueNode() ? content.asText() : content.toString()));
        }
        return values;
    }

    /** The SDK wraps Jackson's exception, whose message adds the input location on more lines: keep the reason. */
    private static String rootReason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root instanceof JsonProcessingException json ? json.getOriginalMessage() : String.valueOf(root.getMessage());
    }

    private static String requiredText(JsonNode event, String key) {
        JsonNode node = event.path(key);
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return node.asText();
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
