package io.ptpproxy.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ptpproxy.subscription.Subscription;

/**
 * The v2 wire form of a subscription or publisher, with upstream's exact keys and key order.
 */
@JsonPropertyOrder({"ResourceAddress", "EndpointUri", "SubscriptionId", "UriLocation"})
public record SubscriptionInfo(
        @JsonProperty("ResourceAddress") String resourceAddress,
        @JsonProperty("EndpointUri") String endpointUri,
        @JsonProperty("SubscriptionId") String subscriptionId,
        @JsonProperty("UriLocation") String uriLocation) {

    /** @return the wire form of a stored subscription */
    public static SubscriptionInfo of(Subscription subscription) {
        return new SubscriptionInfo(subscription.resourceAddress(), subscription.endpointUri(),
                subscription.id(), subscription.uriLocation());
    }
}
