package io.ptpproxy.api;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptpproxy.http.JsonBody;

/**
 * The body of {@code POST subscriptions} (v2): a JSON object with the case-sensitive keys
 * {@code ResourceAddress} (required, non-empty) and {@code EndpointUri}. Unknown keys are skipped;
 * any of the four SubscriptionInfo keys holding a non-string is invalid, as upstream's reader has it.
 *
 * @param resourceAddress the address subscribed to
 * @param endpointUri the callback URI, possibly empty
 */
public record SubscriptionRequest(String resourceAddress, String endpointUri) {

    private static final String[] STRING_KEYS = {"ResourceAddress", "EndpointUri", "SubscriptionId", "UriLocation"};

    /**
     * @param body the raw request body, possibly null
     * @return the request, or empty when the body is not a valid SubscriptionInfo
     */
    public static Optional<SubscriptionRequest> parse(String body) {
        Optional<JsonNode> object = JsonBody.object(body);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = object.get();
        for (String key : STRING_KEYS) {
            JsonNode value = root.get(key);
            if (value != null && !value.isTextual()) {
                return Optional.empty();
            }
        }
        String address = root.path("ResourceAddress").asText("");
        if (address.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SubscriptionRequest(address, root.path("EndpointUri").asText("")));
    }
}
