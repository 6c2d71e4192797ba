package io.ptpproxy.api;

/**
 * Which REST API a publisher request came through, and so which key names its bodies use: v2
 * ({@code ResourceAddress, EndpointUri, SubscriptionId, UriLocation}, case-sensitive) or v1
 * ({@code id, endpointUri, uriLocation, resource}, matched case-insensitively as Go's decoder does).
 */
public enum KeyStyle {
    V1("/api/ocloudNotifications/v1"),
    V2("/api/ocloudNotifications/v2");

    private final String basePath;

    KeyStyle(String basePath) {
        this.basePath = basePath;
    }

    /** @return the API's base path, e.g. {@code /api/ocloudNotifications/v2} */
    public String basePath() {
        return basePath;
    }
}
