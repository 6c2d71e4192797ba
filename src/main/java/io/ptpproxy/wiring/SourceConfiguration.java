package io.ptpproxy.wiring;

import java.nio.file.Path;

import io.ptpproxy.mock.MockSource;
import io.ptpproxy.ptp.ClockStateTracker;
import io.ptpproxy.ptp.PtpEventSource;
import io.ptpproxy.publisher.PublisherSource;
import io.ptpproxy.publisher.PublisherStore;
import io.ptpproxy.source.ResourceCatalogue;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/**
 * Event sources: the catalogue of the enabled ones ({@code resourceCatalogue}: PTP when the
 * {@link OperatingMode} runs it, mock when {@code source.mock.enabled}, the publisher API always), the
 * mock source ({@code mockSource}, {@code routes/source-mock.yaml}) and the publisher API's
 * ({@code publisherStore}, {@code publisherSource}, {@code routes/source-publisher-api.yaml}).
 */
public final class SourceConfiguration implements CamelConfiguration {

    private final Once once = new Once();

    @BeanInject("nodeName")
    private String nodeName;
    @BeanInject("operatingMode")
    private OperatingMode mode;
    @BeanInject("clockStateTracker")
    private ClockStateTracker tracker;
    @PropertyInject(value = "source.mock.enabled", defaultValue = "false")
    private boolean mockEnabled;
    @PropertyInject(value = "store.path", defaultValue = "store")
    private String storePath;

    @BindToRegistry("mockSource")
    public MockSource mockSource() {
        MockSource made = once.find("mockSource");
        return made != null ? made : once.keep("mockSource", new MockSource(nodeName));
    }

    @BindToRegistry("publisherStore")
    public PublisherStore publisherStore() {
        PublisherStore made = once.find("publisherStore");
        return made != null ? made : once.keep("publisherStore", PublisherStore.open(Path.of(storePath)));
    }

    @BindToRegistry("publisherSource")
    public PublisherSource publisherSource(@BeanInject("publisherStore") PublisherStore store) {
        PublisherSource made = once.find("publisherSource");
        return made != null ? made : once.keep("publisherSource", new PublisherSource(store));
    }

    /**
     * @return the enabled sources, in the order a subscription address is resolved and publishers
     *         listed; each one's events come from its route in routes/source-*.yaml
     */
    @BindToRegistry("resourceCatalogue")
    public ResourceCatalogue resourceCatalogue(@BeanInject("mockSource") MockSource mock,
                                               @BeanInject("publisherSource") PublisherSource publisherSource) {
        ResourceCatalogue made = once.find("resourceCatalogue");
        if (made != null) {
            return made;
        }
        ResourceCatalogue catalogue = new ResourceCatalogue();
        if (mode.ptpSource()) {
            catalogue.register(new PtpEventSource(tracker, nodeName));
        }
        if (mockEnabled) {
            catalogue.register(mock);
        }
        catalogue.register(publisherSource);
        return once.keep("resourceCatalogue", catalogue);
    }
}
