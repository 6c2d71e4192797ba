package io.ptpproxy.legacy;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.ptpproxy.event.Notification;
import io.ptpproxy.source.ResourceCatalogue;

/**
 * The v1 backend of a proxy that publishes itself: CurrentState from the enabled sources (as the v2
 * API answers it), as a CloudEvent 0.3 whose source and subject are the requested resource.
 * Subscriptions need no registration anywhere.
 */
public final class LocalV1Backend implements V1Backend {

    /** upstream's message when the status function has nothing for a resource */
    static final String NOT_FOUND = "event not found";

    private final ResourceCatalogue catalogue;
    private final V1EventFormat format;
    private final Clock clock;

    public LocalV1Backend(ResourceCatalogue catalogue, V1EventFormat format, Clock clock) {
        this.catalogue = catalogue;
        this.format = format;
        this.clock = clock;
    }

    @Override
    public CurrentStateReply currentState(String resource) {
        Optional<Notification> state = catalogue.sourceOf(resource).flatMap(source -> source.currentState(resource));
        if (state.isEmpty() || state.get().values().isEmpty()) {
            return CurrentStateReply.missing(NOT_FOUND);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return CurrentStateReply.found(format.structured(
                format.snapshot(UUID.randomUUID().toString(), state.get().type().eventType(), resource, now,
                        state.get().values())));
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
