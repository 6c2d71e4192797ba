package io.ptpproxy.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.callback.EndpointPolicy;
import io.ptpproxy.delivery.EventPoster;
import io.ptpproxy.delivery.PostResult;
import io.ptpproxy.event.EventKind;
import io.ptpproxy.event.Notification;
import io.ptpproxy.http.ApiResponse;
import io.ptpproxy.http.BlockingPost;
import io.ptpproxy.publisher.InboundEvent;
import io.ptpproxy.publisher.InvalidEventException;
import io.ptpproxy.publisher.Publisher;
import io.ptpproxy.publisher.PublisherSource;
import io.ptpproxy.publisher.PublisherStore;
import io.ptpproxy.source.ResourceCatalogue;
import io.ptpproxy.subscription.ClientId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher endpoints of REST API v2 (api-contract.md §3.2) and v1 (§5), for either key style:
 * publishers, {@code create/event}, {@code log}, the legacy status ping and the test sinks. Errors
 * are {@code 400 {"error":…}} and successes {@code {"status":…}}, as upstream's extension endpoints.
 * <p>
 * The publishers listed are those of the enabled sources: the built-in ones (PTP resource types,
 * the mock resource), with ids derived from their address, and those registered through the API,
 * stored in {@code pub.json}.
 */
public final class PublisherApi {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MARSHALLING_ERROR = "marshalling error";

    private final PublisherStore store;
    private final PublisherSource apiSource;
    private final ResourceCatalogue catalogue;
    private final BlockingPost validation;
    private final EndpointPolicy endpointPolicy;
    private final LegacySubscriptions legacy;
    private final int apiPort;

    /**
     * @param store the publishers registered through the API
     * @param apiSource remembers their events; forgets them when a publisher is deleted
     * @param catalogue the resources of the enabled sources
     * @param poster sends the empty validation POST a new publisher's EndpointUri must answer with 204
     * @param endpointPolicy where an EndpointUri may point (the SSRF guard)
     * @param validationTimeout how long that endpoint may take
     * @param legacy the v1 subscriptions the status ping knows
     * @param apiPort the API port, named in each publisher's {@code UriLocation}
     */
    public PublisherApi(PublisherStore store, PublisherSource apiSource, ResourceCatalogue catalogue,
                        EventPoster poster, EndpointPolicy endpointPolicy, Duration validationTimeout,
                        LegacySubscriptions legacy, int apiPort) {
        this.store = store;
        this.apiSource = apiSource;
        this.catalogue = catalogue;
        this.validation = new BlockingPost(poster, validationTimeout);
        this.endpointPolicy = endpointPolicy;
        this.legacy = legacy;
        this.apiPort = apiPort;
    }

    /** {@code POST publishers}: registers a publisher, or answers the one already publishing to the address. */
    public ApiResponse createPublisher(String body, KeyStyle style) {
        Optional<PublisherRequest> parsed = style == KeyStyle.V2 ? PublisherRequest.parseV2(body)
                : PublisherRequest.parseV1(body);
        if (parsed.isEmpty()) {
            return error("invalid publisher request body", MARSHALLING_ERROR);
        }
        PublisherRequest request = parsed.get();
        if (!request.endpointUri().isEmpty()) {
            String failure = validateEndpoint(request.endpointUri());
            if (failure != null) {
                return error("publisher endpoint " + request.endpointUri() + " refused", failure);
            }
        }
        Optional<Publisher> existing = publisherAt(request.resourceAddress());
        Publisher publisher = existing.orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            return store.register(new Publisher(id, request.resourceAddress(), request.endpointUri(),
                    location(KeyStyle.V2, id)));
        });
        LOG.info("Publisher {} for {} {}", publisher.id(), publisher.resourceAddress(),
                existing.isPresent() ? "already registered" : "registered");
        return ApiResponse.json(201, render(publisher, style));
    }

    /** {@code GET publishers}: every publisher of the enabled sources, {@code []} when there is none. */
    public ApiResponse listPublishers(KeyStyle style) {
        List<Object> rendered = catalogue.addresses().stream()
                .flatMap(address -> publisherAt(address).stream())
                .map(publisher -> wireForm(publisher, style))
                .toList();
        return ApiResponse.json(200, toJson(rendered));
    }

    /** {@code GET publishers/{id}}. */
    public ApiResponse getPublisher(String id, KeyStyle style) {
        return publisherWithId(id)
                .map(publisher -> ApiResponse.json(200, render(publisher, style)))
                .orElseGet(() -> error("no publisher " + id, "publisher not found"));
    }

    /** {@code DELETE publishers/{id}}: OK also for an unknown id, as upstream; built-in publishers stay. */
    public ApiResponse deletePublisher(String id) {
        Optional<Publisher> removed = store.remove(id);
        removed.ifPresent(publisher -> apiSource.forget(publisher.resourceAddress()));
        LOG.info("Publisher {} {}", id, removed.isPresent() ? "deleted" : "not registered through the API, nothing deleted");
        return status(200, "OK");
    }

    /** {@code DELETE publishers}: every publisher registered through the API. */
    public ApiResponse deleteAllPublishers() {
        store.removeAll().forEach(publisher -> apiSource.forget(publisher.resourceAddress()));
        LOG.info("All publishers registered through the API deleted");
        return status(200, "deleted all publishers");
    }

    /**
     * {@code POST create/event}: a publisher pushes an event, delivered to the subscribers of its
     * resource as a CloudEvent with a fresh id.
     */
    public EventSubmission createEvent(String body) {
        InboundEvent event;
        try {
            event = InboundEvent.parse(body);
        } catch (InvalidEventException e) {
            return EventSubmission.refused(error("invalid event", e.getMessage()));
        }
        Optional<Publisher> publisher = publisherWithId(event.publisherId());
        if (publisher.isEmpty()) {
            return EventSubmission.refused(error("unknown publisher",
                    "no publisher data for id " + event.publisherId() + " found to publish event for"));
        }
        String address = publisher.get().resourceAddress();
        Notification notification = new Notification(EventKind.of(address, event.type()), address, event.values(),
                event.time());
        LOG.debug("Event {} from publisher {} accepted for {}", event.type(), event.publisherId(), address);
        return new EventSubmission(status(202, "Event sent"), notification);
    }

    /** {@code POST log}: the event is only logged. */
    public ApiResponse logEvent(String body) {
        try {
            InboundEvent event = InboundEvent.parse(body);
            LOG.info("Event received for the log: {}", event);
            return status(202, "Event published to log");
        } catch (InvalidEventException e) {
            return error("invalid event for the log", e.getMessage());
        }
    }

    /** {@code PUT subscriptions/status/{id}}: the legacy status ping, for v1 subscriptions only. */
    public ApiResponse pingSubscription(String id) {
        if (!legacy.exists(id)) {
            return error("status ping for " + id + ", not a v1 subscription", "subscription not found");
        }
        return status(202, "ping sent");
    }

    /** {@code POST dummy}, {@code POST dummy2}: test sinks, 204. */
    public ApiResponse dummy() {
        return ApiResponse.empty(204);
    }

    /** @return the publisher of exactly this address among the enabled sources' and the registered ones */
    private Optional<Publisher> publisherAt(String address) {
        Optional<Publisher> registered = store.findByAddress(address);
        if (registered.isPresent()) {
            return registered;
        }
        return catalogue.addresses().contains(address) ? Optional.of(builtIn(address)) : Optional.empty();
    }

    private Optional<Publisher> publisherWithId(String id) {
        Optional<Publisher> registered = store.find(id);
        if (registered.isPresent()) {
            return registered;
        }
        return catalogue.addresses().stream()
                .filter(address -> ClientId.of(address).equals(id))
                .map(this::builtIn)
                .findFirst();
    }

    /** A publisher of an enabled source: its id is derived from the address, so it is stable across restarts. */
    private Publisher builtIn(String address) {
        String id = ClientId.of(address);
        return new Publisher(id, address, "", location(KeyStyle.V2, id));
    }

    /** @return null when the endpoint answered the empty POST with 204, else the error to answer */
    private String validateEndpoint(String endpointUri) {
        Optional<String> denied = endpointPolicy.refusal(endpointUri);
        if (denied.isPresent()) {
            return "EndpointUri not allowed: " + denied.get();
        }
        PostResult result = validation.send(endpointUri, new byte[0]);
        if (!result.reached()) {
            LOG.info("Publisher endpoint check of {} failed: {}", endpointUri, result.failure());
            return "Post \"" + endpointUri + "\": " + BlockingPost.reason(result);
        }
        return result.status() == 204 ? null
                : "return url validation check failed for create publisher,check endpointURI";
    }

    private String location(KeyStyle style, String id) {
        return "http://localhost:" + apiPort + style.basePath() + "/publishers/" + id;
    }

    private String render(Publisher publisher, KeyStyle style) {
        return toJson(wireForm(publisher, style));
    }

    private Object wireForm(Publisher publisher, KeyStyle style) {
        String location = location(style, publisher.id());
        return style == KeyStyle.V2
                ? new SubscriptionInfo(publisher.resourceAddress(), publisher.endpointUri(), publisher.id(), location)
                : new PubSubV1(publisher.id(), publisher.endpointUri().isEmpty() ? null : publisher.endpointUri(),
                        location, publisher.resourceAddress());
    }


    private static ApiResponse error(String logged, String message) {
        LOG.info("Answering 400: {}: {}", logged, message);
        return ApiResponse.json(400, toJson(Map.of("error", message)));
    }

    private static ApiResponse status(int status, String message) {
        return ApiResponse.json(status, toJson(Map.of("status", message)));
    }

    private static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** The v1 wire form (PubSub): always the four keys, in this order, a missing endpoint as {@code null}. */
    @JsonPropertyOrder({"id", "endpointUri", "uriLocation", "resource"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record PubSubV1(@JsonProperty("id") String id, @JsonProperty("endpointUri") String endpointUri,
                    @JsonProperty("uriLocation") String uriLocation, @JsonProperty("resource") String resource) {
    }

    /**
     * A publisher registration: the address (required, a URI reference, since it becomes the
     * CloudEvent {@code source} of the publisher's events) and an optional callback.
     */
    record PublisherRequest(String resourceAddress, String endpointUri) {

        static Optional<PublisherRequest> parseV2(String body) {
            return SubscriptionRequest.parse(body)
                    .flatMap(request -> of(request.resourceAddress(), request.endpointUri()));
        }

        /** v1 keys, matched case-insensitively as Go's {@code encoding/json} does. */
        static Optional<PublisherRequest> parseV1(String body) {
            JsonNode root;
            try {
                root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
            if (root == null || !root.isObject()) {
                return Optional.empty();
            }
            JsonNode resource = member(root, "resource");
            JsonNode endpoint = member(root, "endpointUri");
            if (resource == null || !resource.isTextual()
                    || (endpoint != null && !endpoint.isNull() && !endpoint.isTextual())) {
                return Optional.empty();
            }
            return of(resource.textValue(), endpoint == null || endpoint.isNull() ? "" : endpoint.textValue());
        }

        private static Optional<PublisherRequest> of(String address, String endpointUri) {
            if (address.isEmpty()) {
                return Optional.empty();
            }
            try {
                new URI(address);
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            return Optional.of(new PublisherRequest(address, endpointUri));
        }

        private static JsonNode member(JsonNode root, String key) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equalsIgnoreCase(key)) {
                    return field.getValue();
                }
            }
            return null;
        }
    }
}
