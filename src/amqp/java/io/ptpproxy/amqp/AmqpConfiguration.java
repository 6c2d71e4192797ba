package io.ptpproxy.amqp;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ptpproxy.legacy.ConsumerSidecar;
import io.ptpproxy.legacy.V1Backend;
import io.ptpproxy.legacy.V1EventFormat;
import io.ptpproxy.source.ResourceCatalogue;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.qpid.jms.JmsConnection;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Wires the AMQP 1.0 transport ({@code --transport-host amqp://host[:port]}; docs/transports.md):
 * the {@code amqp} component on one shared qpid-jms connection that reconnects by itself
 * (failover), the bounded buffer feeding the broker route, its drop counter, and the broker health
 * check. Loaded only when the transport is AMQP, after the wiring of {@code io.ptpproxy.wiring}.
 */
public final class AmqpConfiguration implements CamelConfiguration {

    /** How long a consumer sidecar waits for a publisher's status answer: upstream's 5 s. */
    static final Duration STATUS_WAIT = Duration.ofSeconds(5);
    /** The route answering status requests. */
    static final String STATUS_REQUESTS = "direct:broker-status-request";

    @Override
    public void configure(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        String broker = required(properties, "amqp.url");
        BrokerLink link = new BrokerLink(broker);
        JmsConnectionFactory qpid = new JmsConnectionFactory(failoverUrl(broker,
                required(properties, "amqp.reconnect-initial-ms"), required(properties, "amqp.reconnect-max-ms")));
        CachingConnectionFactory shared = new CachingConnectionFactory(qpid) {
            @Override
            protected void prepareConnection(Connection connection) throws JMSException {
                super.prepareConnection(connection);
                if (connection instanceof JmsConnection jms) {
                    jms.addConnectionListener(link);
                    if (jms.isConnected()) {
                        link.onConnectionEstablished(jms.getConnectedURI());
                    }
                }
            }
        };
        shared.setReconnectOnException(true);
        shared.setCacheConsumers(false);
        DropOldestQueue<Object> buffer = new DropOldestQueue<>(Integer.parseInt(required(properties, "amqp.buffer-size")));

        CloudEventAmqpBinding binding = new CloudEventAmqpBinding();
        registry.bind("amqp", new AMQPComponent(shared));
        registry.bind("brokerLink", link);
        registry.bind("brokerBuffer", buffer);
        registry.bind("brokerEventFormat", new BrokerEventFormat());
        registry.bind("cloudEventAmqpBinding", binding);
        registry.bind("resourceAddressResolver", new ResourceAddressResolver());
        bindMetrics(registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class), buffer);
        // connect at start, not at the first event, so health tells the broker's state from the outset
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStarted(started -> connectInBackground(shared))));
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(
                LifecycleStrategySupport.onCamelContextStopped(stopped -> shared.destroy())));
        // a consumer sidecar subscribing through the broker (no PTP source; the OperatingMode decided),
        // or a publisher answering status requests for what it publishes
        boolean sidecar = Boolean.parseBoolean(properties.resolveProperty("sidecar.enabled").orElse("false"));
        if (sidecar) {
            registry.lookupByNameAndType("consumerSidecar", ConsumerSidecar.class)
                    .addPublisher(new BrokerPublisherLink(link, new BrokerSubscriptions(context),
                            new BrokerStatusRequester(shared, link, binding, new V1EventFormat(), STATUS_WAIT)));
        }
        answerStatusRequests(context, registry, sidecar, shared, binding);
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(new BrokerHealthCheck(link, buffer));
        }
    }

    /**
     * Opens a receiver on {@code <resource>/status} for every resource published at start (route
     * {@code broker-status-request} answers), once the routes and their template are there. A
     * consumer sidecar publishes nothing and answers nothing.
     */
    private static void answerStatusRequests(CamelContext context, Registry registry, boolean sidecar,
                                             ConnectionFactory connections, CloudEventAmqpBinding binding) {
        List<String> published = sidecar ? List.of()
                : registry.lookupByNameAndType("resourceCatalogue", ResourceCatalogue.class).addresses().stream()
                        .map(BrokerEventFormat::brokerAddress).distinct().toList();
        BrokerStatusResponder responder = new BrokerStatusResponder(published,
                registry.lookupByNameAndType("localV1Backend", V1Backend.class), new V1EventFormat(), connections, binding);
        registry.bind("brokerStatusResponder", responder);
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(LifecycleStrategySupport.onCamelContextStarted(
                started -> new BrokerSubscriptions(context).open(responder.statusAddresses(), STATUS_REQUESTS))));
    }

    /**
     * qpid-jms failover around the one broker: retried for ever with backoff, at start too, so the
     * proxy starts without its broker and catches up when it comes.
     */
    static String failoverUrl(String broker, String initialDelayMs, String maxDelayMs) {
        return "failover:(" + broker + ")?failover.maxReconnectAttempts=-1&failover.startupMaxReconnectAttempts=-1"
                + "&failover.initialReconnectDelay=" + initialDelayMs + "&failover.maxReconnectDelay=" + maxDelayMs
                + "&failover.useReconnectBackOff=true";
    }

    /** Opens the shared connection on its own thread: with failover, it waits until the broker answers. */
    private static void connectInBackground(CachingConnectionFactory shared) {
        Thread connector = new Thread(() -> {
            try {
                shared.createConnection().start();
            } catch (JMSException | RuntimeException e) {
                // stopped while connecting, or refused: the first send connects again, health shows the state
            }
        }, "amqp-connect");
        connector.setDaemon(true);
        connector.start();
    }

    private static void bindMetrics(MeterRegistry metrics, DropOldestQueue<?> buffer) {
        if (metrics == null) {
            return;
        }
        FunctionCounter.builder("ptp_proxy_amqp_dropped_events", buffer, DropOldestQueue::dropped)
                .description("Events dropped for the AMQP broker because its buffer was full (oldest first)")
                .register(metrics);
        Gauge.builder("ptp_proxy_amqp_buffered_events", buffer, DropOldestQueue::size)
                .description("Events waiting for the AMQP broker")
                .register(metrics);
    }

    private static String required(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("Missing configuration property " + key));
    }
}
