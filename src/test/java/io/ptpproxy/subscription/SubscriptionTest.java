package io.ptpproxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A subscription has all four components and knows its client. */
class SubscriptionTest {

    @Test
    void should_reject_each_null_component_naming_it() {
        assertRejectsNull("id", () -> new Subscription(null, "/a", "http://e", "http://l"));
        assertRejectsNull("resourceAddress", () -> new Subscription("1", null, "http://e", "http://l"));
        assertRejectsNull("endpointUri", () -> new Subscription("1", "/a", null, "http://l"));
        assertRejectsNull("uriLocation", () -> new Subscription("1", "/a", "http://e", null));
    }

    @Test
    void should_belong_to_the_client_of_its_endpoint() {
        Subscription subscription = new Subscription("1", "/a", "http://localhost:9089/event", "http://l");

        assertEquals("02ff4ff6-cd62-33ec-8af1-603c11db4d99", subscription.clientId());
    }

    private static void assertRejectsNull(String component, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertEquals(component + " cannot be null", e.getMessage());
    }
}
