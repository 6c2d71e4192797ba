package io.ptpproxy.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.fixtures.V1Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The event the broker carries: upstream's v1 transport CloudEvent 0.3, from the published v2 event. */
class BrokerEventFormatTest {

    private static final String ADDRESS = "/cluster/node/node1/sync/ptp-status/lock-state";
    private static final String MASTER = "/cluster/node/node1/ens5fx/master";
    private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    @Test
    void should_carry_the_published_event_as_a_v1_cloudevent_0_3_with_v1_data() {
        Instant now = Instant.parse("2026-01-10T02:41:57.094981Z");
        EventIssuer issuer = new EventIssuer(new OranEventFormat(), Clock.fixed(now, ZoneOffset.UTC));
        PublishedEvent published = issuer.issue(new Notification(ResourceType.LOCK_STATE, ADDRESS, List.of(
                DataValue.notification(MASTER, "LOCKED"), DataValue.metric(MASTER, -3))));

        CloudEvent event = new BrokerEventFormat().toBrokerEvent(published);

        assertEquals(SpecVersion.V03, event.getSpecVersion());
        assertEquals(published.id().toString(), event.getId());
        assertEquals(URI.create(ADDRESS), event.getSource());
        assertEquals(ADDRESS, event.getSubject());
        assertEquals("event.sync.ptp-status.ptp-state-change", event.getType());
        assertEquals(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), event.getTime());
        assertEquals("application/json", event.getDataContentType());
        assertEquals(V1Golden.data("binary-lock-state", "LOCKED", "-3"),
                new String(event.getData().toBytes(), StandardCharsets.UTF_8));
    }

    /**
     * The broker carries the same CloudEvent 0.3 as the v1 HTTP transport (golden files
     * {@code v1-events/structured-<resource>.json}), clock class under its AMQP-era name.
     */
    @ParameterizedTest
    @MethodSource("io.ptpproxy.fixtures.V1Golden#resources")
    void should_carry_the_v1_transport_event_of_each_resource(String resource) throws Exception {
        CloudEvent event = new BrokerEventFormat().toBrokerEvent(V1Golden.issued(resource));

        ObjectNode expected = V1Golden.golden("structured-" + resource);
        String address = BrokerEventFormat.brokerAddress(expected.get("source").asText());
        expected.put("source", address).put("subject", address);
        V1Golden.assertTree(expected, V1Golden.tree(new String(JSON.serialize(event), StandardCharsets.UTF_8)),
                "structured-" + resource);
    }

    @Test
    void should_name_clock_class_as_the_amqp_era_proxies_did_in_address_source_and_subject() {
        String clockClass = "/cluster/node/node1/sync/ptp-status/clock-class";
        String amqpEra = "/cluster/node/node1/sync/ptp-status/ptp-clock-class-change";
        EventIssuer issuer = new EventIssuer(new OranEventFormat(), Clock.systemUTC());
        PublishedEvent published = issuer.issue(new Notification(ResourceType.CLOCK_CLASS, clockClass,
                List.of(DataValue.metric(MASTER, 6))));

        CloudEvent event = new BrokerEventFormat().toBrokerEvent(published);

        assertEquals(URI.create(amqpEra), event.getSource());
        assertEquals(amqpEra, event.getSubject());
        assertEquals("event.sync.ptp-status.ptp-clock-class-change", event.getType());
        assertEquals(amqpEra, BrokerEventFormat.brokerAddress(clockClass));
        assertEquals(amqpEra, BrokerEventFormat.brokerAddress(amqpEra));
        assertEquals(ADDRESS, BrokerEventFormat.brokerAddress(ADDRESS), "every other resource keeps its address");
    }
}
