package io.ptpproxy.amqp;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.jms.JmsConsumer;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Subscribing through the broker: one receiver route per resource address (from the
 * {@code broker-receiver} template in routes-amqp/amqp.yaml), each handing the decoded
 * {@link io.cloudevents.CloudEvent} to a Camel endpoint, e.g. the v1 consumer sidecar's event route.
 * The receivers share the proxy's broker connection and reconnect with it.
 */
public final class BrokerSubscriptions {

    static final String TEMPLATE = "broker-receiver";
    private static final long ATTACH_POLL_MS = 10;
    private final CamelContext context;

    public BrokerSubscriptions(CamelContext context) {
        this.context = context;
    }

    /**
     * Opens a receiver on each address (the link address is the resource address itself).
     *
     * @param addresses resource addresses, e.g. {@code /cluster/node/node1/sync/ptp-status/lock-state}
     * @param target the endpoint each received CloudEvent is sent to, e.g. {@code direct:v1-event}
     * @return the receiver route id of each address, to close it with {@link #close}
     */
    public Map<String, String> open(Collection<String> addresses, String target) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (String address : addresses) {
            String routeId = TEMPLATE + ":" + address;
            if (context.getRoute(routeId) == null) {
                TemplatedRouteBuilder.builder(context, TEMPLATE)
                        .routeId(routeId)
                        .parameter("address", address)
                        .parameter("target", target)
                        .add();
            }
            routes.put(address, routeId);
        }
        return routes;
    }

    /**
     * Waits until each receiver's link is attached at the broker (its listener container holds a
     * consumer on the address), so nothing published from then on passes it by.
     *
     * @param routeIds receivers opened by {@link #open}
     * @param timeout how long to wait for all of them
     * @return true when all are attached
     */
    public boolean awaitAttached(Collection<String> routeIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String routeId : routeIds) {
            while (!attached(routeId)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(ATTACH_POLL_MS);
            }
        }
        return true;
    }

    /** @return true when the receiver's consumer is registered with its address */
    public boolean attached(String routeId) {
        Route route = context.getRoute(routeId);
        if (route == null || !context.getRouteController().getRouteStatus(routeId).isStarted()
                || !(route.getConsumer() instanceof JmsConsumer jms)) {
            return false;
        }
        try {
            return jms.getListenerContainer() instanceof DefaultMessageListenerContainer container
                    && container.isRegisteredWithDestination();
        } catch (Exception stopping) {
            return false;
        }
    }

    /** Closes a receiver opened by {@link #open}. */
    public void close(String routeId) {
        try {
            context.getRouteController().stopRoute(routeId);
            context.removeRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close broker receiver " + routeId, e);
        }
    }
}
