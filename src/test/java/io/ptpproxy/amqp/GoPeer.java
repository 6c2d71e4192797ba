package io.ptpproxy.amqp;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.proton.amqp.Symbol;

/**
 * The far side as an AMQP-era Go proxy behaves on the wire, written with a plain qpid-jms client:
 * receivers on resource addresses, CloudEvents 0.3 in binary mode with {@code cloudEvents:*}
 * application properties, {@code time} an AMQP timestamp, non-durable. Also reads the exact shape
 * of what the proxy sends.
 */
final class GoPeer implements AutoCloseable {

    private final Connection connection;
    private final Session session;

    private GoPeer(Connection connection) throws JMSException {
        this.connection = connection;
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    static GoPeer connect(String brokerUrl) throws JMSException {
        Connection connection = new JmsConnectionFactory(brokerUrl).createConnection();
        connection.start();
        return new GoPeer(connection);
    }

    /** Attaches a receiver on the address (returns once the link is attached). */
    MessageConsumer receiver(String address) throws JMSException {
        return session.createConsumer(session.createTopic(address));
    }

    /** Sends a binary-mode CloudEvent 0.3 as upstream's Go SDK writes it. */
    void send(String address, Map<String, Object> attributes, String data) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        AmqpJmsMessageFacade facade = facade(message);
        facade.setApplicationProperty("cloudEvents:specversion", "0.3");
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            facade.setApplicationProperty("cloudEvents:" + attribute.getKey(), attribute.getValue());
        }
        facade.setApplicationProperty("cloudEvents:time", new Date());
        if (data != null) {
            facade.setContentType(Symbol.valueOf("application/json"));
            message.writeBytes(data.getBytes(StandardCharsets.UTF_8));
        }
        try (MessageProducer producer = session.createProducer(session.createTopic(address))) {
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            producer.send(message);
        }
    }

    static AmqpJmsMessageFacade facade(Message message) {
        return (AmqpJmsMessageFacade) ((JmsMessage) message).getFacade();
    }

    static Set<String> propertyNames(Message message) throws JMSException {
        return facade(message).getApplicationPropertyNames(new TreeSet<>());
    }

    static Object property(Message message, String name) throws JMSException {
        return facade(message).getApplicationProperty(name);
    }

    static String body(Message message) throws JMSException {
        BytesMessage bytes = (BytesMessage) message;
        bytes.reset();
        byte[] data = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(data);
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
