package io.ptpproxy.bench.jmh;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.event.ResourceType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Per-event cost of the issue step of the {@code publish} route (routes/publish.yaml): {@link EventIssuer#issue}
 * gives the notification a random id and the UTC time and serializes it once, as a structured-mode
 * O-RAN CloudEvent, for all subscribers. Score: events/s on one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EventBenchmarks {

    private static final String MASTER = "/cluster/node/node1/ens5fx/master";

    private final EventIssuer issuer = new EventIssuer(new OranEventFormat(), Clock.systemUTC());
    /** The most frequent event: a lock-state change, state and offset. */
    private final Notification lockState = new Notification(ResourceType.LOCK_STATE,
            "/cluster/node/node1" + ResourceType.LOCK_STATE.suffix(),
            List.of(DataValue.notification(MASTER, "LOCKED"), DataValue.metric(MASTER, -3)));

    @Benchmark
    public PublishedEvent issueLockState() {
        return issuer.issue(lockState);
    }
}
