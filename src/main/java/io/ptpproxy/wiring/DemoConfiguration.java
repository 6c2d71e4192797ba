package io.ptpproxy.wiring;

import java.nio.file.Path;

import io.ptpproxy.demo.DemoFeed;
import io.ptpproxy.demo.DemoSubscriber;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/**
 * Demo mode ({@code --demo}, {@code demo.enabled}): the recorded linuxptp session replayed into the
 * socket ({@code demoFeed}) and the subscriber printing what it receives ({@code demoSubscriber}),
 * both called by {@code routes/demo.yaml}. Listed before {@link PtpConfiguration}: in demo mode the
 * recorded daemon's config is written where the PTP config catalog then reads it.
 */
public final class DemoConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    @BeanInject("nodeName")
    private String nodeName;
    @PropertyInject(value = "demo.enabled", defaultValue = "false")
    private boolean demo;
    @PropertyInject(value = "ptp.config-dir", defaultValue = "/var/run")
    private String ptpConfigDir;
    @PropertyInject(value = "socket.path", defaultValue = "/cloud-native/events.sock")
    private String socketPath;
    @PropertyInject(value = "api.port", defaultValue = "9043")
    private int apiPort;
    @PropertyInject(value = "demo.subscriber-port", defaultValue = "9089")
    private int subscriberPort;

    /** @return the replay of the recorded session; in demo mode its daemon config is written first */
    @BindToRegistry("demoFeed")
    public DemoFeed demoFeed() {
        DemoFeed made = once.find("demoFeed");
        if (made != null) {
            return made;
        }
        if (demo) {
            DemoFeed.writeConfig(Path.of(ptpConfigDir));
        }
        return once.keep("demoFeed", new DemoFeed(Path.of(socketPath)));
    }

    /** @return the demo's subscriber, stopped with Camel */
    @BindToRegistry("demoSubscriber")
    public DemoSubscriber demoSubscriber(CamelContext context) {
        DemoSubscriber made = once.find("demoSubscriber");
        if (made != null) {
            return made;
        }
        DemoSubscriber subscriber = new DemoSubscriber(nodeName, apiPort, subscriberPort);
        Lifecycle.onStop(context, subscriber::stop);
        return once.keep("demoSubscriber", subscriber);
    }
}
