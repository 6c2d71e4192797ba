package io.ptpproxy.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Help text for the meters Camel registers without a description, which Prometheus' {@code promtool
 * check metrics} reports as "no help text" (an empty {@code # HELP} line). Only fills a missing
 * description; names, labels and values stay as Camel makes them.
 */
public final class MissingHelp implements MeterFilter {

    /** Descriptions by meter name (Micrometer's dotted or Prometheus' underscored form). */
    static final Map<String, String> HELP = Map.of(
            "app.info", "Camel runtime and context of this proxy (always 1)",
            "camel.routes.added", "Routes added to the Camel context",
            "camel.routes.reloaded", "Routes reloaded in the Camel context",
            "camel.routes.running", "Routes running in the Camel context");

    @Override
    public Meter.Id map(Meter.Id id) {
        String help = HELP.get(id.getName().replace('_', '.'));
        if (help == null || id.getDescription() != null && !id.getDescription().isBlank()) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
    }
}
