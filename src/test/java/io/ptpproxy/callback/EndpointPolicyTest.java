package io.ptpproxy.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import io.ptpproxy.delivery.DestinationCheck;
import org.junit.jupiter.api.Test;

/** The callback policy's rules, on IP literals and names that resolve without DNS (localhost). */
class EndpointPolicyTest {

    private static final EndpointPolicy DEFAULT = EndpointPolicy.of("", "", "", EndpointPolicy.DEFAULT_DENIED_CIDRS);

    @Test
    void should_deny_metadata_link_local_and_unspecified_addresses_by_default_in_every_spelling() {
        for (String uri : new String[] {"http://169.254.169.254/latest/meta-data", "https://169.254.0.1:8443/x",
                "http://[fe80::1]:9043/event", "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:9043/event",
                "http://[::]:80/", "http://224.0.0.1/", "http://[fd00:ec2::254]/", "http://100.100.100.200/"}) {
            assertTrue(DEFAULT.refusal(uri).isPresent(), uri);
        }
        assertTrue(DEFAULT.refusal("http://169.254.169.254/").get().contains("169.254.0.0/16"));
    }

    @Test
    void should_allow_loopback_private_and_cluster_addresses_by_default() {
        for (String uri : new String[] {"http://127.0.0.1:9089/event", "http://localhost:9089/event",
                "http://10.128.0.17:8080/event", "http://[::1]:9043/event", "http://[fd01::5]/event",
                "https://192.168.1.4/event"}) {
            assertEquals(Optional.empty(), DEFAULT.refusal(uri), uri);
        }
    }

    @Test
    void should_take_only_http_and_https_urls_with_a_host() {
        for (String uri : new String[] {"ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1:70/",
                "http:///event", "not a url", "jar:http://127.0.0.1/x!/"}) {
            assertTrue(DEFAULT.refusal(uri).isPresent(), uri);
        }
    }

    @Test
    void should_let_a_denied_name_win_over_an_allowed_one_and_match_suffix_patterns() {
        EndpointPolicy policy = EndpointPolicy.of("*.svc.cluster.local,localhost", "localhost", "", "");
        assertTrue(policy.refusal("http://localhost:1/").get().contains("endpoint.denied-hosts"));
        assertTrue(policy.refusal("http://LOCALHOST.:1/").isPresent(), "case and the trailing dot do not matter");
        assertTrue(policy.refusal("http://127.0.0.1:1/").get().contains("endpoint.allowed-hosts"));
    }

    @Test
    void should_allow_a_name_or_addresses_from_the_allow_lists_only() {
        EndpointPolicy policy = EndpointPolicy.of("localhost", "", "10.0.0.0/8", "");
        assertEquals(Optional.empty(), policy.refusal("http://localhost:1/"));
        assertEquals(Optional.empty(), policy.refusal("http://10.1.2.3:1/"));
        assertTrue(policy.refusal("http://127.0.0.1:1/").isPresent());
        assertTrue(policy.refusal("http://11.0.0.1:1/").isPresent());
    }

    @Test
    void should_check_the_resolved_addresses_of_a_name_against_the_denied_blocks() {
        EndpointPolicy policy = EndpointPolicy.of("localhost", "", "", "127.0.0.0/8,::1/128");
        assertTrue(policy.refusal("http://localhost:9089/").get().contains("in the denied block"),
                "an allowed name resolving into a denied block is still refused");
    }

    @Test
    void should_parse_ipv4_and_ipv6_blocks_and_refuse_malformed_ones() throws Exception {
        assertTrue(CidrBlock.parse("10.0.0.0/8").contains(InetAddress.getByName("10.255.1.2")));
        assertFalse(CidrBlock.parse("10.0.0.0/8").contains(InetAddress.getByName("11.0.0.0")));
        assertTrue(CidrBlock.parse("fe80::/10").contains(InetAddress.getByName("febf::1")));
        assertFalse(CidrBlock.parse("fe80::/10").contains(InetAddress.getByName("fec0::1")));
        assertFalse(CidrBlock.parse("::/0").contains(InetAddress.getByName("1.2.3.4")), "families never mix");
        assertTrue(CidrBlock.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.7")));
        for (String bad : new String[] {"10.0.0.0/33", "fe80::/129", "example.com/8", "300.1.1.1/8", "10.0.0.0/x", ""}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CidrBlock.parse(bad));
            assertTrue(error.getMessage().contains(bad.strip()), error.getMessage());
        }
    }

    @Test
    void should_judge_every_ipv6_form_that_embeds_a_denied_ipv4_address_as_that_address() {
        // each form names 169.254.169.254 or 100.100.100.200 (both denied by default) inside an IPv6 literal
        for (String uri : new String[] {
                "http://[::169.254.169.254]/latest/meta-data",
                "http://[0:0:0:0:0:0:169.254.169.254]/",
                "http://[::a9fe:a9fe]/",
                "http://[::100.100.100.200]/",
                "http://[::ffff:169.254.169.254]/",
                "http://[::ffff:0:169.254.169.254]/",
                "http://[64:ff9b::169.254.169.254]/",
                "http://[64:ff9b::a9fe:a9fe]:8080/",
                "http://[64:ff9b:1:a9fe:a9:fe00::]/",
                "http://[2002:a9fe:a9fe::1]/",
                "http://[2001:0:a9fe:a9fe::1]/",
                "http://[2001:0:4136:e378:8000:63bf:5601:5601]/",
                "http://[fd01::5efe:169.254.169.254]/",
                "http://[2001:db8::200:5efe:a9fe:a9fe]/"}) {
            Optional<String> refusal = DEFAULT.refusal(uri);
            assertTrue(refusal.isPresent(), uri);
            assertTrue(refusal.get().contains("which embeds 169.254.169.254, in the denied block 169.254.0.0/16")
                    || refusal.get().contains("which embeds 100.100.100.200, in the denied block 100.100.100.200/32")
                    || refusal.get().contains("is 169.254.169.254, in the denied block"), uri + ": " + refusal.get());
            DestinationCheck.Destination atDelivery = DEFAULT.check(uri).toCompletableFuture().join();
            assertFalse(atDelivery.allowed(), "refused at delivery too: " + uri);
            assertTrue(atDelivery.refusal().startsWith("refused by endpoint policy: "), atDelivery.refusal());
        }
        assertEquals("host ::169.254.169.254 is 0:0:0:0:0:0:a9fe:a9fe, which embeds 169.254.169.254, in the denied block "
                + "169.254.0.0/16 (endpoint.denied-cidrs)", DEFAULT.refusal("http://[::169.254.169.254]/").get());
        assertTrue(DEFAULT.refusal("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/").isEmpty(),
                "a Teredo client at 192.0.2.45 (stored inverted) is not a denied address");
    }

    @Test
    void should_keep_ipv6_loopback_unspecified_and_ordinary_addresses_as_they_are() {
        assertEquals(Optional.empty(), DEFAULT.refusal("http://[::1]:9043/event"), "::1 is loopback, not 0.0.0.1");
        assertTrue(DEFAULT.refusal("http://[::]/").get().contains("::/128"));
        assertEquals(Optional.empty(), DEFAULT.refusal("http://[64:ff9b::10.1.2.3]/"), "NAT64 to a private address");
        assertEquals(Optional.empty(), DEFAULT.refusal("http://[2001:db8::1]/"));
        assertTrue(DEFAULT.refusal("http://[::0.0.0.2]/").get().contains("0.0.0.0/8"));
    }

    @Test
    void should_allow_an_embedding_address_by_the_blocks_only_when_the_ipv4_address_inside_is_allowed_too() {
        EndpointPolicy policy = EndpointPolicy.of("", "", "64:ff9b::/96,10.0.0.0/8", "");
        assertEquals(Optional.empty(), policy.refusal("http://[64:ff9b::10.1.2.3]/"));
        assertTrue(policy.refusal("http://[64:ff9b::192.168.1.1]/").get().contains("endpoint.allowed-cidrs"));
    }
}
