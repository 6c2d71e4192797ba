package io.ptpproxy.wiring;

import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;

/** What the wiring asks of Camel's lifecycle: work when the context has started, is stopping, or stops. */
final class Lifecycle {

    private Lifecycle() {
    }

    /** Runs {@code action} once every route has started. */
    static void onStarted(CamelContext context, Runnable action) {
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStarted(started -> action.run())));
    }

    /** Runs {@code action} when Camel begins to stop, before any route stops. */
    static void onStopping(CamelContext context, Runnable action) {
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStopping(stopping -> action.run())));
    }

    /** Runs {@code action} when Camel stops its services. */
    static void onStop(CamelContext context, Runnable action) {
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    action.run();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register a stop action", e);
        }
    }

    /** @return sends an empty message to {@code uri}, with a template made on first use and stopped with Camel */
    static Runnable sender(CamelContext context, String uri) {
        AtomicReference<ProducerTemplate> template = new AtomicReference<>();
        onStop(context, () -> {
            ProducerTemplate made = template.get();
            if (made != null) {
                made.stop();
            }
        });
        return () -> template.updateAndGet(made -> made != null ? made : context.createProducerTemplate())
                .sendBody(uri, null);
    }
}
