package io.ptpproxy.delivery;

import java.net.InetAddress;
import java.util.concurrent.CompletionStage;

/**
 * Asked before every POST to a subscriber: the address the request must connect to, or why it must
 * not be sent. The poster connects to exactly that address (the name still goes in the Host header
 * and TLS checks), so a name that resolves to another address between the check and the connection
 * (DNS rebinding) cannot redirect the request.
 */
@FunctionalInterface
public interface DestinationCheck {

    /**
     * @param endpointUri the subscriber's callback URI
     * @return completes with the verdict; never exceptionally
     */
    CompletionStage<Destination> check(String endpointUri);

    /**
     * A verdict.
     *
     * @param address where to connect, or null to let the HTTP client resolve the name
     * @param refusal why the POST must not be sent, or null when it may
     */
    record Destination(InetAddress address, String refusal) {

        /** @return a destination pinned to an address */
        public static Destination pinned(InetAddress address) {
            return new Destination(address, null);
        }

        /** @return a destination the HTTP client resolves */
        public static Destination unpinned() {
            return new Destination(null, null);
        }

        /** @return a refused destination */
        public static Destination refused(String reason) {
            return new Destination(null, reason);
        }

        /** @return whether the POST may be sent */
        public boolean allowed() {
            return refusal == null;
        }
    }
}
