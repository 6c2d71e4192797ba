package io.ptpproxy.source;

import java.util.List;
import java.util.Optional;

import io.ptpproxy.event.Notification;

/**
 * One source of events as the REST API sees it: the resources it publishes, what a new subscriber
 * of one of them receives first, and what {@code CurrentState} answers. The events themselves reach
 * the publish route through the source's own route ({@code routes/source-*.yaml}); this interface
 * only lets the API answer for the resources the enabled sources publish.
 */
public interface EventSource {

    /** @return the publisher addresses of this source, in publisher-list order */
    List<String> addresses();

    /** @return true when a subscription to this address is served by this source */
    boolean publishes(String address);

    /**
     * @param address an address this source {@link #publishes}
     * @return the current state as an event, or empty while nothing is known (CurrentState is then 404)
     */
    Optional<Notification> currentState(String address);

    /**
     * @param address an address this source {@link #publishes}
     * @return what a new subscriber receives: the current state, or a placeholder while nothing is known
     */
    Notification initialState(String address);

    /**
     * @param address an address this source {@link #publishes}, possibly covering several resources
     * @return the current state of each resource it covers that has one, in answer order; empty while
     *     nothing is known
     */
    default List<Notification> currentStates(String address) {
        return currentState(address).map(List::of).orElse(List.of());
    }

    /**
     * @param address an address this source {@link #publishes}
     * @return what a new subscriber receives, one POST each: the current states, or placeholders
     */
    default List<Notification> initialStates(String address) {
        return List.of(initialState(address));
    }

    /**
     * @param address an address this source {@link #publishes}
     * @return true when CurrentState answers one event object, false for a JSON array of events
     */
    default boolean answersOneEvent(String address) {
        return true;
    }
}
