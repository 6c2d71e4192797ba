package io.ptpproxy.example.consumer;

/**
 * The two versions of the O-Cloud Notification REST API: where they live and how their subscription
 * objects spell the three keys the consumer uses.
 */
public enum ApiVersion {

    /** Legacy: the application talks to a consumer sidecar next to it and receives cne-shaped events. */
    V1("/api/ocloudNotifications/v1", "resource", "endpointUri", "id"),

    /** O-RAN: the application talks to the proxy itself and receives CloudEvents 1.0. */
    V2("/api/ocloudNotifications/v2", "ResourceAddress", "EndpointUri", "SubscriptionId");

    private final String basePath;
    private final String resourceKey;
    private final String endpointKey;
    private final String idKey;

    ApiVersion(String basePath, String resourceKey, String endpointKey, String idKey) {
        this.basePath = basePath;
        this.resourceKey = resourceKey;
        this.endpointKey = endpointKey;
        this.idKey = idKey;
    }

    /**
     * @param text the {@code --api-version} value, as upstream: {@code 1.0} or {@code 2.0} (also {@code 1}, {@code 2})
     * @return the version
     * @throws IllegalArgumentException for anything else
     */
    public static ApiVersion parse(String text) {
        return switch (text.trim()) {
            case "1", "1.0" -> V1;
            case "2", "2.0" -> V2;
            default -> throw new IllegalArgumentException("--api-version must be 1.0 or 2.0, not '" + text + "'");
        };
    }

    /** @return the path the API lives under, e.g. {@code /api/ocloudNotifications/v2} */
    public String basePath() {
        return basePath;
    }

    /** @return the subscription key holding the resource address */
    public String resourceKey() {
        return resourceKey;
    }

    /** @return the subscription key holding the callback URI */
    public String endpointKey() {
        return endpointKey;
    }

    /** @return the subscription key holding the subscription id */
    public String idKey() {
        return idKey;
    }
}
