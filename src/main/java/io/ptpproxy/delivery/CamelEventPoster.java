package io.ptpproxy.delivery;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Posts events through the {@code post-to-subscriber} route (vertx-http), asynchronously: the
 * calling thread returns as soon as the request is written, and the result arrives when the
 * subscriber answers or the attempt fails. The target URI travels in the {@code CamelHttpUri}
 * header, so one endpoint serves every subscriber (no endpoint per URL, camel-stack.md P8). Every
 * POST first asks the {@link DestinationCheck}: a refused destination is not contacted and ends as an
 * unreachable attempt (so it counts towards eviction), an allowed one is pinned to the address checked.
 */
public final class CamelEventPoster implements EventPoster {

    private final CamelContext context;
    private final String routeUri;
    private final DestinationCheck destinations;
    private volatile Endpoint endpoint;
    private volatile AsyncProcessor producer;

    /**
     * @param context the context; the route is looked up on first use, after start-up
     * @param routeUri the route that performs the POST, e.g. {@code direct:post-to-subscriber}
     * @param destinations asked before every POST where it may go
     */
    public CamelEventPoster(CamelContext context, String routeUri, DestinationCheck destinations) {
        this.context = context;
        this.routeUri = routeUri;
        this.destinations = destinations;
    }

    @Override
    public CompletionStage<PostResult> post(String endpointUri, byte[] json) {
        return postWithHeaders(endpointUri, json, Map.of(Exchange.CONTENT_TYPE, "application/json"));
    }

    /**
     * Posts a body with the given HTTP headers (e.g. a binary-mode CloudEvent's {@code ce-*} headers
     * and its Content-Type).
     */
    public CompletionStage<PostResult> postWithHeaders(String endpointUri, byte[] body, Map<String, String> headers) {
        return destinations.check(endpointUri).thenCompose(destination -> destination.allowed()
                ? send(endpointUri, destination, body, headers)
                : CompletableFuture.completedFuture(PostResult.unreachable(destination.refusal())));
    }

    private CompletionStage<PostResult> send(String endpointUri, DestinationCheck.Destination destination, byte[] body,
                                             Map<String, String> headers) {
        CompletableFuture<PostResult> result = new CompletableFuture<>();
        AsyncProcessor producer = producer();
        Exchange exchange = endpoint.createExchange();
        exchange.getMessage().setHeader(Exchange.HTTP_URI, endpointUri);
        if (destination.address() != null) {
            exchange.setProperty(DestinationCheck.PINNED_ADDRESS, destination.address());
        }
        headers.forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setBody(body);
        try {
            producer.process(exchange, doneSync -> result.complete(resultOf(exchange)));
        } catch (RuntimeException e) {
            result.complete(PostResult.unreachable(e.toString()));
        }
        return result;
    }

    private AsyncProcessor producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    try {
                        endpoint = context.getEndpoint(routeUri);
                        Producer created = endpoint.createProducer();
                        ServiceHelper.startService(created);
                        producer = AsyncProcessorConverterHelper.convert(created);
                    } catch (Exception e) {
                        throw new IllegalStateException("Cannot create producer for " + routeUri, e);
                    }
                }
            }
        }
        return producer;
    }

    private static PostResult resultOf(Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure != null) {
            return PostResult.unreachable(failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? PostResult.unreachable("no HTTP status") : PostResult.answered(status);
    }
}
