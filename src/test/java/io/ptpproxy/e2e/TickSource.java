package io.ptpproxy.e2e;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.EventKind;
import io.ptpproxy.event.Notification;
import io.ptpproxy.source.EventSource;
import io.ptpproxy.source.ResourceCatalogue;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * A test-only event source: each tick of its route ({@code test-routes/source-tick.yaml}) publishes
 * a counter on {@code /cluster/node/<node>/tick}.
 */
public final class TickSource implements EventSource {

    /** Source {@code /tick}, type {@code event.test.tick}. */
    public static final EventKind KIND = EventKind.of("/tick", "event.test.tick");

    private final String address;
    private final AtomicLong ticks = new AtomicLong();
    private volatile Notification last;

    public TickSource(String nodeName) {
        this.address = "/cluster/node/" + nodeName + "/tick";
    }

    /** @return the next tick's event */
    public Notification next() {
        Notification event = event(ticks.incrementAndGet());
        last = event;
        return event;
    }

    @Override
    public List<String> addresses() {
        return List.of(address);
    }

    @Override
    public boolean publishes(String requested) {
        return address.equals(requested);
    }

    @Override
    public Optional<Notification> currentState(String requested) {
        return Optional.ofNullable(last);
    }

    @Override
    public Notification initialState(String requested) {
        return currentState(requested).orElseGet(() -> event(0));
    }

    private Notification event(long count) {
        return new Notification(KIND, address, List.of(DataValue.metric(address, count)));
    }

    /** What the wiring does for a built-in source: bind the bean the route calls, register the source. */
    public static final class Configuration implements CamelConfiguration {

        @Override
        public void configure(CamelContext context) {
            String node = context.getPropertiesComponent().resolveProperty("node.name").orElseThrow();
            TickSource source = new TickSource(node);
            context.getRegistry().bind("tickSource", source);
            context.getRegistry().lookupByNameAndType("resourceCatalogue", ResourceCatalogue.class).register(source);
        }
    }
}
