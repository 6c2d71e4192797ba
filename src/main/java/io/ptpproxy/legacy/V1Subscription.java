package io.ptpproxy.legacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One REST API v1 subscription (upstream's PubSub, api-contract.md §2.2), in its wire form: all four
 * keys always present, a missing callback as {@code null}.
 *
 * @param id the subscription id (UUID v4)
 * @param endpointUri where events are posted, or null: then events are only logged
 * @param uriLocation the URI of this subscription in the v1 API
 * @param resource the subscribed resource address (any string; v1 validates nothing)
 */
@JsonPropertyOrder({"id", "endpointUri", "uriLocation", "resource"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record V1Subscription(
        @JsonProperty("id") String id,
        @JsonProperty("endpointUri") String endpointUri,
        @JsonProperty("uriLocation") String uriLocation,
        @JsonProperty("resource") String resource) {

    /** @return true when events have somewhere to go */
    public boolean hasEndpoint() {
        return endpointUri != null && !endpointUri.isEmpty();
    }
}
