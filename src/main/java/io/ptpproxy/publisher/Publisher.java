package io.ptpproxy.publisher;

/**
 * A publisher registered through the API ({@code POST publishers}): events pushed with its id
 * ({@code POST create/event}) go to the subscribers of its resource address.
 *
 * @param id the publisher id (a random UUID), also its {@code SubscriptionId} on the wire
 * @param resourceAddress the address its events are published to
 * @param endpointUri the publisher's callback, {@code ""} when it gave none
 * @param uriLocation where the publisher can be read back (REST API v2)
 */
public record Publisher(String id, String resourceAddress, String endpointUri, String uriLocation) {

    public Publisher {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("id cannot be null or empty");
        }
        if (resourceAddress == null || resourceAddress.isEmpty()) {
            throw new IllegalArgumentException("resourceAddress cannot be null or empty");
        }
        if (endpointUri == null || uriLocation == null) {
            throw new IllegalArgumentException("endpointUri and uriLocation cannot be null");
        }
    }
}
