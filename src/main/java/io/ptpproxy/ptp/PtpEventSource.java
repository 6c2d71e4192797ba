package io.ptpproxy.ptp;

import java.util.List;
import java.util.Optional;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.source.EventSource;

/**
 * The PTP source as the API sees it: the seven O-RAN resource types of this node, resolved by
 * substring as upstream does, with CurrentState from the clock state tracker and upstream's
 * FREERUN placeholder as initial notification while nothing is known.
 */
public final class PtpEventSource implements EventSource {

    private final ClockStateTracker tracker;
    private final String nodeName;

    /**
     * @param tracker the clock state tracker the ingest route feeds
     * @param nodeName this node's name
     */
    public PtpEventSource(ClockStateTracker tracker, String nodeName) {
        this.tracker = tracker;
        this.nodeName = nodeName;
    }

    @Override
    public List<String> addresses() {
        return ResourceType.all().stream().map(type -> type.addressOn(nodeName)).toList();
    }

    @Override
    public boolean publishes(String address) {
        return ResourceType.ofAddress(address).isPresent();
    }

    @Override
    public Optional<Notification> currentState(String address) {
        ResourceType type = typeOf(address);
        List<DataValue> values = tracker.currentValues(type);
        return values.isEmpty() ? Optional.empty() : Optional.of(new Notification(type, address, values));
    }

    @Override
    public Notification initialState(String address) {
        ResourceType type = typeOf(address);
        return currentState(address).orElseGet(() -> {
            String placeholder = "/cluster/node/" + nodeName
                    + (tracker.hasState() ? "/event-not-found" : "/ptp-not-set");
            return new Notification(type, type.addressOn(nodeName),
                    List.of(DataValue.notification(placeholder, "FREERUN"), DataValue.metric(placeholder, 0)));
        });
    }

    private static ResourceType typeOf(String address) {
        return ResourceType.ofAddress(address)
                .orElseThrow(() -> new IllegalArgumentException("not a PTP resource: " + address));
    }
}
