package io.ptpproxy.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How the upstream --transport-host value becomes the host of every subscription's UriLocation, and
 * how --http-event-publishers and the sidecar's own --transport-host become transport URLs.
 */
class TransportAddressesTest {

    @Test
    void should_keep_only_the_host_of_the_transport_host() {
        assertEquals("svc.ns.svc.cluster.local",
                TransportAddresses.transportHost("http://svc.ns.svc.cluster.local:9043", "node1"));
        assertEquals("localhost", TransportAddresses.transportHost("localhost", "node1"));
        assertEquals("localhost", TransportAddresses.transportHost("localhost:9043", "node1"));
    }

    @Test
    void should_replace_node_name_by_the_short_node_name_as_upstream_does() {
        assertEquals("ptp-event-publisher-service-worker-1.openshift-ptp.svc.cluster.local",
                TransportAddresses.transportHost(
                        "http://ptp-event-publisher-service-NODE_NAME.openshift-ptp.svc.cluster.local:9043",
                        "worker-1.example.com"));
    }

    @Test
    void should_make_publisher_urls_of_the_upstream_list() {
        assertEquals(List.of("http://ptp-event-publisher-service-worker-1.openshift-ptp.svc.cluster.local:9043",
                        "https://other:9043"),
                TransportAddresses.eventPublishers(
                        " ptp-event-publisher-service-NODE_NAME.openshift-ptp.svc.cluster.local:9043 , https://other:9043/,",
                        "worker-1.example.com"));
        assertEquals(List.of(), TransportAddresses.eventPublishers("", "node1"));
    }

    @Test
    void should_keep_the_whole_transport_url_of_a_sidecar() {
        assertEquals("http://consumer-events-subscription-service.cloud-events.svc.cluster.local:9043",
                TransportAddresses.transportUrl("consumer-events-subscription-service.cloud-events.svc.cluster.local:9043",
                        "node1"));
    }
}
