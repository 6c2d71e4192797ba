package io.ptpproxy.event;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;

/**
 * Builds and serializes the O-RAN v2 notification: a CloudEvent 1.0 in structured JSON mode with
 * exactly {@code specversion, id, source, type, time, data} (no {@code datacontenttype}: upstream
 * consumers reject extra CE attributes), {@code source} the kind's source (for PTP the address suffix), and
 * {@code data = {"version":"1.0","values":[...]}}.
 */
public final class OranEventFormat {

    /** The HTTP content type upstream sends the structured event with. */
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final EventFormat format;

    public OranEventFormat() {
        EventFormat json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        if (json == null) {
            throw new IllegalStateException("CloudEvents JSON format not found on the classpath");
        }
        this.format = json;
    }

    /**
     * @param notification what to publish
     * @param id the event id (one per event; every subscriber gets the same one)
     * @param time the event time, UTC
     * @return the CloudEvent
     */
    public CloudEvent toCloudEvent(Notification notification, UUID id, OffsetDateTime time) {
        EventData data = new EventData("1.0", notification.values());
        return CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create(notification.type().source()))
                .withType(notification.type().eventType())
                .withTime(time)
                .withData(JsonCloudEventData.wrap(MAPPER.valueToTree(data)))
                .build();
    }

    /** @return the structured-mode JSON bytes of the event */
    public byte[] serialize(CloudEvent event) {
        return format.serialize(event);
    }

    /** @return the structured-mode JSON bytes of a new event for the notification */
    public byte[] serialize(Notification notification, UUID id, OffsetDateTime time) {
        return serialize(toCloudEvent(notification, id, time));
    }

    /** The {@code data} member of an O-RAN event. */
    @JsonPropertyOrder({"version", "values"})
    record EventData(@JsonProperty("version") String version,
                     @JsonProperty("values") List<DataValue> values) {
    }
}
