package io.ptpproxy.amqp;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.types.Time;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.MessageCreatedStrategy;
import org.apache.qpid.jms.message.JmsMessage;
import org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade;
import org.apache.qpid.proton.amqp.Symbol;

/**
 * The CloudEvents AMQP protocol binding, binary content mode, over qpid-jms: every context
 * attribute is an AMQP application property named {@code cloudEvents:<attribute>} (the prefix the
 * upstream Go SDK writes and reads), {@code datacontenttype} is the AMQP {@code content-type}, the
 * data is the message body, {@code time} is an AMQP timestamp. JMS cannot name such properties or set the content type, so both are
 * written on qpid-jms's AMQP message facade. Decoding also accepts the {@code cloudEvents_} prefix
 * that later binding revisions prefer.
 */
public final class CloudEventAmqpBinding implements MessageCreatedStrategy {

    /** Exchange property holding the CloudEvent whose data is the body being sent. */
    public static final String EVENT_PROPERTY = "brokerEvent";
    static final String PREFIX = "cloudEvents:";
    static final String ALTERNATIVE_PREFIX = "cloudEvents_";

    /** @return the bytes to send as the message body; the attributes follow when the message is created */
    public byte[] body(CloudEvent event) {
        return event.getData() == null ? new byte[0] : event.getData().toBytes();
    }

    @Override
    public void onMessageCreated(Message message, Session session, Exchange exchange, Throwable cause) {
        CloudEvent event = exchange.getProperty(EVENT_PROPERTY, CloudEvent.class);
        if (event != null && cause == null) {
            write(event, message);
        }
    }

    /**
     * Writes the event's attributes on a message whose body is (or will be) its data: every
     * attribute an application property, {@code time} an AMQP timestamp (as upstream's Go SDK
     * writes it), {@code datacontenttype} the message's content type.
     */
    public void write(CloudEvent event, Message message) {
        AmqpJmsMessageFacade facade = facade(message);
        try {
            for (String name : event.getAttributeNames()) {
                Object value = event.getAttribute(name);
                if (value != null && !"datacontenttype".equals(name)) {
                    facade.setApplicationProperty(PREFIX + name, attributeValue(value));
                }
            }
            for (String name : event.getExtensionNames()) {
                facade.setApplicationProperty(PREFIX + name, String.valueOf(event.getExtension(name)));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot write CloudEvent attributes on the AMQP message", e);
        }
        if (event.getDataContentType() != null) {
            facade.setContentType(Symbol.valueOf(event.getDataContentType()));
        }
    }

    /**
     * @param message a message received from the broker
     * @return the CloudEvent it carries
     * @throws IllegalArgumentException when the message is not a binary-mode CloudEvent
     */
    public CloudEvent decode(Message message) {
        AmqpJmsMessageFacade facade = facade(message);
        try {
            Set<String> names = facade.getApplicationPropertyNames(new HashSet<>());
            String prefix = names.contains(PREFIX + "specversion") ? PREFIX
                    : names.contains(ALTERNATIVE_PREFIX + "specversion") ? ALTERNATIVE_PREFIX : null;
            if (prefix == null) {
                throw new IllegalArgumentException("Not a CloudEvent: no " + PREFIX + "specversion property");
            }
            SpecVersion version = SpecVersion.parse(String.valueOf(facade.getApplicationProperty(prefix + "specversion")));
            CloudEventBuilder builder = CloudEventBuilder.fromSpecVersion(version);
            for (String name : names) {
                if (name.startsWith(prefix) && !name.equals(prefix + "specversion")) {
                    builder.withContextAttribute(name.substring(prefix.length()),
                            attributeText(facade.getApplicationProperty(name)));
                }
            }
            if (facade.getContentType() != null) {
                builder.withDataContentType(facade.getContentType().toString());
            }
            byte[] data = data(message);
            if (data.length > 0) {
                builder.withData(data);
            }
            return builder.build();
        } catch (JMSException e) {
            throw new IllegalArgumentException("Cannot read the AMQP message", e);
        }
    }

    /** The time as an AMQP timestamp (millisecond precision, as the Go SDK sends it); the rest as text. */
    private static Object attributeValue(Object value) {
        return value instanceof OffsetDateTime time ? Date.from(time.toInstant()) : String.valueOf(value);
    }

    /**
     * Attribute values as RFC 3339 / URI text; AMQP timestamps (the binding's type for
     * {@code time}, which upstream sends) arrive as dates.
     */
    private static String attributeText(Object value) {
        if (value instanceof OffsetDateTime time) {
            return Time.writeTime(time);
        }
        if (value instanceof Date date) {
            return Time.writeTime(OffsetDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC));
        }
        return String.valueOf(value);
    }

    private static byte[] data(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return data;
        }
        if (message instanceof TextMessage text && text.getText() != null) {
            return text.getText().getBytes(StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    private static AmqpJmsMessageFacade facade(Message message) {
        if (message instanceof JmsMessage jms && jms.getFacade() instanceof AmqpJmsMessageFacade amqp) {
            return amqp;
        }
        throw new IllegalArgumentException("Not an AMQP message of qpid-jms: " + message.getClass().getName());
    }
}
