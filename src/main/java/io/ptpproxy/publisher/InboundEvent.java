package io.ptpproxy.publisher;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ptpproxy.event.DataValue;

/**
 * The "cloud-native event" a publisher pushes ({@code POST create/event}, {@code POST log}):
 * {@code {"id":<publisher id>,"type","source","time","data":{"version","values":[...]}}}. Keys are
 * case-sensitive, as upstream's reader; each value may use the v2 keys ({@code ResourceAddress},
 * {@code data_type}, {@code value_type}, {@code value}) or the v1 keys ({@code resource},
 * {@code dataType}, {@code valueType}, {@code value}). A numeric {@code value} (upstream's handler
 * panics on one) is accepted and rendered as a decimal string ({@code -200}, {@code 99.6}).
 *
 * @param publisherId the {@code id}: the publisher the event is pushed for ({@code ""} when absent)
 * @param type the event type, the CloudEvent {@code type} it is delivered with
 * @param source the {@code source} the publisher named ({@code ""} when absent), only logged
 * @param time when the event happened, or null when the body gives none
 * @param values the data values, in the wire form of the O-RAN event
 */
public record InboundEvent(String publisherId, String type, String source, OffsetDateTime time,
                           List<DataValue> values) {

    /** Floats as BigDecimal: exact decimal text, and no silent Infinity for {@code 1e999}. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Digits a numeric value may have before or after the point; longer ones are refused, not expanded. */
    private static final int MAX_DIGITS = 64;
    private static final Set<String> DATA_TYPES = Set.of(DataValue.NOTIFICATION, DataValue.METRIC);
    private static final Set<String> VALUE_TYPES = Set.of(DataValue.ENUMERATION, DataValue.DECIMAL,
            DataValue.REDFISH_EVENT);
    /** v2 key of each value member to its v1 spelling. */
    private static final Map<String, String> V1_KEYS = Map.of(
            "ResourceAddress", "resource", "data_type", "dataType", "value_type", "valueType", "value", "value");

    public InboundEvent {
        values = List.copyOf(values);
    }

    /**
     * @param body the request body
     * @return the event
     * @throws InvalidEventException naming what is wrong
     */
    public static InboundEvent parse(String body) throws InvalidEventException {
        JsonNode root = readObject(body);
        String type = optionalText(root, "type");
        if (type.isEmpty()) {
            throw new InvalidEventException("event type is missing");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException("event data is missing or not an object");
        }
        optionalText(data, "version");
        JsonNode values = data.get("values");
        if (values != null && !values.isNull() && !values.isArray()) {
            throw new InvalidEventException("data.values is not an array");
        }
        List<DataValue> parsed = new ArrayList<>();
        if (values != null) {
            for (JsonNode value : values) {
                parsed.add(value(value, parsed.size()));
            }
        }
        return new InboundEvent(optionalText(root, "id"), type, optionalText(root, "source"), time(root), parsed);
    }

    private static JsonNode readObject(String body) throws InvalidEventException {
        if (body == null || body.isBlank()) {
            throw new InvalidEventException("empty body");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("invalid JSON: " + problem(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidEventException("the event is not a JSON object");
        }
        return root;
    }

    /** What is wrong with a body, in the API's words: the parser's own messages name its internals. */
    private static String problem(JsonProcessingException failure) {
        StreamReadConstraints limits = MAPPER.getFactory().streamReadConstraints();
        String message = String.valueOf(failure.getOriginalMessage());
        if (failure instanceof StreamConstraintsException) {
            if (message.startsWith("Document nesting depth")) {
                return "nested deeper than " + limits.getMaxNestingDepth() + " levels";
            }
            if (message.startsWith("Number value length")) {
                return "a number longer than " + limits.getMaxNumberLength() + " digits";
            }
            if (message.startsWith("String value length")) {
                return "a string longer than " + limits.getMaxStringLength() + " characters";
            }
            return "too large";
        }
        if (failure instanceof JsonEOFException || message.contains("end-of-input")) {
            return "unexpected end of input";
        }
        JsonLocation location = failure.getLocation();
        return location == null || location.getLineNr() < 1 ? "malformed"
                : "malformed at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static OffsetDateTime time(JsonNode root) throws InvalidEventException {
        String text = optionalText(root, "time");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("time is not an RFC 3339 timestamp: " + text);
        }
    }

    private static DataValue value(JsonNode node, int index) throws InvalidEventException {
        String at = "data.values[" + index + "]";
        if (!node.isObject()) {
            throw new InvalidEventException(at + " is not an object");
        }
        String address = member(node, "ResourceAddress", at);
        String dataType = member(node, "data_type", at);
        String valueType = member(node, "value_type", at);
        if (!DATA_TYPES.contains(dataType)) {
            throw new InvalidEventException(at + " has data type \"" + dataType + "\", expected notification or metric");
        }
        if (!VALUE_TYPES.contains(valueType)) {
            throw new InvalidEventException(at + " has value type \"" + valueType
                    + "\", expected enumeration, decimal64.3 or redfish-event");
        }
        JsonNode value = node.get("value");
        return new DataValue(address, dataType, valueType, render(value, valueType, at));
    }

    /** A v2 key, else its v1 spelling; it must be a string. */
    private static String member(JsonNode node, String v2Key, String at) throws InvalidEventException {
        JsonNode value = node.has(v2Key) ? node.get(v2Key) : node.get(V1_KEYS.get(v2Key));
        if (value == null || !value.isTextual()) {
            throw new InvalidEventException(at + "." + v2Key + " (v1: " + V1_KEYS.get(v2Key)
                    + ") is missing or not a string");
        }
        return value.textValue();
    }

    private static String render(JsonNode value, String valueType, String at) throws InvalidEventException {
        if (DataValue.REDFISH_EVENT.equals(valueType)) {
            if (value == null || !value.isObject()) {
                throw new InvalidEventException(at + ".value of a redfish-event is not an object");
            }
            return value.toString();
        }
        if (value != null && value.isTextual()) {
            return value.textValue();
        }
        if (value != null && value.isNumber()) {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            if (number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS) {
                throw new InvalidEventException(at + ".value is out of range: " + number);
            }
            return number.toPlainString();
        }
        throw new InvalidEventException(at + ".value is missing or not a string or number");
    }

    private static String optionalText(JsonNode node, String key) throws InvalidEventException {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidEventException("\"" + key + "\" is not a string");
        }
        return value.textValue();
    }
}
