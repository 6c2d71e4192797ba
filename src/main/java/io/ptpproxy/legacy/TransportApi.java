package io.ptpproxy.legacy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.ptpproxy.http.ApiResponse;
import io.ptpproxy.callback.EndpointPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 HTTP transport endpoints (api-contract.md §6.1), served by producers and consumer sidecars
 * alike: {@code GET /health}, {@code POST /subscription} (a sidecar registers or unregisters),
 * {@code POST /event} (a publisher pushes an event), {@code GET /<resource>/<clientID>/CurrentState}
 * (a sidecar asks for the state on behalf of its application), one method each; routes/transport.yaml
 * routes each path and method to its method, on the API port and on the transport port. Errors
 * answer {@code 400 {"message":…}}, as upstream's transport does.
 */
public final class TransportApi {

    private static final Logger LOG = LoggerFactory.getLogger(TransportApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CURRENT_STATE = "/CurrentState";

    private final TransportClients clients;
    private final V1Delivery delivery;
    private final V1Backend state;
    private final V1EventFormat format;
    private final EndpointPolicy endpointPolicy;

    /**
     * @param clients the sidecars registered here
     * @param delivery passes received events on to the v1 subscriptions
     * @param state the local state (producer side)
     * @param format reads received CloudEvents
     * @param endpointPolicy where a registering sidecar's transport URL may point (the SSRF guard)
     */
    public TransportApi(TransportClients clients, V1Delivery delivery, V1Backend state, V1EventFormat format,
                        EndpointPolicy endpointPolicy) {
        this.clients = clients;
        this.delivery = delivery;
        this.state = state;
        this.format = format;
        this.endpointPolicy = endpointPolicy;
    }

    /** {@code GET /health}: the transport is up. */
    public ApiResponse health() {
        return ApiResponse.json(200, "{\"ok\":true}");
    }

    /**
     * {@code POST /subscription}: a consumer sidecar registers (or, with action DELETE, unregisters)
     * its client.
     *
     * @param headers the request headers (a binary-mode CloudEvent 0.3 carries its attributes there)
     * @param body the request body, possibly empty
     */
    public ApiResponse subscription(Map<String, Object> headers, byte[] body) {
        SubscriberRecord.Parsed parsed;
        try {
            CloudEvent event = CloudEventCodec.read(headers, body);
            parsed = SubscriberRecord.parse(event.getData() == null ? new byte[0] : event.getData().toBytes());
        } catch (IllegalArgumentException e) {
            // SubscriberRecord's own words
            return refuse("invalid subscription event: " + e.getMessage());
        } catch (RuntimeException e) {
            // the CloudEvents reader's message names its classes
            LOG.debug("Not a CloudEvent: {}", e.toString());
            return refuse("invalid subscription event: not a CloudEvent");
        }
        if (parsed.action() != SubscriberRecord.ACTION_DELETE) {
            Optional<String> denied = endpointPolicy.refusal(parsed.registration().transportUrl());
            if (denied.isPresent()) {
                return refuse("transport URL not allowed: " + denied.get());
            }
        }
        if (parsed.action() == SubscriberRecord.ACTION_DELETE) {
            clients.remove(parsed.registration().clientId());
        } else {
            clients.register(parsed.registration());
        }
        return ApiResponse.empty(200);
    }

    /**
     * An event a consumer sidecar received from the AMQP broker (a CloudEvent 0.3, as on its HTTP
     * {@code /event}): handed to the application like one posted to the transport.
     */
    public void relayBrokerEvent(CloudEvent event) {
        delivery.relay(format.fromCloudEvent(event));
    }

    /**
     * {@code POST /event}: a publisher pushes an event, handed to the application's v1 subscriptions.
     *
     * @param headers the request headers
     * @param body the request body, possibly empty
     */
    public ApiResponse event(Map<String, Object> headers, byte[] body) {
        try {
            delivery.relay(format.fromCloudEvent(CloudEventCodec.read(headers, body)));
        } catch (RuntimeException e) {
            LOG.debug("Not a CloudEvent: {}", e.toString());
            return refuse("invalid event: not a CloudEvent with a v1 event in its data");
        }
        return ApiResponse.empty(200);
    }

    /**
     * {@code GET /<resource>/<clientID>/CurrentState}: only for a registered client subscribed to the
     * resource.
     *
     * @param requestUri the request target (a query is ignored); a path that is not
     *     {@code …/<clientID>/CurrentState} is 404
     */
    public ApiResponse currentState(String requestUri) {
        String path = requestUri == null ? "/" : requestUri.replaceFirst("\\?.*$", "");
        if (!path.endsWith(CURRENT_STATE)) {
            return ApiResponse.empty(404);
        }
        String rest = path.substring(0, path.length() - CURRENT_STATE.length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) {
            return ApiResponse.empty(404);
        }
        String clientId = rest.substring(slash + 1);
        String resource = rest.substring(0, slash);
        Optional<Registration> client = clients.find(clientId);
        if (client.isEmpty()) {
            return refuse("client is not registered with the event publisher " + clientId);
        }
        if (!client.get().wants(resource)) {
            return refuse("subscription for (" + resource + ") not found for the requesting client " + clientId);
        }
        CurrentStateReply reply = state.currentState(resource);
        return reply.isFound()
                ? ApiResponse.json(200, new String(reply.body(), StandardCharsets.UTF_8))
                : refuse(reply.message());
    }

    private static ApiResponse refuse(String message) {
        LOG.info("Transport answering 400: {}", message);
        return ApiResponse.json(400, MAPPER.createObjectNode().put("message", message).toString());
    }
}
