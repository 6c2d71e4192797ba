package io.ptpproxy.amqp;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;

/**
 * Subscribing through the broker: one receiver route per resource address (from the
 * {@code broker-receiver} template in routes-amqp/amqp.yaml), each handing the decoded
 * {@link io.cloudevents.CloudEvent} to a Camel endpoint, e.g. the v1 consumer sidecar's event route.
 * The receivers share the proxy's broker connection and reconnect with it.
 */
public final class BrokerSubscriptions {

    static final String TEMPLATE = "broker-receiver";
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
