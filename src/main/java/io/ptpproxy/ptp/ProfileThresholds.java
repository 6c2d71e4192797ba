package io.ptpproxy.ptp;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The node's profile file (the PtpConfig profiles as a JSON array,
 * {@code [{"name": …, "ptpClockThreshold": {…}}, …]}) read for each profile's thresholds (ptp-domain.md §5.3).
 */
public final class ProfileThresholds {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileThresholds() {
    }

    /**
     * @param content the profile file's bytes
     * @return the thresholds of every named profile, in file order
     * @throws MalformedException when the content is not such a JSON array; the message says why
     */
    public static Map<String, Thresholds> parse(byte[] content) throws MalformedException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JacksonException e) {
            throw new MalformedException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedException(e.toString());
        }
        if (root == null || !root.isArray()) {
            throw new MalformedException("not a JSON array of profiles");
        }
        Map<String, Thresholds> thresholds = new LinkedHashMap<>();
        for (JsonNode profile : root) {
            if (!profile.isObject()) {
                throw new MalformedException("a profile is not a JSON object");
            }
            JsonNode name = profile.get("name");
            if (name == null || name.isNull()) {
                continue;
            }
            if (!name.isTextual()) {
                throw new MalformedException("a profile name is not a string");
            }
            thresholds.put(name.asText(), thresholds(name.asText(), profile.get("ptpClockThreshold")));
        }
        return Collections.unmodifiableMap(thresholds);
    }

    /** Go semantics: an absent stanza means defaults, an absent field in a present stanza means 0. */
    private static Thresholds thresholds(String profile, JsonNode stanza) throws MalformedException {
        if (stanza == null || stanza.isNull()) {
            return Thresholds.DEFAULT;
        }
        if (!stanza.isObject()) {
            throw new MalformedException("ptpClockThreshold of " + profile + " is not a JSON object");
        }
        return Thresholds.of(integer(profile, stanza, "holdOverTimeout"),
                integer(profile, stanza, "maxOffsetThreshold"),
                integer(profile, stanza, "minOffsetThreshold"));
    }

    private static long integer(String profile, JsonNode stanza, String field) throws MalformedException {
        JsonNode value = stanza.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new MalformedException(field + " of " + profile + " is not an integer: " + value);
        }
        return value.longValue();
    }

    /** A profile file that cannot be used; the message names the problem. */
    public static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }
}
