package io.ptpproxy.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.delivery.EventPoster;
import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.PostResult;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.Notification;
import io.ptpproxy.http.ApiResponse;
import io.ptpproxy.http.BlockingPost;
import io.ptpproxy.http.ResourcePath;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.source.EventSource;
import io.ptpproxy.source.ResourceCatalogue;
import io.ptpproxy.subscription.DuplicateSubscriptionException;
import io.ptpproxy.subscription.StoreException;
import io.ptpproxy.subscription.Subscription;
import io.ptpproxy.subscription.SubscriptionLimitException;
import io.ptpproxy.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The O-RAN REST API v2 ({@code /api/ocloudNotifications/v2}): subscriptions, CurrentState and
 * health, with the statuses and bodies of api-contract.md §3. O-RAN errors carry no body; the
 * reason is logged. The resources that may be subscribed to are those of the enabled event sources
 * ({@link ResourceCatalogue}); the publisher endpoints are {@link PublisherApi}'s.
 */
public final class NotificationApiV2 {

    /** Base path of the API. */
    public static final String BASE_PATH = "/api/ocloudNotifications/v2";
    /** O-RAN's apiRoot without {@code /api}, where StarlingX clients call: the same API. */
    public static final String ORAN_BASE_PATH = "/ocloudNotifications/v2";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationApiV2.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CURRENT_STATE = "/CurrentState";

    private final SubscriptionStore store;
    private final ResourceCatalogue catalogue;
    private final EventIssuer issuer;
    private final BlockingPost initialNotification;
    private final EndpointPolicy endpointPolicy;
    private final Outboxes outboxes;
    private final String subscriptionsBase;

    /**
     * @param store the subscription store
     * @param catalogue the resources of the enabled sources: what may be subscribed to, initial
     *     notifications and CurrentState
     * @param issuer serializes events
     * @param poster posts the initial notification
     * @param endpointPolicy where an EndpointUri may point (the SSRF guard)
     * @param outboxes forgets the queue of an endpoint that has no subscription left
     * @param transportHost the host subscriptions' {@code UriLocation} names (upstream --transport-host)
     * @param apiPort the API port
     * @param initialNotificationTimeout how long a new subscriber may take to answer (upstream 2 s)
     */
    public NotificationApiV2(SubscriptionStore store, ResourceCatalogue catalogue, EventIssuer issuer,
                             EventPoster poster, EndpointPolicy endpointPolicy, Outboxes outboxes,
                             String transportHost, int apiPort, Duration initialNotificationTimeout) {
        this.store = store;
        this.catalogue = catalogue;
        this.issuer = issuer;
        this.initialNotification = new BlockingPost(poster, initialNotificationTimeout);
        this.endpointPolicy = endpointPolicy;
        this.outboxes = outboxes;
        this.subscriptionsBase = "http://" + transportHost + ":" + apiPort + BASE_PATH + "/subscriptions/";
    }

    /** {@code POST subscriptions}: validate, refuse duplicates, send the initial notification, store. */
    public ApiResponse createSubscription(String body) {
        Optional<SubscriptionRequest> parsed = SubscriptionRequest.parse(body);
        if (parsed.isEmpty()) {
            return refuse(400, "invalid subscription request body");
        }
        SubscriptionRequest request = parsed.get();
        if (request.endpointUri().isEmpty()) {
            return refuse(400, "EndpointUri is missing");
        }
        Optional<Subscription> covering = store.findCovering(request.resourceAddress(), request.endpointUri());
        if (covering.isPresent()) {
            return refuse(409, "subscription " + covering.get().id() + " (" + covering.get().resourceAddress()
                    + ") already covers " + request.resourceAddress() + " for " + request.endpointUri());
        }
        Optional<EventSource> source = catalogue.sourceOf(request.resourceAddress());
        if (source.isEmpty()) {
            return refuse(404, "resource not published by any enabled source: " + request.resourceAddress());
        }
        if (!EndpointUri.isAbsoluteUri(request.endpointUri())) {
            return refuse(400, "EndpointUri is not a URL: " + request.endpointUri());
        }
        Optional<String> denied = endpointPolicy.refusal(request.endpointUri());
        if (denied.isPresent()) {
            // not in upstream's contract (no policy there): the one v2 error with a body, so the
            // client learns which rule refused its endpoint
            LOG.info("Answering 400: EndpointUri {} not allowed: {}", request.endpointUri(), denied.get());
            return ApiResponse.json(400, MAPPER.createObjectNode()
                    .put("error", "EndpointUri not allowed: " + denied.get()).toString());
        }
        String id = UUID.randomUUID().toString();
        Subscription subscription = new Subscription(id, request.resourceAddress(), request.endpointUri(),
                subscriptionsBase + id);
        // the place is held (limit, duplicates, room on disk) before the endpoint hears anything, so
        // a refused create never sends the initial notification
        SubscriptionStore.Reservation reservation;
        try {
            reservation = store.reserve(subscription);
        } catch (DuplicateSubscriptionException e) {
            return refuse(409, "subscription exists or is being created for " + request.resourceAddress()
                    + " and " + request.endpointUri());
        } catch (SubscriptionLimitException e) {
            return refuse(503, e.getMessage());
        } catch (StoreException e) {
            LOG.warn("Answering 503: {}", e.getMessage());
            return ApiResponse.storeRefused(e);
        }
        try {
            String failure = sendInitialNotifications(source.get().initialStates(request.resourceAddress()), request);
            if (failure != null) {
                store.release(reservation);
                return refuse(400, "initial notification to " + request.endpointUri() + " failed: " + failure);
            }
            store.commit(reservation);
        } catch (StoreException e) {
            LOG.warn("Subscription {} could not be stored after its initial notification: {}", id, e.getMessage());
            return ApiResponse.storeRefused(e);
        } finally {
            store.release(reservation);
        }
        LOG.info("Subscription {} created: {} -> {}", id, request.resourceAddress(), request.endpointUri());
        return ApiResponse.json(201, toJson(SubscriptionInfo.of(subscription)));
    }

    /** {@code GET subscriptions}: always a JSON array, {@code []} when empty (upstream: {@code null}). */
    public ApiResponse listSubscriptions() {
        return ApiResponse.json(200, toJson(store.all().stream().map(SubscriptionInfo::of).toList()));
    }

    /** {@code GET subscriptions/{id}}. */
    public ApiResponse getSubscription(String id) {
        return store.find(id)
                .map(subscription -> ApiResponse.json(200, toJson(SubscriptionInfo.of(subscription))))
                .orElseGet(() -> refuse(404, "subscription not found: " + id));
    }

    /** {@code DELETE subscriptions/{id}}. */
    public ApiResponse deleteSubscription(String id) {
        Optional<Subscription> subscription = store.find(id);
        if (subscription.isEmpty() || !store.remove(id)) {
            return refuse(404, "subscription not found: " + id);
        }
        String endpoint = subscription.get().endpointUri();
        if (!store.hasEndpoint(endpoint)) {
            outboxes.forget(endpoint);
        }
        LOG.info("Subscription {} deleted", id);
        return ApiResponse.empty(204);
    }

    /** {@code DELETE subscriptions}: removes every subscription of every client. */
    public ApiResponse deleteAllSubscriptions() {
        List<Subscription> removed = store.removeAll();
        removed.stream().map(Subscription::endpointUri).distinct().forEach(outboxes::forget);
        LOG.info("All subscriptions deleted");
        return ApiResponse.empty(204);
    }

    /**
     * {@code {ResourceAddress}/CurrentState}: the address has slashes, so no REST path template
     * matches it as sent; the routes hand every request on such a path here. 405 for another method
     * than GET, 404 for a path that names no address.
     *
     * @param method the HTTP method
     * @param requestUri the request target as sent, starting with {@link #BASE_PATH} or
     *     {@link #ORAN_BASE_PATH}: not the router's normalised path, which drops the {@code .} node token
     */
    public ApiResponse currentState(String method, String requestUri) {
        String relative = ResourcePath.relative(requestUri,
                requestUri.startsWith(ORAN_BASE_PATH) ? ORAN_BASE_PATH : BASE_PATH);
        if (!relative.endsWith(CURRENT_STATE) || relative.length() == CURRENT_STATE.length()) {
            return ApiResponse.empty(404);
        }
        return "GET".equals(method)
                ? stateOf(relative.substring(0, relative.length() - CURRENT_STATE.length()))
                : ApiResponse.empty(405);
    }

    /**
     * {@code GET {ResourceAddress}/CurrentState}: only for an address some subscription covers, with
     * known state; one event for OpenShift's exact address, else a JSON array of the covered
     * resources' events.
     */
    ApiResponse stateOf(String address) {
        Optional<EventSource> source = catalogue.sourceOf(address);
        if (source.isEmpty()) {
            return refuse(404, "resource not published by any enabled source: " + address);
        }
        if (!store.isCovered(address)) {
            return refuse(404, "no subscription for " + address);
        }
        List<Notification> states = source.get().currentStates(address);
        if (states.isEmpty()) {
            return refuse(404, "no state known yet for " + address);
        }
        if (source.get().answersOneEvent(address)) {
            return ApiResponse.json(200, new String(issuer.snapshotOf(states.get(0)), StandardCharsets.UTF_8));
        }
        StringJoiner array = new StringJoiner(",", "[", "]");
        states.forEach(state -> array.add(new String(issuer.snapshotOf(state), StandardCharsets.UTF_8)));
        return ApiResponse.json(200, array.toString());
    }

    /** One POST per state, in order; the first that fails refuses the subscription. */
    private String sendInitialNotifications(List<Notification> states, SubscriptionRequest request) {
        for (Notification state : states) {
            PostResult result = initialNotification.send(request.endpointUri(), issuer.snapshotOf(state));
            if (!result.reached()) {
                return result.failure();
            }
            if (result.status() != 204) {
                return "answered HTTP " + result.status() + ", expected 204";
            }
        }
        return null;
    }

    private static ApiResponse refuse(int status, String reason) {
        LOG.info("Answering {}: {}", status, reason);
        return ApiResponse.empty(status);
    }

    private static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
