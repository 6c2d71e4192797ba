package io.ptpproxy.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.ptpproxy.CommandLine;
import org.junit.jupiter.api.Test;

/** {@code --transport-host}: an amqp:// URL switches the AMQP transport on, as upstream; amqp://nohup and http do not. */
class TransportSwitchTest {

    @Test
    void should_load_the_amqp_routes_and_configuration_for_an_amqp_transport_host() {
        Map<String, String> overrides = CommandLine.parse(new String[] {"--transport-host=amqp://broker.fleet:5672"},
                Map.of()).orElseThrow();
        assertEquals(Map.of("transport.amqp-enabled", "true",
                "amqp.url", "amqp://broker.fleet:5672",
                "transport.host", "localhost",
                "camel.main.routes-include-pattern", CommandLine.ROUTES + ",classpath:routes-amqp/amqp.yaml",
                "camel.main.configuration-classes", CommandLine.CONFIGURATION_CLASSES + ",io.ptpproxy.amqp.AmqpConfiguration"),
                CommandLine.transportOverrides(overrides));
    }

    @Test
    void should_leave_the_http_transport_alone_and_treat_amqp_nohup_as_no_broker() {
        assertEquals(Map.of(), CommandLine.transportOverrides(Map.of("transport.host", "amqp://nohup")));
        assertEquals(Map.of(), CommandLine.transportOverrides(Map.of("transport.host",
                "ptp-event-publisher-service-NODE_NAME.openshift-ptp.svc.cluster.local")));
        assertEquals(Map.of(), CommandLine.transportOverrides(Map.of()));
    }
}
