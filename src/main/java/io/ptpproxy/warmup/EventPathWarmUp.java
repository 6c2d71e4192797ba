package io.ptpproxy.warmup;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.ptpproxy.delivery.Outboxes;
import io.ptpproxy.delivery.PostResult;
import io.ptpproxy.delivery.RetryPolicy;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.metrics.DeliveryMetrics;
import io.ptpproxy.metrics.FrameworkMetrics;
import io.ptpproxy.metrics.PrometheusClockMetrics;
import io.ptpproxy.metrics.SubscriberLabels;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.PtpConfigCatalog;
import io.ptpproxy.ptp.PtpConfigSource;
import io.ptpproxy.ptp.PtpLogParser;
import io.ptpproxy.subscription.Subscription;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.language.bean.BeanExpression;
import org.apache.camel.spi.Language;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the event path once at start-up, on throwaway instances, so that the first real state change
 * after start does not pay for it: a rare event is what a node lives (a few a day), and its path ran
 * ~6 ms from a fresh start against ~0.7 ms warm (docs/performance.md, "Cold path"), mostly lazy class
 * loading, reflection accessors generated on the 16th call of each bean method, and interpreted code.
 *
 * <p>The real {@code ingest} and {@code publish} routes run in a throwaway context of their own
 * ({@link RouteWarmUp}): synthetic linuxptp lines through a UNIX socket, Camel's processors, the beans,
 * and the HTTP poster to a loopback sink. Should that context not come up (no temporary directory, no
 * native transport), the routes' beans alone are called the way the routes call them (Camel's bean
 * invocation with the routes' method expressions, on a throwaway exchange).
 * Nothing leaves it: its metrics go to a registry of its own, it posts only to its own sink, it logs
 * nothing of its own, and the proxy's own beans, state, metrics, store and subscribers are never
 * touched. A route changed without this class only makes the warm-up less complete, never the proxy
 * different.
 */
public final class EventPathWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(EventPathWarmUp.class);
    /** Node name of the throwaway tracker: addresses no real subscription can match. */
    static final String NODE = "warm-up.invalid";
    /** How long the throwaway routes may run in all; they stop early beyond. */
    private static final Duration ROUTE_BUDGET = Duration.ofSeconds(20);
    private static final String ENDPOINT = "http://warm-up.invalid/event";
    private static final String LOCKED = "ptp4l[2.0]: [ptp4l.0.config] master offset 5 s2 freq 0 path delay 1";
    private static final String FREERUN = "ptp4l[2.0]: [ptp4l.0.config] master offset 500 s2 freq 0 path delay 1";
    private static final String OS_CLOCK = "phc2sys[2.0]: [ptp4l.0.config] CLOCK_REALTIME phc offset %d s2 freq 0 delay 500";

    private final CamelContext context;
    private final int changes;
    private final CompletableFuture<Duration> finished = new CompletableFuture<>();

    /**
     * @param context the started context, whose languages and type converters the warm-up uses
     * @param changes state changes to drive through (each a socket read of a line that flips lock-state);
     *     0 turns the warm-up off
     */
    public EventPathWarmUp(CamelContext context, int changes) {
        this.context = context;
        this.changes = changes;
    }

    /**
     * Runs the warm-up on a thread of its own, then {@code afterwards} (the ready line): the context's
     * other start-up callbacks (the AMQP link, for one) must not wait for it.
     */
    public void startThen(Runnable afterwards) {
        Thread thread = new Thread(() -> {
            LOG.debug("Event path warmed up in {} ms", run().toMillis());
            afterwards.run();
        }, "event-path-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Drives the synthetic changes through; never fails the start-up (a failure is logged at DEBUG and
     * only leaves the path cold).
     *
     * @return how long it took
     */
    public Duration run() {
        long started = System.nanoTime();
        if (changes <= 0) {
            finished.complete(Duration.ZERO);
            return Duration.ZERO;
        }
        try {
            int reached = new RouteWarmUp(context, changes, ROUTE_BUDGET).run();
            LOG.debug("{} of {} state changes went through the throwaway routes", reached, changes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            LOG.debug("Event path warm-up through the routes failed, warming the beans only: {}", e.toString());
            driveBeans();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        finished.complete(took);
        return took;
    }

    /** @return the lines of the {@code change}th state change: lock-state and the OS clock's state both flip */
    static List<String> lines(int change) {
        return List.of(change % 2 == 0 ? FREERUN : LOCKED, String.format(OS_CLOCK, change % 2 == 0 ? 900 : 5));
    }

    /** The fallback: the routes' beans called as the routes call them, without the routes. */
    private void driveBeans() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Outboxes outboxes = new Outboxes((endpoint, json) -> CompletableFuture.completedFuture(PostResult.answered(204)),
                16, Integer.MAX_VALUE, endpoint -> { }, new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), 0));
        outboxes.observe(new DeliveryMetrics(registry, new SubscriberLabels(1), outboxes::stats));
        try {
            drive(registry, outboxes);
        } catch (RuntimeException e) {
            LOG.debug("Event path warm-up stopped early: {}", e.toString());
        } finally {
            outboxes.close();
            registry.close();
        }
    }

    /** @return completes with the warm-up's duration once it has run (at once when it is off) */
    public CompletionStage<Duration> finished() {
        return finished;
    }

    private void drive(PrometheusMeterRegistry registry, Outboxes outboxes) {
        PtpConfigCatalog catalog = new PtpConfigCatalog(() -> new PtpConfigSource.Contents(Map.of(), Map.of()));
        catalog.reload();
        PrometheusClockMetrics clockMetrics = new PrometheusClockMetrics(registry, NODE);
        ClockStateTracker tracker = new ClockStateTracker(NODE, catalog::profileFor, Clock.systemUTC(), clockMetrics);
        EventIssuer issuer = new EventIssuer(new OranEventFormat(), Clock.systemUTC());
        FrameworkMetrics framework = new FrameworkMetrics(registry, () -> 1, () -> 1);
        // the routes' bean calls, with their method expressions (parameter binding included)
        Expression parseAll = bean(new PtpLogParser(), "parseAll");
        Expression admitAll = bean(catalog, "admitAll");
        Expression countAll = bean(new LineCounters(), "countAll");
        Expression trackAll = bean(tracker, "trackAll");
        Expression issue = bean(issuer, "issue");
        Expression published = bean(framework, "published");
        Expression enqueueAll = bean(outboxes, "enqueueAll(${exchangeProperty.recipients}, ${body})");
        Language simple = context.resolveLanguage("simple");
        Expression split = simple.createExpression("${body}");
        List.of(parseAll, admitAll, countAll, trackAll, issue, published, enqueueAll, split)
                .forEach(expression -> expression.init(context));
        List<Subscription> recipients = List.of(new Subscription("warm-up", "/cluster/node/" + NODE
                + "/sync/ptp-status/lock-state", ENDPOINT, ENDPOINT));
        List<Expression> ingest = List.of(parseAll, admitAll, countAll, trackAll);
        for (int i = 0; i < changes; i++) {
            Exchange read = new DefaultExchange(context);
            read.getMessage().setBody(lines(i));
            for (Expression step : ingest) {
                read.getMessage().setBody(step.evaluate(read, Object.class));
            }
            for (Object notification : split.evaluate(read, List.class)) {
                Exchange event = new DefaultExchange(context);
                event.getMessage().setBody(notification);
                event.getMessage().setBody(issue.evaluate(event, PublishedEvent.class));
                published.evaluate(event, Object.class);
                event.setProperty("recipients", recipients);
                enqueueAll.evaluate(event, Object.class);
            }
        }
    }

    private static Expression bean(Object bean, String method) {
        return new BeanExpression(bean, method);
    }
}
