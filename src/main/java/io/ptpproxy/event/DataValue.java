package io.ptpproxy.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One entry of an O-RAN event's {@code data.values}: a notification (an enumerated state) or a
 * metric (a number), about one resource. The value is carried as a string on the wire, except for
 * {@code redfish-event} values, which are JSON objects.
 *
 * @param resourceAddress the resource the value describes, e.g. {@code /cluster/node/n1/ens5fx/master}
 * @param dataType {@code notification} or {@code metric}
 * @param valueType {@code enumeration}, {@code decimal64.3} or {@code redfish-event}
 * @param value the value as a string ({@code "LOCKED"}, {@code "-3"}); for {@code redfish-event} the
 *     JSON text of the object
 */
@JsonPropertyOrder({"ResourceAddress", "data_type", "value_type", "value"})
public record DataValue(
        @JsonProperty("ResourceAddress") String resourceAddress,
        @JsonProperty("data_type") String dataType,
        @JsonProperty("value_type") String valueType,
        @JsonIgnore String value) {

    public static final String NOTIFICATION = "notification";
    public static final String METRIC = "metric";
    public static final String ENUMERATION = "enumeration";
    public static final String DECIMAL = "decimal64.3";
    public static final String REDFISH_EVENT = "redfish-event";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public DataValue {
        if (resourceAddress == null) {
            throw new IllegalArgumentException("resourceAddress cannot be null");
        }
        if (dataType == null || valueType == null || value == null) {
            throw new IllegalArgumentException("dataType, valueType and value cannot be null");
        }
    }

    /** @return a notification value carrying an enumerated state */
    public static DataValue notification(String resourceAddress, String state) {
        return new DataValue(resourceAddress, NOTIFICATION, ENUMERATION, state);
    }

    /** @return a metric value carrying an integer (offset, clock class, ...) */
    public static DataValue metric(String resourceAddress, long number) {
        return new DataValue(resourceAddress, METRIC, DECIMAL, Long.toString(number));
    }

    /** @return the value as it goes on the wire: the string, or the object of a {@code redfish-event} */
    @JsonProperty("value")
    public Object wireValue() {
        if (!REDFISH_EVENT.equals(valueType)) {
            return value;
        }
        try {
            return MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("redfish-event value is not JSON: " + value, e);
        }
    }
}
