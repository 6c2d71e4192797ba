package io.ptpproxy.apiserver;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Handlers that see every REST API request before any route (and before the body is read), in
 * order: e.g. the bearer-token check, then the request guard. Bound in the registry as
 * {@value #BEAN}; {@link ApiHttpServer} installs them on its router before it accepts a connection,
 * so no request reaches a route unguarded, not even during start-up.
 */
public final class RouterGuards {

    /** The registry name the server looks the guards up by. */
    public static final String BEAN = "apiRouterGuards";

    private final List<Handler<RoutingContext>> handlers;
    private final AtomicBoolean installed = new AtomicBoolean();

    /** @param handlers the guards, first to run first */
    public RouterGuards(List<Handler<RoutingContext>> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    /** Puts the guards on the router, ahead of everything Camel adds (negative orders), once. */
    public void installOn(Router router) {
        if (!installed.compareAndSet(false, true)) {
            return;
        }
        int order = -handlers.size();
        for (Handler<RoutingContext> handler : handlers) {
            router.route().order(order++).handler(handler);
        }
    }

    /** @return whether a server has put the guards in place */
    public boolean installed() {
        return installed.get();
    }
}
