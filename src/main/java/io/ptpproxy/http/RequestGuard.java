package io.ptpproxy.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every REST API request, ahead of the routes' body handling. It counts the
 * requests answered 413 (body over {@code camel.server.max-body-size}), and it drops a form or
 * multipart {@code Content-Type}, so the body is read as it is, as upstream reads every body
 * whatever its content type. Left in place, Vert.x's body handler would decode the form itself:
 * it throws on such a request without a body method (a 500), and answers a malformed one with its
 * own {@code 400 Bad Request} text where the contract has an empty body. A query string with
 * malformed percent-encoding is answered 400 (empty body) here too: Vert.x would log the decoding
 * error's stack trace.
 */
public final class RequestGuard implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    private final LongAdder tooLarge = new LongAdder();

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!decodable(request.query())) {
            // Vert.x would throw decoding it and log the stack trace at ERROR; no route takes a query
            LOG.info("Answering 400: malformed query string in {}", request.path());
            context.response().setStatusCode(400).end();
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && isForm(contentType)) {
            request.headers().remove(HttpHeaders.CONTENT_TYPE);
        }
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 413) {
                tooLarge.increment();
            }
        });
        context.next();
    }

    /** @return requests answered 413 since start */
    public long tooLarge() {
        return tooLarge.sum();
    }

    /** @return whether the query string's percent-encoding is well formed (or there is none) */
    private static boolean decodable(String query) {
        if (query == null || query.indexOf('%') < 0) {
            return true;
        }
        try {
            URLDecoder.decode(query, StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isForm(String contentType) {
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
    }
}
