package io.ptpproxy.amqp;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of the AMQP transport: UP while connected to the broker, DOWN while connecting or
 * reconnecting, with the state, broker and buffered/dropped event counts as details. Shown on
 * {@code /observe/health} for monitoring, but neither a liveness nor a readiness check: a broker
 * outage must neither restart the proxy nor take it out of its Service, since HTTP subscribers are
 * served regardless (the AMQP overlay probes {@code /observe/health/ready}).
 */
public final class BrokerHealthCheck extends AbstractHealthCheck {

    private final BrokerLink link;
    private final DropOldestQueue<?> buffer;

    public BrokerHealthCheck(BrokerLink link, DropOldestQueue<?> buffer) {
        super("ptp-proxy", "amqp-broker");
        this.link = link;
        this.buffer = buffer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        BrokerLink.Status status = link.status();
        builder.detail("state", status.state().name())
                .detail("broker", status.broker())
                .detail("buffered", buffer.size())
                .detail("dropped", buffer.dropped());
        if (status.state() == BrokerLink.State.CONNECTED) {
            builder.up();
        } else {
            builder.message("AMQP broker " + status.state().name().toLowerCase() + ": " + status.broker()).down();
        }
    }
}
