package io.ptpproxy.amqp;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of the AMQP transport: UP while connected to the broker, DOWN while connecting or
 * reconnecting, with the state, broker and buffered/dropped event counts as details. Readiness
 * only: a broker outage must never get the proxy restarted (HTTP delivery goes on regardless).
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
