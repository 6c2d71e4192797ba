package io.ptpproxy.legacy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.delivery.EventPoster;
import io.ptpproxy.delivery.PostResult;
import io.ptpproxy.http.ApiResponse;
import io.ptpproxy.http.BlockingPost;
import io.ptpproxy.http.JsonBody;
import io.ptpproxy.http.ResourcePath;
import io.ptpproxy.callback.EndpointPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy REST API v1 ({@code /api/ocloudNotifications/v1}) with the statuses and bodies of
 * api-contract.md §5: every error is {@code 400 {"error":…}}, deletes answer 200 with a status,
 * a second subscription to a resource answers 201 with the first one, and a new callback is
 * checked with an empty-body POST that must be answered 204.
 */
public final class NotificationApiV1 {

    /** Base path of the API. */
    public static final String BASE_PATH = "/api/ocloudNotifications/v1";

    static final String VALIDATION_FAILED =
            "return url validation check failed for create subscription.check endpointURI";
    static final String NOT_FOUND = "subscription not found";

    private static final Logger LOG = LoggerFactory.getLogger(NotificationApiV1.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CURRENT_STATE = "/CurrentState";
    private static final String[] KEYS = {"id", "endpointUri", "uriLocation", "resource"};

    private final V1SubscriptionStore store;
    private final V1Backend backend;
    private final BlockingPost endpointCheck;
    private final EndpointPolicy endpointPolicy;
    private final String subscriptionsBase;

    /**
     * @param store the v1 subscriptions
     * @param backend answers CurrentState and hears about subscriptions
     * @param poster sends the validation POST
     * @param endpointPolicy where an endpointUri may point (the SSRF guard)
     * @param apiPort the API port, named in {@code uriLocation} (always on {@code localhost}, as upstream)
     * @param pingTimeout how long the validation POST may take in all (upstream 10 s)
     */
    public NotificationApiV1(V1SubscriptionStore store, V1Backend backend, EventPoster poster,
                             EndpointPolicy endpointPolicy, int apiPort, Duration pingTimeout) {
        this.store = store;
        this.backend = backend;
        this.endpointCheck = new BlockingPost(poster, pingTimeout);
        this.endpointPolicy = endpointPolicy;
        this.subscriptionsBase = "http://localhost:" + apiPort + BASE_PATH + "/subscriptions/";
    }

    /** {@code POST dummy}: a sink that accepts anything, as upstream's test endpoint. */
    public ApiResponse dummy() {
        return ApiResponse.empty(204);
    }

    /** {@code POST subscriptions}: parse, check the callback, store (or return the resource's existing one). */
    public ApiResponse createSubscription(String body) {
        Optional<V1Subscription> parsed = parse(body);
        if (parsed.isEmpty()) {
            return error("marshalling error");
        }
        V1Subscription request = parsed.get();
        if (request.hasEndpoint()) {
            String failure = checkEndpoint(request.endpointUri());
            if (failure != null) {
                return error(failure);
            }
        }
        String id = UUID.randomUUID().toString();
        V1Subscription candidate = new V1Subscription(id, request.hasEndpoint() ? request.endpointUri() : null,
                subscriptionsBase + id, request.resource() == null ? "" : request.resource());
        V1Subscription stored = store.addOrExisting(candidate);
        if (stored == candidate) {
            LOG.info("v1 subscription {} created: {} -> {}", id, stored.resource(), stored.endpointUri());
            backend.subscribed(stored);
        } else {
            LOG.info("v1 subscription to {} exists already: answering {}", stored.resource(), stored.id());
        }
        return ApiResponse.json(201, toJson(stored));
    }

    /** {@code GET subscriptions}: a JSON array, {@code []} when empty. */
    public ApiResponse listSubscriptions() {
        return ApiResponse.json(200, toJson(store.all()));
    }

    /** {@code GET subscriptions/{id}}. */
    public ApiResponse getSubscription(String id) {
        return store.find(id).map(s -> ApiResponse.json(200, toJson(s))).orElseGet(() -> error(NOT_FOUND));
    }

    /** {@code DELETE subscriptions/{id}}; upstream tells no publisher about a single delete. */
    public ApiResponse deleteSubscription(String id) {
        if (!store.remove(id)) {
            return error(NOT_FOUND);
        }
        LOG.info("v1 subscription {} deleted", id);
        return status(200, "OK");
    }

    /** {@code DELETE subscriptions}. */
    public ApiResponse deleteAllSubscriptions() {
        store.removeAll();
        backend.unsubscribedAll();
        LOG.info("All v1 subscriptions deleted");
        return status(200, "deleted all subscriptions");
    }

    /** {@code PUT subscriptions/status/{id}}: the legacy status ping; nothing to do over HTTP transport. */
    public ApiResponse pingSubscription(String id) {
        return store.find(id).isPresent() ? status(202, "ping sent") : error(NOT_FOUND);
    }

    /**
     * {@code {resource}/CurrentState}: the resource has slashes, so no REST path template matches it
     * as sent; the routes hand every request on such a path here. 405 for another method than GET,
     * 404 for a path that names no resource.
     *
     * @param method the HTTP method
     * @param path the request path or URI, starting with {@link #BASE_PATH}
     */
    public ApiResponse currentState(String method, String path) {
        String relative = ResourcePath.relative(path, BASE_PATH);
        if (!relative.endsWith(CURRENT_STATE) || relative.length() == CURRENT_STATE.length()) {
            return ApiResponse.empty(404);
        }
        return "GET".equals(method)
                ? stateOf(relative.substring(0, relative.length() - CURRENT_STATE.length()))
                : ApiResponse.empty(405);
    }

    /**
     * {@code GET {resource}/CurrentState}: needs a subscription whose resource contains the
     * requested one (upstream's rule); the state comes from the backend.
     */
    ApiResponse stateOf(String resource) {
        Optional<V1Subscription> subscription = store.all().stream()
                .filter(s -> s.resource().contains(resource)).findFirst();
        if (subscription.isEmpty()) {
            return error(NOT_FOUND);
        }
        CurrentStateReply reply = backend.currentState(subscription.get().resource());
        return reply.isFound()
                ? ApiResponse.json(200, new String(reply.body(), StandardCharsets.UTF_8))
                : error(reply.message());
    }

    /** Go's encoding/json as upstream used it: object keys matched case-insensitively, strings or null. */
    static Optional<V1Subscription> parse(String body) {
        Optional<JsonNode> object = JsonBody.object(body);
        if (object.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root = object.get();
        String[] values = new String[KEYS.length];
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            for (int i = 0; i < KEYS.length; i++) {
                if (KEYS[i].equalsIgnoreCase(field.getKey())) {
                    JsonNode value = field.getValue();
                    if (!value.isNull() && !value.isTextual()) {
                        return Optional.empty();
                    }
                    values[i] = value.isNull() ? null : value.textValue();
                }
            }
        }
        return Optional.of(new V1Subscription(values[0], values[1], values[2], values[3]));
    }

    /** @return null when the endpoint answered the empty-body POST with 204, else the error text */
    private String checkEndpoint(String endpointUri) {
        Optional<String> denied = endpointPolicy.refusal(endpointUri);
        if (denied.isPresent()) {
            return "endpointUri not allowed: " + denied.get();
        }
        PostResult result = endpointCheck.send(endpointUri, new byte[0]);
        if (!result.reached()) {
            LOG.info("v1 endpoint check of {} failed: {}", endpointUri, result.failure());
            return "Post \"" + endpointUri + "\": " + BlockingPost.reason(result);
        }
        if (result.status() != 204) {
            LOG.info("v1 endpoint check of {} answered {}, expected 204", endpointUri, result.status());
            return VALIDATION_FAILED;
        }
        return null;
    }


    private static ApiResponse error(String message) {
        LOG.info("Answering 400: {}", message);
        ObjectNode body = MAPPER.createObjectNode().put("error", message);
        return ApiResponse.json(400, body.toString());
    }

    private static ApiResponse status(int code, String message) {
        return ApiResponse.json(code, MAPPER.createObjectNode().put("status", message).toString());
    }

    private static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
