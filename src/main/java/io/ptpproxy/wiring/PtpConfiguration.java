package io.ptpproxy.wiring;

import java.nio.file.Path;
import java.time.Clock;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ptpproxy.linuxptp.PtpConfigFiles;
import io.ptpproxy.metrics.PrometheusClockMetrics;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.OneShotHoldoverAlarm;
import io.ptpproxy.ptp.PtpConfigCatalog;
import io.ptpproxy.ptp.PtpLogParser;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * PTP: the linuxptp log parser ({@code ptpLogParser}), the daemon's config files
 * ({@code ptpConfigCatalog}), the clock state tracker with its holdover alarm
 * ({@code clockStateTracker}) and the {@code openshift_ptp_*} metrics ({@code clockMetrics}); the
 * {@code ingest}, {@code holdover-timeout} and {@code ptp-config-reload} routes of
 * {@code routes/source-ptp.yaml} call them.
 */
public final class PtpConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    /** Where the holdover alarm sends when a holdover deadline is due (routes/source-ptp.yaml). */
    private static final String HOLDOVER_DUE = "direct:holdover-due";

    @BeanInject("nodeName")
    private String nodeName;
    @BeanInject("clock")
    private Clock clock;
    @BeanInject("metricsRegistry")
    private PrometheusMeterRegistry meters;
    @PropertyInject(value = "ptp.config-dir", defaultValue = "/var/run")
    private String configDir;
    @PropertyInject(value = "ptp.profile-path", defaultValue = "/etc/linuxptp")
    private String profilePath;

    /** @return the catalog of the daemon's config files and the node's profile, read once now */
    @BindToRegistry("ptpConfigCatalog")
    public PtpConfigCatalog ptpConfigCatalog() {
        PtpConfigCatalog made = once.find("ptpConfigCatalog");
        if (made != null) {
            return made;
        }
        PtpConfigCatalog catalog = new PtpConfigCatalog(new PtpConfigFiles(Path.of(configDir),
                Path.of(profilePath, nodeName)));
        catalog.reload();
        return once.keep("ptpConfigCatalog", catalog);
    }

    @BindToRegistry("ptpLogParser")
    public PtpLogParser ptpLogParser() {
        PtpLogParser made = once.find("ptpLogParser");
        return made != null ? made : once.keep("ptpLogParser", new PtpLogParser());
    }

    /** @return the clock metrics, with the thresholds of the profiles read */
    @BindToRegistry("clockMetrics")
    public PrometheusClockMetrics clockMetrics(@BeanInject("ptpConfigCatalog") PtpConfigCatalog catalog) {
        PrometheusClockMetrics made = once.find("clockMetrics");
        if (made != null) {
            return made;
        }
        PrometheusClockMetrics metrics = new PrometheusClockMetrics(meters, nodeName);
        metrics.thresholds(catalog.thresholdsByProfile());
        return once.keep("clockMetrics", metrics);
    }

    /**
     * Nothing polls for holdover expiry: the tracker's alarm sends to the {@code holdover-timeout}
     * route when the earliest deadline is due.
     */
    @BindToRegistry("clockStateTracker")
    public ClockStateTracker clockStateTracker(CamelContext context,
                                               @BeanInject("ptpConfigCatalog") PtpConfigCatalog catalog,
                                               @BeanInject("clockMetrics") PrometheusClockMetrics metrics) {
        ClockStateTracker made = once.find("clockStateTracker");
        if (made != null) {
            return made;
        }
        OneShotHoldoverAlarm holdoverAlarm = new OneShotHoldoverAlarm(clock, Lifecycle.sender(context, HOLDOVER_DUE));
        Lifecycle.onStop(context, holdoverAlarm::close);
        return once.keep("clockStateTracker",
                new ClockStateTracker(nodeName, catalog::profileFor, clock, metrics, holdoverAlarm));
    }
}
