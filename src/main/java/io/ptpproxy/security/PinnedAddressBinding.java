package io.ptpproxy.security;

import java.net.InetAddress;

import io.ptpproxy.delivery.DestinationCheck;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.vertx.http.DefaultVertxHttpBinding;
import org.apache.camel.component.vertx.http.VertxHttpEndpoint;
import org.apache.camel.component.vertx.http.VertxHttpHelper;

/**
 * The vertx-http binding of the subscriber POSTs: a request whose destination was checked
 * ({@link DestinationCheck#PINNED_ADDRESS}) connects to exactly the checked address, while the URL's
 * host still names the server in the {@code Host} header, TLS SNI and certificate hostname check.
 * Without the pin the HTTP client would resolve the name again, and a name re-pointed in between
 * (DNS rebinding) would reach an address the policy denies. It also keeps TLS on for every https
 * callback.
 */
public final class PinnedAddressBinding extends DefaultVertxHttpBinding {

    @Override
    public HttpRequest<Buffer> prepareHttpRequest(VertxHttpEndpoint endpoint, Exchange exchange) throws Exception {
        HttpRequest<Buffer> request = super.prepareHttpRequest(endpoint, exchange);
        // the default binding builds a request with an explicit port from host and port alone, which
        // loses the scheme: an https callback would be sent in plain text
        request.ssl("https".equalsIgnoreCase(VertxHttpHelper.resolveHttpURI(exchange, endpoint).getScheme()));
        InetAddress pinned = exchange.getProperty(DestinationCheck.PINNED_ADDRESS, InetAddress.class);
        if (pinned != null) {
            // Vert.x connects to host:port and names the virtual host in Host, SNI and the certificate check
            request.virtualHost(request.host()).host(pinned.getHostAddress());
        }
        return request;
    }
}
