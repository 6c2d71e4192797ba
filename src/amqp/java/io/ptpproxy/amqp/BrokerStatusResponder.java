package io.ptpproxy.amqp;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.cloudevents.CloudEvent;
import io.ptpproxy.legacy.CurrentStateReply;
import io.ptpproxy.legacy.V1Backend;
import io.ptpproxy.legacy.V1EventFormat;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

/**
 * The publisher's side of upstream's CurrentState over the broker (api-contract.md §8): a request
 * arrives on {@code <resource>/status}, its {@code source} is the return address
 * {@code <resource>/<random>}, where the requester waits for the current state of the resource as a
 * CloudEvent 0.3 (binary mode, as the events). Only resources published here are answered, and only
 * on a return address directly under the resource, so a request cannot make the proxy send to any
 * other address of a shared broker (another resource's event stream, a status address). Answers go
 * out through one anonymous sender (the return address on each message): a sender per return
 * address would stay cached, one more for every request.
 */
public final class BrokerStatusResponder {

    /** The suffix of the address a resource's status requests arrive on. */
    public static final String STATUS = "/status";

    private final Set<String> resources;
    private final V1Backend state;
    private final V1EventFormat format;
    private final ConnectionFactory connections;
    private final CloudEventAmqpBinding binding;

    /**
     * @param resources the broker addresses of the resources published here ({@link BrokerEventFormat#brokerAddress})
     * @param state the local state, as the v1 API's CurrentState answers it
     * @param format reads the state's CloudEvent
     * @param connections the proxy's shared broker connection, for the answers
     * @param binding writes the answers
     */
    public BrokerStatusResponder(Collection<String> resources, V1Backend state, V1EventFormat format,
                                 ConnectionFactory connections, CloudEventAmqpBinding binding) {
        this.resources = Set.copyOf(resources);
        this.state = state;
        this.format = format;
        this.connections = connections;
        this.binding = binding;
    }

    /**
     * Answers a status request: the current state to its return address, as a non-durable
     * CloudEvent in binary mode; nothing while there is no state.
     *
     * @throws IllegalArgumentException when the return address is refused ({@link #returnAddress})
     * @throws JMSException when the broker cannot take the answer
     */
    public void answer(CloudEvent request) throws JMSException {
        String returnAddress = returnAddress(request);
        CloudEvent current = currentState(request);
        if (current == null) {
            return;
        }
        Connection connection = connections.createConnection();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer anonymous = session.createProducer(null)) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(binding.body(current));
            binding.write(current, message);
            anonymous.send(session.createTopic(returnAddress), message, DeliveryMode.NON_PERSISTENT,
                    Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
        }
    }

    /** @return the addresses to listen on: {@code <resource>/status} for every published resource */
    public List<String> statusAddresses() {
        return resources.stream().sorted().map(resource -> resource + STATUS).toList();
    }

    /**
     * @param request the status request received
     * @return where to answer: the request's {@code source}
     * @throws IllegalArgumentException when that is not {@code <published resource>/<one segment>}
     */
    public String returnAddress(CloudEvent request) {
        URI source = request.getSource();
        String address = source == null ? "" : source.toString();
        int slash = address.lastIndexOf('/');
        String resource = slash > 0 ? address.substring(0, slash) : "";
        String segment = address.substring(slash + 1);
        if (!resources.contains(resource) || segment.isEmpty() || STATUS.equals("/" + segment)) {
            throw new IllegalArgumentException("status request with return address '" + address
                    + "', not <published resource>/<id>: not answered");
        }
        return address;
    }

    /**
     * @param request the status request received
     * @return the current state of the resource its return address names, or null when there is
     *     none yet (the requester times out, as with upstream's publisher)
     */
    public CloudEvent currentState(CloudEvent request) {
        String returnAddress = returnAddress(request);
        CurrentStateReply reply = state.currentState(returnAddress.substring(0, returnAddress.lastIndexOf('/')));
        return reply.isFound() ? format.parseStructured(reply.body()) : null;
    }
}
