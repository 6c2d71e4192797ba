package io.ptpproxy.api;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The first handler of every REST API request, ahead of the routes' body handling. It counts the
 * requests answered 413 (body over {@code camel.server.max-body-size}), and it drops a form or
 * multipart {@code Content-Type}, so the body is read as it is, as upstream reads every body
 * whatever its content type. Left in place, Vert.x's body handler would decode the form itself:
 * it throws on such a request without a body method (a 500), and answers a malformed one with its
 * own {@code 400 Bad Request} text where the contract has an empty body.
 */
public final class RequestGuard implements Handler<RoutingContext> {

    private final LongAdder tooLarge = new LongAdder();

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
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

    private static boolean isForm(String contentType) {
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
    }
}
