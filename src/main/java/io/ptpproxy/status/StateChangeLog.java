package io.ptpproxy.status;

import java.util.HashMap;
import java.util.Map;

import io.ptpproxy.event.DataValue;
import io.ptpproxy.event.Notification;
import io.ptpproxy.event.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per published state change with its old and new value
 * ({@code lock-state /cluster/node/n1/ens5fx/master: LOCKED -> HOLDOVER}), so the log alone tells an
 * operator what subscribers were told. Values are remembered per resource address, a handful per node.
 */
public final class StateChangeLog {

    private static final Logger LOG = LoggerFactory.getLogger(StateChangeLog.class);

    private final Map<String, String> last = new HashMap<>();

    /** Logs the notification's state values (the clock class for clock-class events) that changed. */
    public synchronized void note(Notification notification) {
        boolean metricIsState = notification.type() == ResourceType.CLOCK_CLASS;
        for (DataValue value : notification.values()) {
            if (!metricIsState && !DataValue.NOTIFICATION.equals(value.dataType())) {
                continue;
            }
            String key = notification.type() + " " + value.resourceAddress();
            String old = last.put(key, value.value());
            if (!value.value().equals(old)) {
                LOG.info("{} {}: {} -> {}", notification.type().source().substring(1), value.resourceAddress(),
                        old == null ? "(none)" : old, value.value());
            }
        }
    }
}
