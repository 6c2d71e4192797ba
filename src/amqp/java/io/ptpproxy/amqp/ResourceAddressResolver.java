package io.ptpproxy.amqp;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.springframework.jms.support.destination.DestinationResolver;

/**
 * Resolves a receiver's destination to its resource address as a topic. Resource addresses start
 * with {@code /} ({@code /cluster/node/…}), which Camel drops from an endpoint URI's path
 * ({@code amqp:topic:/cluster/…} names {@code cluster/…}); this puts it back, so the link address
 * is the resource address itself, as upstream.
 */
public final class ResourceAddressResolver implements DestinationResolver {

    @Override
    public Destination resolveDestinationName(Session session, String name, boolean topic) throws JMSException {
        String address = name.startsWith("/") ? name : "/" + name;
        return topic ? session.createTopic(address) : session.createQueue(address);
    }
}
