package io.ptpproxy.wiring;

import java.nio.file.Path;
import java.time.Duration;

import io.ptpproxy.health.ProbeHealthCheck;
import io.ptpproxy.health.SocketProbe;
import io.ptpproxy.ingest.EventSocket;
import io.ptpproxy.ingest.LineDecoderFactory;
import io.ptpproxy.ingest.SocketAdmission;
import io.ptpproxy.ingest.SocketGate;
import io.ptpproxy.ingest.SocketPermissionsPolicy;
import io.ptpproxy.ingest.SocketWatch;
import io.ptpproxy.ptp.LineCounters;
import io.ptpproxy.ptp.RejectReason;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * Ingest: the linuxptp daemon's UNIX socket ({@code eventSocket}, prepared only when the PTP source
 * runs), who may connect ({@code socketAdmission}, {@code socketGate}), line framing
 * ({@code lineDecoder}), line counts ({@code lineCounters}), the socket file's mode
 * ({@code socketPermissions}) and re-binding ({@code socketWatch}), and the socket's health check
 * ({@code socketHealth}); the {@code ingest} and {@code socket-watch} routes of
 * {@code routes/source-ptp.yaml} use them.
 */
public final class IngestConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    @BeanInject("operatingMode")
    private OperatingMode mode;
    @PropertyInject(value = "socket.path", defaultValue = "/cloud-native/events.sock")
    private String socketPath;
    @PropertyInject(value = "socket.max-line-bytes", defaultValue = "65536")
    private int maxLineBytes;
    @PropertyInject(value = "socket.max-connections", defaultValue = "256")
    private int maxConnections;
    @PropertyInject(value = "socket.allowed-uids", defaultValue = "")
    private String allowedUids;
    @PropertyInject(value = "socket.idle-at-limit-ms", defaultValue = "60000")
    private long idleAtLimitMs;
    @PropertyInject(value = "socket.first-line-timeout-ms", defaultValue = "10000")
    private long firstLineTimeoutMs;

    /** @return the socket, its directory and stale file prepared when the PTP source runs */
    @BindToRegistry("eventSocket")
    public EventSocket eventSocket() {
        return once.of("eventSocket", () -> {
            EventSocket socket = new EventSocket(Path.of(socketPath));
            if (mode.ptpSource()) {
                socket.prepare();
            }
            return socket;
        });
    }

    @BindToRegistry("lineCounters")
    public LineCounters lineCounters() {
        return once.of("lineCounters", LineCounters::new);
    }

    @BindToRegistry("socketAdmission")
    public SocketAdmission socketAdmission() {
        return once.of("socketAdmission", () -> new SocketAdmission(maxConnections, SocketAdmission.parseUids(allowedUids),
                Duration.ofMillis(idleAtLimitMs)));
    }

    /** @return frames lines; an over-long one is dropped and counted */
    @BindToRegistry("lineDecoder")
    public LineDecoderFactory lineDecoder(@BeanInject("lineCounters") LineCounters counters) {
        return once.of("lineDecoder", () -> new LineDecoderFactory(maxLineBytes, () -> counters.reject(RejectReason.TOO_LONG)));
    }

    @BindToRegistry("socketGate")
    public SocketGate socketGate(@BeanInject("socketAdmission") SocketAdmission admission) {
        return once.of("socketGate", () -> new SocketGate(admission, Duration.ofMillis(firstLineTimeoutMs)));
    }

    @BindToRegistry("socketPermissions")
    public SocketPermissionsPolicy socketPermissions(@BeanInject("eventSocket") EventSocket socket) {
        return once.of("socketPermissions", () -> new SocketPermissionsPolicy(socket));
    }

    @BindToRegistry("socketWatch")
    public SocketWatch socketWatch(CamelContext context, @BeanInject("eventSocket") EventSocket socket) {
        return once.of("socketWatch", () -> new SocketWatch(socket, context, "ingest"));
    }

    /**
     * Also liveness: a socket path that stays wrong ({@code socketWatch} binds a deleted one again)
     * needs a restart. None without the PTP source.
     */
    @BindToRegistry("socketHealth")
    public ProbeHealthCheck socketHealth(@BeanInject("eventSocket") EventSocket socket) {
        return once.of("socketHealth", () -> mode.ptpSource()
                ? new ProbeHealthCheck("socket", new SocketProbe(socket.path()), true) : null);
    }
}
