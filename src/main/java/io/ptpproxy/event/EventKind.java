package io.ptpproxy.event;

/**
 * What kind of event a resource publishes: the CloudEvent {@code source} and {@code type} every
 * event on that resource carries. The PTP catalogue ({@link ResourceType}) is one provider of
 * kinds; other sources (the mock source, publishers registered through the API) bring their own
 * with {@link #of}.
 */
public interface EventKind {

    /** @return the CloudEvent {@code source}, e.g. {@code /sync/ptp-status/lock-state} */
    String source();

    /** @return the CloudEvent {@code type}, e.g. {@code event.sync.ptp-status.ptp-state-change} */
    String eventType();

    /**
     * @param source the CloudEvent {@code source}
     * @param eventType the CloudEvent {@code type}
     * @return a kind that is not one of the PTP resource types
     */
    static EventKind of(String source, String eventType) {
        return new Custom(source, eventType);
    }

    /**
     * A kind given by its two attributes.
     *
     * @param source the CloudEvent {@code source}
     * @param eventType the CloudEvent {@code type}
     */
    record Custom(String source, String eventType) implements EventKind {

        public Custom {
            if (source == null || source.isEmpty()) {
                throw new IllegalArgumentException("source cannot be null or empty");
            }
            if (eventType == null || eventType.isEmpty()) {
                throw new IllegalArgumentException("eventType cannot be null or empty");
            }
        }
    }
}
