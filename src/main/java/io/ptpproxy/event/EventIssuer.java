package io.ptpproxy.event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Turns notifications into serialized O-RAN CloudEvents, each with a fresh random id and the
 * current UTC time (or the time the source gave the event, in UTC).
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
                format.serialize(notification, id, timeOf(notification)), OranAddress.instancesOf(notification.values()));
    }

    /** @return a one-off event (initial notification, CurrentState answer) for the given values */
    public byte[] snapshot(EventKind type, String address, List<DataValue> values) {
        return snapshotOf(new Notification(type, address, values));
    }

    /** @return a one-off event (initial notification, CurrentState answer) with a fresh id */
    public byte[] snapshotOf(Notification notification) {
        return format.serialize(notification, UUID.randomUUID(), timeOf(notification));
    }

    private OffsetDateTime timeOf(Notification notification) {
        return notification.time() == null ? now() : notification.time().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
