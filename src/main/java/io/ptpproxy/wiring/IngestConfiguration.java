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
        EventSocket made = once.find("eventSocket");
        if (made != null) {
            return made;
        }
        EventSocket socket = new EventSocket(Path.of(socketPath));
        if (mode.ptpSource()) {
            socket.prepare();
        }
        return once.keep("eventSocket", socket);
    }

    @BindToRegistry("lineCounters")
    public LineCounters lineCounters() {
        LineCounters made = once.find("lineCounters");
        return made != null ? made : once.keep("lineCounters", new LineCounters());
    }

    @BindToRegistry("socketAdmission")
    public SocketAdmission socketAdmission() {
        SocketAdmission made = once.find("socketAdmission");
        return made != null ? made : once.keep("socketAdmission",
                new SocketAdmission(maxConnections, SocketAdmission.parseUids(allowedUids),
                        Duration.ofMillis(idleAtLimitMs)));
    }

    /** @return frames lines; an over-long one is dropped and counted */
    @BindToRegistry("lineDecoder")
    public LineDecoderFactory lineDecoder(@BeanInject("lineCounters") LineCounters counters) {
        LineDecoderFactory made = once.find("lineDecoder");
        return made != null ? made : once.keep("lineDecoder",
                new LineDecoderFactory(maxLineBytes, () -> counters.reject(RejectReason.TOO_LONG)));
    }

    @BindToRegistry("socketGate")
    public SocketGate socketGate(@BeanInject("socketAdmission") SocketAdmission admission) {
        SocketGate made = once.find("socketGate");
        return made != null ? made : once.keep("socketGate",
                new SocketGate(admission, Duration.ofMillis(firstLineTimeoutMs)));
    }

    @BindToRegistry("socketPermissions")
    public SocketPermissionsPolicy socketPermissions(@BeanInject("eventSocket") EventSocket socket) {
        SocketPermissionsPolicy made = once.find("socketPermissions");
        return made != null ? made : once.keep("socketPermissions", new SocketPermissionsPolicy(socket));
    }

    @BindToRegistry("socketWatch")
    public SocketWatch socketWatch(CamelContext context, @BeanInject("eventSocket") EventSocket socket) {
        SocketWatch made = once.find("socketWatch");
        return made != null ? made : once.keep("socketWatch", new SocketWatch(socket, context, "ingest"));
    }

    /**
     * Also liveness: a socket path that stays wrong ({@code socketWatch} binds a deleted one again)
     * needs a restart. None without the PTP source.
     */
    @BindToRegistry("socketHealth")
    public ProbeHealthCheck socketHealth(@BeanInject("eventSocket") EventSocket socket) {
        ProbeHealthCheck made = once.find("socketHealth");
        return made != null ? made : once.keep("socketHealth", mode.ptpSource()
                ? new ProbeHealthCheck("socket", new SocketProbe(socket.path()), true) : null);
    }
}
