package io.ptpproxy.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.ptpproxy.legacy.CurrentStateReply;
import io.ptpproxy.legacy.V1Backend;
import io.ptpproxy.legacy.V1EventFormat;
import io.ptpproxy.legacy.V1Subscription;
import org.junit.jupiter.api.Test;

/** Which status requests the publisher answers, where, and with what. */
class BrokerStatusResponderTest {

    private static final String LOCK_STATE = "/cluster/node/node1/sync/ptp-status/lock-state";
    private static final String CLOCK_CLASS = "/cluster/node/node1/sync/ptp-status/ptp-clock-class-change";
    private static final String STATE = "{\"specversion\":\"0.3\",\"id\":\"6c2f2a2e-3d0e-4c55-9d0b-2f8e1e1d6a01\","
            + "\"source\":\"" + LOCK_STATE + "\",\"type\":\"event.sync.ptp-status.ptp-state-change\","
            + "\"subject\":\"" + LOCK_STATE + "\",\"datacontenttype\":\"application/json\","
            + "\"time\":\"2026-12-06T07:00:00.123Z\",\"data\":{\"version\":\"v1\",\"values\":[]}}";

    private final List<String> asked = new ArrayList<>();
    private final BrokerStatusResponder responder = new BrokerStatusResponder(List.of(LOCK_STATE, CLOCK_CLASS),
            new V1Backend() {
                @Override
                public CurrentStateReply currentState(String resource) {
                    asked.add(resource);
                    return resource.equals(LOCK_STATE) ? CurrentStateReply.found(STATE.getBytes(StandardCharsets.UTF_8))
                            : CurrentStateReply.missing("event not found");
                }

                @Override
                public void subscribed(V1Subscription subscription) {
                }

                @Override
                public void unsubscribedAll() {
                }
            }, new V1EventFormat(), null, new CloudEventAmqpBinding());

    @Test
    void should_listen_on_the_status_address_of_every_published_resource() {
        assertEquals(List.of(LOCK_STATE + "/status", CLOCK_CLASS + "/status"), responder.statusAddresses());
    }

    @Test
    void should_answer_the_state_of_the_resource_its_return_address_is_under() {
        CloudEvent state = responder.currentState(request(LOCK_STATE + "/xKqPz"));

        assertEquals(LOCK_STATE + "/xKqPz", responder.returnAddress(request(LOCK_STATE + "/xKqPz")));
        assertEquals(List.of(LOCK_STATE), asked);
        assertEquals("6c2f2a2e-3d0e-4c55-9d0b-2f8e1e1d6a01", state.getId());
        assertEquals(URI.create(LOCK_STATE), state.getSource());
        assertEquals("application/json", state.getDataContentType());
        assertEquals("{\"version\":\"v1\",\"values\":[]}", new String(state.getData().toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void should_send_nothing_while_there_is_no_state() {
        assertNull(responder.currentState(request(CLOCK_CLASS + "/abcde")));
    }

    @Test
    void should_refuse_return_addresses_outside_a_published_resource() {
        for (String address : List.of(LOCK_STATE, LOCK_STATE + "/status", LOCK_STATE + "/", LOCK_STATE + "/a/b",
                "/cluster/node/node1/sync/sync-status/sync-state/abcde", "abcde")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> responder.returnAddress(request(address)), address);
            assertEquals("status request with return address '" + address + "', not <published resource>/<id>: not answered",
                    refused.getMessage());
        }
        assertEquals(List.of(), asked, "no state looked up for a refused request");
    }

    private static CloudEvent request(String returnAddress) {
        return CloudEventBuilder.v03().withId("1").withType("status").withSource(URI.create(returnAddress)).build();
    }
}
