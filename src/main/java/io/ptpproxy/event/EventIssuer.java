package io.ptpproxy.event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Turns notifications into serialized O-RAN CloudEvents, each with a fresh random id and the
 * current UTC time.
 */
public final class EventIssuer {

    private final OranEventFormat format;
    private final Clock clock;

    public EventIssuer(OranEventFormat format, Clock clock) {
        this.format = format;
        this.clock = clock;
    }

    /** @return the event to deliver for a state change */
    public PublishedEvent issue(Notification notification) {
        UUID id = UUID.randomUUID();
        return new PublishedEvent(id, notification.type(), notification.address(),
                format.serialize(notification, id, now()));
    }

    /** @return a one-off event (initial notification, CurrentState answer) for the given values */
    public byte[] snapshot(ResourceType type, String address, List<DataValue> values) {
        return format.serialize(new Notification(type, address, values), UUID.randomUUID(), now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
