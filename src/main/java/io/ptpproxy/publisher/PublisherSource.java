package io.ptpproxy.publisher;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.ptpproxy.event.EventKind;
import io.ptpproxy.event.Notification;
import io.ptpproxy.source.EventSource;

/**
 * The publisher API as an event source: the addresses of the publishers registered through the API,
 * with CurrentState the last event pushed to each ({@code POST create/event}). Until a publisher
 * pushed anything, a new subscriber gets a placeholder event of kind {@link #NO_EVENT_YET} with no
 * values, and CurrentState is 404.
 */
public final class PublisherSource implements EventSource {

    /** The CloudEvent type of the placeholder sent before a publisher's first event. */
    public static final String NO_EVENT_YET = "event-not-found";

    private final PublisherStore store;
    private final Map<String, Notification> lastEvents = new ConcurrentHashMap<>();

    /** @param store the registered publishers */
    public PublisherSource(PublisherStore store) {
        this.store = store;
    }

    /**
     * Remembers an event pushed through the API as the current state of its address.
     *
     * @return the event, unchanged
     */
    public Notification remember(Notification event) {
        lastEvents.put(event.address(), event);
        return event;
    }

    /** Forgets the last event of an address whose publisher was deleted. */
    public void forget(String address) {
        lastEvents.remove(address);
    }

    @Override
    public List<String> addresses() {
        return store.all().stream().map(Publisher::resourceAddress).toList();
    }

    @Override
    public boolean publishes(String address) {
        return store.findByAddress(address).isPresent();
    }

    @Override
    public Optional<Notification> currentState(String address) {
        return Optional.ofNullable(lastEvents.get(address));
    }

    @Override
    public Notification initialState(String address) {
        return currentState(address)
                .orElseGet(() -> new Notification(EventKind.of(address, NO_EVENT_YET), address, List.of()));
    }
}
