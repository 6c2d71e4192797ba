package io.ptpproxy.warmup;

import io.ptpproxy.event.PublishedEvent;

/**
 * The warm-up's {@code v1Delivery}: no v1 subscriber and no consumer sidecar, as {@code V1Delivery}
 * with empty stores (only the wiring may use the legacy package).
 */
public final class NoV1Subscribers {

    /** As {@code V1Delivery.deliver} with nobody to deliver to. */
    public void deliver(PublishedEvent event) {
        // nobody subscribed over v1
    }
}
