package io.ptpproxy.ptp;

/**
 * The config tags (field 2 of a line) seen lately, so that every line of one config carries the same
 * tag and state-config strings: a node has a handful of configs, and the state tracker's lookups reuse
 * the strings' cached hash codes.
 *
 * <p>Threading contract: one cache serves every connection, whichever I/O thread parses its lines,
 * without locks. It is safe because a slot only ever holds null or an immutable {@link ConfigTag}
 * whose fields are final: reference reads and writes are atomic, and final-field semantics guarantee
 * that a thread which sees a tag sees its strings fully built. Threads racing on a slot may overwrite
 * each other's tag; the loser's next line then builds the tag again. A lost update costs one allocation,
 * never a wrong tag, because a hit is confirmed by comparing the text.
 */
final class ConfigTagCache {

    /** A power of two. */
    private static final int SIZE = 16;

    private final ConfigTag[] recent = new ConfigTag[SIZE];

    /** @return the tag of field 2 of a line whose field 2 is a config tag */
    ConfigTag tagOf(LineFields fields) {
        int hash = fields.tagHash(2);
        int slot = (hash ^ hash >>> 16) & (SIZE - 1);
        ConfigTag cached = recent[slot];
        if (cached != null && fields.is(2, cached.name)) {
            return cached;
        }
        ConfigTag tag = new ConfigTag(fields.get(2));
        recent[slot] = tag;
        return tag;
    }

    /**
     * A config tag and the config its state is kept under: ts2phc state lives with the ptp4l config of
     * the same profile (§1.4 step 3). Immutable (final fields), which is what lets the cache share it
     * between threads.
     */
    static final class ConfigTag {
        final String name;
        final String stateConfig;

        ConfigTag(String name) {
            this.name = name;
            this.stateConfig = name.startsWith("ts2phc.") ? "ptp4l." + name.substring("ts2phc.".length()) : name;
        }
    }
}
