package io.ptpproxy.mock;

import java.util.List;
import java.util.Optional;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.EventKind;
import io.ptpproxy.event.Notification;
import io.ptpproxy.source.EventSource;

/**
 * Upstream's mock plugin ({@code MOCK_PLUGIN=true}): one publisher, {@code /cluster/node/<node>/mock},
 * that publishes a LOCKED / -200 event every period (the {@code source-mock} route's timer). Before
 * the first periodic event, a new subscriber and CurrentState get upstream's mock status answer
 * (ACQUIRING-SYNC / 99.6); afterwards the last event published.
 */
public final class MockSource implements EventSource {

    /** The CloudEvent kind of mock events: source {@code /mock} (the address under the node), type {@code mock}. */
    public static final EventKind KIND = EventKind.of("/mock", "mock");

    private final String address;
    private volatile Notification last;

    /** @param nodeName this node's name */
    public MockSource(String nodeName) {
        this.address = "/cluster/node/" + nodeName + "/mock";
    }

    /** @return the mock publisher's address */
    public String address() {
        return address;
    }

    /** @return the next periodic event, remembered for CurrentState */
    public Notification next() {
        Notification event = event("LOCKED", "-200");
        last = event;
        return event;
    }

    @Override
    public List<String> addresses() {
        return List.of(address);
    }

    /** Only its own address: upstream's mock status function answered for any address. */
    @Override
    public boolean publishes(String requested) {
        return address.equals(requested);
    }

    @Override
    public Optional<Notification> currentState(String requested) {
        return Optional.of(initialState(requested));
    }

    @Override
    public Notification initialState(String requested) {
        Notification published = last;
        return published != null ? published : event("ACQUIRING-SYNC", "99.6");
    }

    private Notification event(String state, String metric) {
        return new Notification(KIND, address, List.of(
                DataValue.notification(address, state),
                new DataValue(address, DataValue.METRIC, DataValue.DECIMAL, metric)));
    }
}
