package io.ptpproxy.legacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Upstream's Subscriber record, the data of a registration CloudEvent and the content of a
 * publisher's client file:
 * {@code {"clientID","subStore":{"store":{"<id>":{PubSub}}},"endPointURI","status","action"}}.
 * Keys are read case-insensitively, as Go's encoding/json does.
 */
final class SubscriberRecord {

    /** {@code action} of a registration. */
    static final int ACTION_NEW = 0;
    /** {@code action} of an unregistration (the client and all its subscriptions). */
    static final int ACTION_DELETE = 2;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SubscriberRecord() {
    }

    /** A parsed record. */
    record Parsed(Registration registration, int action) {
    }

    /** @return the JSON of a registration with the given action */
    static byte[] render(Registration registration, int action, boolean indented) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("clientID", registration.clientId());
        ObjectNode store = root.putObject("subStore").putObject("store");
        for (V1Subscription subscription : registration.subscriptions()) {
            store.set(subscription.id(), MAPPER.valueToTree(
                    new V1Subscription(subscription.id(), null, null, subscription.resource())));
        }
        root.put("endPointURI", registration.transportUrl());
        root.put("status", 1);
        root.put("action", action);
        try {
            return (indented ? INDENTED : MAPPER).writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is wrong
     */
    static Parsed parse(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? new byte[0] : json);
        } catch (IOException e) {
            throw new IllegalArgumentException("subscriber data is not JSON: " + new String(json, StandardCharsets.UTF_8));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("subscriber data is not a JSON object");
        }
        String clientId = field(root, "clientID").asText("");
        String endpoint = field(root, "endPointURI").asText("");
        int action = field(root, "action").asInt(ACTION_NEW);
        if (clientId.isEmpty() || endpoint.isEmpty() && action == ACTION_NEW) {
            throw new IllegalArgumentException("subscriber data needs clientID and endPointURI");
        }
        if (!clientId.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("clientID is not a UUID: " + clientId);
        }
        List<V1Subscription> subscriptions = new ArrayList<>();
        JsonNode store = field(field(root, "subStore"), "store");
        for (Map.Entry<String, JsonNode> entry : store.properties()) {
            String resource = field(entry.getValue(), "resource").asText("");
            String id = field(entry.getValue(), "id").asText(entry.getKey());
            subscriptions.add(new V1Subscription(id.isEmpty() ? entry.getKey() : id, null, null, resource));
        }
        return new Parsed(new Registration(clientId, endpoint, subscriptions), action);
    }

    private static JsonNode field(JsonNode node, String key) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equalsIgnoreCase(key)) {
                return field.getValue();
            }
        }
        return MAPPER.missingNode();
    }
}
