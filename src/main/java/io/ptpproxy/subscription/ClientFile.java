package io.ptpproxy.subscription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One client file in upstream's layout, {@code <clientID>.json}: the subscriptions of one EndpointUri
 * under {@code subStore.store}, keyed by SubscriptionId. Read strictly: every inconsistency makes the
 * file corrupt, so a damaged file is set aside rather than half restored.
 */
final class ClientFile {

    static final String SUFFIX = ".json";
    private static final int STATUS_ACTIVE = 1;
    private static final int ACTION_NEW = 0;

    private ClientFile() {
    }

    /** @return the file name of a client's subscriptions */
    static String nameOf(String endpointUri) {
        return ClientId.of(endpointUri) + SUFFIX;
    }

    /** @return the content of the client file of {@code endpointUri} holding {@code subscriptions} */
    static byte[] render(String endpointUri, List<Subscription> subscriptions) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("clientID", ClientId.of(endpointUri));
        ObjectNode store = root.putObject("subStore").putObject("store");
        for (Subscription subscription : subscriptions) {
            store.putObject(subscription.id())
                    .put("ResourceAddress", subscription.resourceAddress())
                    .put("EndpointUri", subscription.endpointUri())
                    .put("SubscriptionId", subscription.id())
                    .put("UriLocation", subscription.uriLocation());
        }
        root.put("EndpointUri", endpointUri);
        root.put("status", STATUS_ACTIVE);
        root.put("action", ACTION_NEW);
        try {
            return StoreJson.write(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** Returns the subscriptions of a client file, in file order; every inconsistency makes it corrupt. */
    static List<Subscription> read(Path file) throws CorruptFileException {
        JsonNode root = parse(file);
        require(root != null && root.isObject(), "not a JSON object");
        String fileName = file.getFileName().toString();
        String clientId = fileName.substring(0, fileName.length() - SUFFIX.length());
        String endpointUri = text(root, "EndpointUri");
        require(clientId.equals(text(root, "clientID")), "clientID does not match the file name");
        require(clientId.equals(ClientId.of(endpointUri)), "the file name is not the client ID of EndpointUri");
        optionalInteger(root, "status");
        optionalInteger(root, "action");
        JsonNode store = member(object(root, "subStore"), "store");
        if (store.isNull()) {
            return new ArrayList<>();
        }
        require(store.isObject(), "\"store\" is not an object");
        return subscriptions(store, endpointUri);
    }

    private static List<Subscription> subscriptions(JsonNode store, String endpointUri)
            throws CorruptFileException {
        List<Subscription> subscriptions = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : store.properties()) {
            Subscription subscription = subscription(entry.getKey(), entry.getValue());
            require(subscription.endpointUri().equals(endpointUri),
                    "subscription " + entry.getKey() + " has another EndpointUri than the file");
            require(addresses.add(subscription.resourceAddress()),
                    "two subscriptions to " + subscription.resourceAddress());
            subscriptions.add(subscription);
        }
        return subscriptions;
    }

    private static Subscription subscription(String key, JsonNode node) throws CorruptFileException {
        require(node.isObject(), "subscription " + key + " is not an object");
        Subscription subscription = new Subscription(text(node, "SubscriptionId"), text(node, "ResourceAddress"),
                text(node, "EndpointUri"), text(node, "UriLocation"));
        require(subscription.id().equals(key), "subscription " + key + " has another SubscriptionId");
        return subscription;
    }

    private static JsonNode parse(Path file) throws CorruptFileException {
        try {
            return StoreJson.read(Files.readAllBytes(file));
        } catch (IOException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new CorruptFileException(message.lines().findFirst().orElse(e.toString()));
        }
    }

    private static JsonNode member(JsonNode node, String key) throws CorruptFileException {
        JsonNode value = node.get(key);
        require(value != null, "\"" + key + "\" is missing");
        return value;
    }

    private static JsonNode object(JsonNode node, String key) throws CorruptFileException {
        JsonNode value = member(node, key);
        require(value.isObject(), "\"" + key + "\" is not an object");
        return value;
    }

    private static String text(JsonNode node, String key) throws CorruptFileException {
        JsonNode value = member(node, key);
        require(value.isTextual(), "\"" + key + "\" is not a string");
        return value.textValue();
    }

    /** {@code status} and {@code action} are not needed here, so only their type is checked. */
    private static void optionalInteger(JsonNode node, String key) throws CorruptFileException {
        JsonNode value = node.get(key);
        require(value == null || value.isIntegralNumber(), "\"" + key + "\" is not an integer");
    }

    private static void require(boolean condition, String reason) throws CorruptFileException {
        if (!condition) {
            throw new CorruptFileException(reason);
        }
    }

    /** A client file that cannot be restored; the message says why. */
    static final class CorruptFileException extends Exception {

        private static final long serialVersionUID = 1L;

        CorruptFileException(String reason) {
            super(reason, null, false, false);
        }
    }
}
