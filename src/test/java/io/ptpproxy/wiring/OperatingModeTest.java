package io.ptpproxy.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one place the operating mode is decided, and the switches the routes start by. */
class OperatingModeTest {

    private static final int API_PORT = 9043;

    @Test
    void should_publish_with_its_ptp_source_and_the_transport_on_the_api_port_by_default() {
        OperatingMode mode = OperatingMode.decide(true, "", false, "localhost", "node1", API_PORT);
        assertEquals(new OperatingMode(true, false, false, List.of(), "http://localhost", API_PORT, false), mode);
        assertEquals(Map.of("source.ptp.enabled", "true", "sidecar.enabled", "false",
                "transport.port", "9043", "transport.listener-enabled", "false"), mode.routeSwitches());
        assertEquals("Publisher mode (default API v2.0); v1 transport on port 9043", mode.describe("2.0"));
    }

    @Test
    void should_listen_for_the_transport_on_the_port_of_the_transport_host_when_it_is_not_the_api_port() {
        OperatingMode mode = OperatingMode.decide(true, "", false, "http://svc.ns:9085", "node1", API_PORT);
        assertEquals(Map.of("source.ptp.enabled", "true", "sidecar.enabled", "false",
                "transport.port", "9085", "transport.listener-enabled", "true"), mode.routeSwitches());
    }

    @Test
    void should_be_a_consumer_sidecar_without_ptp_source_when_http_publishers_are_named() {
        OperatingMode mode = OperatingMode.decide(true, "pub-NODE_NAME:9043", false,
                "consumer.ns.svc:9043", "worker-1.example.com", API_PORT);
        assertEquals(new OperatingMode(false, true, false, List.of("http://pub-worker-1:9043"),
                "http://consumer.ns.svc:9043", API_PORT, false), mode);
        assertEquals("false", mode.routeSwitches().get("source.ptp.enabled"));
        assertEquals("Consumer-sidecar mode (API v1.0): publishers [http://pub-worker-1:9043], own transport "
                + "http://consumer.ns.svc:9043", mode.describe("1.0"));
    }

    @Test
    void should_subscribe_through_the_broker_with_the_amqp_transport_and_no_ptp_source() {
        OperatingMode sidecar = OperatingMode.decide(false, "", true, "localhost", "node1", API_PORT);
        assertEquals(new OperatingMode(false, true, true, List.of(), "http://localhost", API_PORT, false), sidecar);
        assertEquals("Consumer-sidecar mode (API v2.0): publishers through the AMQP broker, own transport "
                + "http://localhost", sidecar.describe("2.0"));
        OperatingMode publisher = OperatingMode.decide(true, "", true, "localhost", "node1", API_PORT);
        assertEquals(new OperatingMode(true, false, false, List.of(), "http://localhost", API_PORT, false), publisher);
    }

    @Test
    void should_have_no_http_listener_of_its_own_for_a_transport_host_that_is_not_http() {
        OperatingMode mode = OperatingMode.decide(true, "", false, "amqp://broker:5672", "node1", API_PORT);
        assertEquals(API_PORT, mode.transportPort());
        assertTrue(!mode.transportListener());
    }
}
