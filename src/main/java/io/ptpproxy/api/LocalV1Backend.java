package io.ptpproxy.api;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.event.V1EventFormat;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.subscription.V1Subscription;

/**
 * The v1 backend of a proxy that publishes itself: CurrentState from the local clock state, as a
 * CloudEvent 0.3 whose source and subject are the requested resource. Subscriptions need no
 * registration anywhere.
 */
public final class LocalV1Backend implements V1Backend {

    /** upstream's message when the status function has nothing for a resource */
    static final String NOT_FOUND = "event not found";

    private final ClockStateTracker tracker;
    private final V1EventFormat format;
    private final Clock clock;

    public LocalV1Backend(ClockStateTracker tracker, V1EventFormat format, Clock clock) {
        this.tracker = tracker;
        this.format = format;
        this.clock = clock;
    }

    @Override
    public CurrentStateReply currentState(String resource) {
        Optional<ResourceType> type = ResourceType.ofAddress(resource);
        if (type.isEmpty()) {
            return CurrentStateReply.missing(NOT_FOUND);
        }
        List<DataValue> values = tracker.currentValues(type.get());
        if (values.isEmpty()) {
            return CurrentStateReply.missing(NOT_FOUND);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return CurrentStateReply.found(format.structured(
                format.snapshot(UUID.randomUUID().toString(), type.get(), resource, now, values)));
    }

    @Override
    public void subscribed(V1Subscription subscription) {
        // the events are published here: nobody else needs to know
    }

    @Override
    public void unsubscribedAll() {
        // as above
    }
}
