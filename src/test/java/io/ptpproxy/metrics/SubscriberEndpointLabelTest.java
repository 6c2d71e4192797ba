package io.ptpproxy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The endpoint label of ptp_proxy_subscriber_endpoint: where events go, never a credential. */
class SubscriberEndpointLabelTest {

    @Test
    void should_keep_scheme_host_port_and_path_and_drop_user_info_and_query() {
        assertEquals("http://10.0.0.5:9089/event", DeliveryMetrics.endpointLabel("http://10.0.0.5:9089/event"));
        assertEquals("https://vdu.example:8443/ptp/events",
                DeliveryMetrics.endpointLabel("https://user:secret@vdu.example:8443/ptp/events?token=abc#x"));
        assertEquals("http://[fd00::5]:9089/event", DeliveryMetrics.endpointLabel("http://[fd00::5]:9089/event"));
        assertEquals("invalid", DeliveryMetrics.endpointLabel("http://bad host/"));
    }
}
