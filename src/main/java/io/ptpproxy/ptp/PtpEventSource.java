package io.ptpproxy.ptp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.OranAddress;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.source.EventSource;

/**
 * The PTP source as the API sees it: the seven O-RAN resource types of this node, addressed in
 * O-RAN's grammar ({@link OranAddress}: parents, {@code .}/{@code *}, an instance) or, as upstream
 * resolves them, by substring; CurrentState from the clock state tracker, and upstream's FREERUN
 * placeholder, shaped per type, as initial notification while nothing is known. Answers name the
 * node as the request wrote it.
 */
public final class PtpEventSource implements EventSource {

    private static final String FREERUN = "FREERUN";

    private final ClockStateTracker tracker;
    private final String nodeName;
    private final String nodePrefix;

    /**
     * @param tracker the clock state tracker the ingest route feeds
     * @param nodeName this node's name
     */
    public PtpEventSource(ClockStateTracker tracker, String nodeName) {
        this.tracker = tracker;
        this.nodeName = nodeName;
        this.nodePrefix = "/cluster/node/" + nodeName;
    }

    @Override
    public List<String> addresses() {
        return ResourceType.all().stream().map(type -> type.addressOn(nodeName)).toList();
    }

    @Override
    public boolean publishes(String address) {
        return OranAddress.parse(address, nodeName).isPresent() || ResourceType.ofAddress(address).isPresent();
    }

    @Override
    public Optional<Notification> currentState(String address) {
        return currentStates(address).stream().findFirst();
    }

    @Override
    public Notification initialState(String address) {
        return initialStates(address).get(0);
    }

    @Override
    public List<Notification> currentStates(String address) {
        OranAddress resolved = resolve(address);
        List<Notification> states = new ArrayList<>();
        for (ResourceType type : resolved.leaves()) {
            List<DataValue> values = tracker.currentValues(type).stream()
                    .filter(resolved::concerns)
                    .map(value -> echo(value, resolved))
                    .toList();
            if (!values.isEmpty()) {
                // an exact address answers under the address asked for (the v1 CloudEvent names it)
                states.add(new Notification(type, resolved.exact() ? address : type.addressOn(nodeName), values));
            }
        }
        return states;
    }

    @Override
    public List<Notification> initialStates(String address) {
        List<Notification> states = currentStates(address);
        if (!states.isEmpty()) {
            return states;
        }
        OranAddress resolved = resolve(address);
        String placeholder = resolved.nodePrefix() + (tracker.hasState() ? "/event-not-found" : "/ptp-not-set");
        return resolved.leaves().stream()
                .map(type -> new Notification(type, type.addressOn(nodeName), placeholderValues(type, placeholder)))
                .toList();
    }

    @Override
    public boolean answersOneEvent(String address) {
        return resolve(address).exact();
    }

    /**
     * The placeholder's values have the shape of the type's events ({@code oran-addressing.md} §3):
     * clock-class and SyncE clock-quality the metric only, sync-state and SyncE lock-state the
     * notification only, the others both.
     */
    static List<DataValue> placeholderValues(ResourceType type, String address) {
        return switch (type) {
            case CLOCK_CLASS, SYNCE_CLOCK_QUALITY -> List.of(DataValue.metric(address, 0));
            case SYNC_STATE, SYNCE_LOCK_STATE -> List.of(DataValue.notification(address, FREERUN));
            case LOCK_STATE, OS_CLOCK_SYNC_STATE, GNSS_SYNC_STATUS ->
                    List.of(DataValue.notification(address, FREERUN), DataValue.metric(address, 0));
        };
    }

    /** An address outside the grammar (another node's, matched by substring) answers for this node, exactly. */
    private OranAddress resolve(String address) {
        return OranAddress.parse(address, nodeName).orElseGet(() -> new OranAddress(address,
                List.of(ResourceType.ofAddress(address)
                        .orElseThrow(() -> new IllegalArgumentException("not a PTP resource: " + address))),
                null, nodePrefix, true));
    }

    /** Answers to a request name the node as the request wrote it ({@code .}, {@code *}, another cluster). */
    private DataValue echo(DataValue value, OranAddress requested) {
        String address = value.resourceAddress();
        if (requested.nodePrefix().equals(nodePrefix) || !address.startsWith(nodePrefix + "/")) {
            return value;
        }
        return new DataValue(requested.nodePrefix() + address.substring(nodePrefix.length()), value.dataType(),
                value.valueType(), value.value());
    }
}
