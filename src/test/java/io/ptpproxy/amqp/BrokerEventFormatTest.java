package io.ptpproxy.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.EventIssuer;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.OranEventFormat;
import io.ptpproxy.event.PublishedEvent;
import io.ptpproxy.event.ResourceType;
import org.junit.jupiter.api.Test;

/** The event the broker carries: upstream's v1 transport CloudEvent 0.3, from the published v2 event. */
class BrokerEventFormatTest {

    private static final String ADDRESS = "/cluster/node/node1/sync/ptp-status/lock-state";
    private static final String MASTER = "/cluster/node/node1/ens5fx/master";

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
        assertEquals("{\"version\":\"v1\",\"values\":["
                + "{\"resource\":\"" + MASTER + "\",\"dataType\":\"notification\",\"valueType\":\"enumeration\",\"value\":\"LOCKED\"},"
                + "{\"resource\":\"" + MASTER + "\",\"dataType\":\"metric\",\"valueType\":\"decimal64.3\",\"value\":\"-3\"}]}",
                new String(event.getData().toBytes(), StandardCharsets.UTF_8));
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
