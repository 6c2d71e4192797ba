package io.ptpproxy.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The client ID is upstream's UUID v3 of the EndpointUri in the URL namespace. */
class ClientIdTest {

    // expected values computed with python3: uuid.uuid3(uuid.NAMESPACE_URL, uri)
    @Test
    void should_equal_the_uuid_v3_of_the_endpoint_in_the_url_namespace() {
        assertEquals("02ff4ff6-cd62-33ec-8af1-603c11db4d99", ClientId.of("http://localhost:9089/event"));
        assertEquals("d98b6979-11cc-378e-952f-32b2be0f5b9e", ClientId.of(
                "http://consumer-events-subscription-service.cloud-events.svc.cluster.local:9043/event"));
        assertEquals("14cdb9b4-de01-3faa-aff5-65bc2f771745", ClientId.of(""));
    }

    @Test
    void should_set_version_3_and_the_rfc_4122_variant() {
        UUID id = UUID.fromString(ClientId.of("http://localhost:9089/event"));

        assertEquals(3, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void should_differ_from_the_namespace_less_java_name_uuid() {
        String uri = "http://localhost:9089/event";

        assertNotEquals(UUID.nameUUIDFromBytes(uri.getBytes(StandardCharsets.UTF_8)).toString(), ClientId.of(uri));
    }

    @Test
    void should_reject_a_null_endpoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientId.of(null));

        assertEquals("endpointUri cannot be null", e.getMessage());
    }
}
