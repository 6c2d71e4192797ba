package io.ptpproxy.source;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The resources of the enabled event sources: which addresses may be subscribed to (an address no
 * enabled source publishes is answered 404) and which publishers {@code GET publishers} lists. A
 * source that is switched off is simply never registered.
 */
public final class ResourceCatalogue {

    private final List<EventSource> sources = new CopyOnWriteArrayList<>();

    /**
     * Adds an enabled source. Sources are asked in registration order, so an address two sources
     * publish is served by the first.
     *
     * @return the source
     */
    public <S extends EventSource> S register(S source) {
        if (source == null) {
            throw new IllegalArgumentException("source cannot be null");
        }
        sources.add(source);
        return source;
    }

    /** @return the source serving a subscription to this address: the first enabled one that publishes it */
    public Optional<EventSource> sourceOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        return sources.stream().filter(source -> source.publishes(address)).findFirst();
    }

    /** @return every publisher address of the enabled sources, each once, in source order */
    public List<String> addresses() {
        Set<String> addresses = new LinkedHashSet<>();
        sources.forEach(source -> addresses.addAll(source.addresses()));
        return List.copyOf(addresses);
    }
}
