package io.ptpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How the upstream --transport-host value becomes the host of every subscription's UriLocation, and
 * how --http-event-publishers and the sidecar's own --transport-host become transport URLs.
 */
class ProxyConfigurationTest {

    @Test
    void should_keep_only_the_host_of_the_transport_host() {
        assertEquals("svc.ns.svc.cluster.local",
                ProxyConfiguration.transportHost("http://svc.ns.svc.cluster.local:9043", "node1"));
        assertEquals("localhost", ProxyConfiguration.transportHost("localhost", "node1"));
        assertEquals("localhost", ProxyConfiguration.transportHost("localhost:9043", "node1"));
    }

    @Test
    void should_replace_node_name_by_the_short_node_name_as_upstream_does() {
        assertEquals("ptp-event-publisher-service-worker-1.openshift-ptp.svc.cluster.local",
                ProxyConfiguration.transportHost(
                        "http://ptp-event-publisher-service-NODE_NAME.openshift-ptp.svc.cluster.local:9043",
                        "worker-1.example.com"));
    }

    @Test
    void should_make_publisher_urls_of_the_upstream_list() {
        assertEquals(List.of("http://ptp-event-publisher-service-worker-1.openshift-ptp.svc.cluster.local:9043",
                        "https://other:9043"),
                ProxyConfiguration.eventPublishers(
                        " ptp-event-publisher-service-NODE_NAME.openshift-ptp.svc.cluster.local:9043 , https://other:9043/,",
                        "worker-1.example.com"));
        assertEquals(List.of(), ProxyConfiguration.eventPublishers("", "node1"));
    }

    @Test
    void should_keep_the_whole_transport_url_of_a_sidecar() {
        assertEquals("http://consumer-events-subscription-service.cloud-events.svc.cluster.local:9043",
                ProxyConfiguration.transportUrl("consumer-events-subscription-service.cloud-events.svc.cluster.local:9043",
                        "node1"));
    }
}
