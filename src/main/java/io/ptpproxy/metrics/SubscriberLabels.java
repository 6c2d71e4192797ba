package io.ptpproxy.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ptpproxy.subscription.ClientId;

/**
 * The {@code subscriber} label of per-subscriber metrics, bounded so that subscribers coming and going
 * cannot grow the scrape without limit: the first {@code limit} endpoints seen get their client id
 * (the UUID v3 upstream names their store file after), every later one shares {@value #OTHER}. A
 * label once given is kept for the life of the process, so a series never changes meaning.
 */
public final class SubscriberLabels {

    /** The label shared by subscribers beyond the limit. */
    public static final String OTHER = "other";

    private final int limit;
    private final Map<String, String> labels = new ConcurrentHashMap<>();

    /** @param limit how many subscribers get a label of their own */
    public SubscriberLabels(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit cannot be negative");
        }
        this.limit = limit;
    }

    /** @return the label of the endpoint: its client id, or {@value #OTHER} beyond the limit */
    public String labelOf(String endpointUri) {
        String known = labels.get(endpointUri);
        return known != null ? known : assign(endpointUri);
    }

    private synchronized String assign(String endpointUri) {
        String known = labels.get(endpointUri);
        if (known != null) {
            return known;
        }
        String label = labels.size() < limit ? ClientId.of(endpointUri) : OTHER;
        labels.put(endpointUri, label);
        return label;
    }
}
