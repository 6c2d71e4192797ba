package io.ptpproxy.health;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A {@link Probe} as a Camel health check, so it shows on the management server's
 * {@code /observe/health}, {@code /observe/health/live} and {@code /observe/health/ready} with its
 * details; Camel finds it because it is bound in the registry.
 */
public final class ProbeHealthCheck extends AbstractHealthCheck {

    private final Probe probe;
    private final boolean liveness;

    /**
     * @param id the check's name in the health JSON
     * @param probe what is checked
     * @param liveness true to count for liveness too (a failure restarts the container), not only readiness
     */
    public ProbeHealthCheck(String id, Probe probe, boolean liveness) {
        super("ptp-proxy", id);
        this.probe = probe;
        this.liveness = liveness;
    }

    @Override
    public boolean isLiveness() {
        return liveness;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Probe.Finding finding = probe.check();
        builder.details(finding.details());
        if (finding.up()) {
            builder.up();
        } else {
            builder.message(String.valueOf(finding.details().get("reason"))).down();
        }
    }
}
