package io.ptpproxy.health;

import java.util.Map;

/**
 * One thing the proxy needs to work, checked on demand for the Kubernetes probes.
 */
@FunctionalInterface
public interface Probe {

    /** @return whether it is fine now, with what was looked at */
    Finding check();

    /**
     * What a probe found.
     *
     * @param up true when the thing works
     * @param details what was checked and, when down, why (shown in the probe's JSON)
     */
    record Finding(boolean up, Map<String, Object> details) {

        public Finding {
            if (details == null) {
                throw new IllegalArgumentException("details cannot be null");
            }
            details = Map.copyOf(details);
        }
    }
}
