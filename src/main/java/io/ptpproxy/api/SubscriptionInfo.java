package io.ptpproxy.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ptpproxy.subscription.Subscription;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The v2 wire form of a subscription or publisher, with upstream's exact keys and key order. The
 * {@link Schema} examples only feed the OpenAPI document (typed values, where a REST DSL example
 * would be a JSON string).
 */
@JsonPropertyOrder({"ResourceAddress", "EndpointUri", "SubscriptionId", "UriLocation"})
public record SubscriptionInfo(
        @Schema(description = "The resource address", example = "/cluster/node/node1/sync/ptp-status/lock-state")
        @JsonProperty("ResourceAddress") String resourceAddress,
        @Schema(description = "Where events are POSTed", example = "http://consumer:9043/event")
        @JsonProperty("EndpointUri") String endpointUri,
        @Schema(description = "Assigned by the proxy (ignored in a request)",
                example = "789be75d-7ac3-472e-bbbc-6d62878aad4a")
        @JsonProperty("SubscriptionId") String subscriptionId,
        @Schema(description = "Where the subscription can be read and deleted (ignored in a request)",
                example = "http://localhost:9043/api/ocloudNotifications/v2/subscriptions/789be75d-7ac3-472e-bbbc-6d62878aad4a")
        @JsonProperty("UriLocation") String uriLocation) {

    /** @return the wire form of a stored subscription */
    public static SubscriptionInfo of(Subscription subscription) {
        return new SubscriptionInfo(subscription.resourceAddress(), subscription.endpointUri(),
                subscription.id(), subscription.uriLocation());
    }
}
