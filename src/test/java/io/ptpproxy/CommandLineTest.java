package io.ptpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The upstream flags and environment variables map onto application properties, flags first. */
class CommandLineTest {

    @Test
    void should_map_upstream_flags_in_both_forms() {
        Map<String, String> overrides = CommandLine.parse(new String[] {"--api-port=9085", "--store-path", "/store",
                "--transport-host=http://svc.ns.svc.cluster.local:9043", "--socket-path=/s.sock"}, Map.of()).orElseThrow();
        assertEquals(Map.of("api.port", "9085", "store.path", "/store",
                "transport.host", "http://svc.ns.svc.cluster.local:9043", "socket.path", "/s.sock"), overrides);
    }

    @Test
    void should_take_the_environment_and_let_a_flag_win_over_it() {
        Map<String, String> overrides = CommandLine.parse(new String[] {"--api-port=1"},
                Map.of("API_PORT", "2", "NODE_NAME", "worker-1.example.com")).orElseThrow();
        assertEquals("1", overrides.get("api.port"));
        assertEquals("worker-1.example.com", overrides.get("node.name"));
    }

    @Test
    void should_split_the_metrics_address_into_the_management_server_settings() {
        assertEquals(Map.of("camel.management.host", "0.0.0.0", "camel.management.port", "9091"),
                CommandLine.parse(new String[] {"--metrics-addr=:9091"}, Map.of()).orElseThrow());
        assertEquals(Map.of("camel.management.host", "127.0.0.1", "camel.management.port", "8080"),
                CommandLine.parse(new String[0], Map.of("METRICS_ADDR", "127.0.0.1:8080")).orElseThrow());
        assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--metrics-addr=9091"}, Map.of()));
    }

    @Test
    void should_switch_on_the_demo_with_its_own_work_directory_unless_paths_are_given() {
        Map<String, String> overrides = CommandLine.parse(new String[] {"--demo", "--store-path=/x"}, Map.of()).orElseThrow();
        assertEquals("true", overrides.get("demo.enabled"));
        assertEquals("/x", overrides.get("store.path"));
        assertEquals("target/demo/events.sock", overrides.get("socket.path"));
    }

    @Test
    void should_switch_the_sources_with_upstreams_plugin_variables() {
        assertEquals(Map.of("source.ptp.enabled", "false", "source.mock.enabled", "true"),
                CommandLine.parse(new String[0], Map.of("PTP_PLUGIN", "false", "MOCK_PLUGIN", "true")).orElseThrow());
        assertEquals(Map.of("source.ptp.enabled", "true", "source.mock.enabled", "false"),
                CommandLine.parse(new String[0], Map.of("PTP_PLUGIN", "TRUE", "MOCK_PLUGIN", "no")).orElseThrow());
        assertEquals(Map.of(), CommandLine.parse(new String[0], Map.of("PTP_PLUGIN", " ")).orElseThrow(),
                "unset or blank: the properties decide");
        assertTrue(CommandLine.usage().contains("MOCK_PLUGIN"));
    }

    @Test
    void should_refuse_an_unknown_flag_and_a_flag_without_value() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--api-prot=1"}, Map.of()));
        assertTrue(unknown.getMessage().startsWith("Unknown flag --api-prot"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--api-port"}, Map.of()));
    }

    @Test
    void should_take_the_demo_switch_alone_or_with_true_or_false() {
        assertEquals("true", CommandLine.parse(new String[] {"--demo=true"}, Map.of()).orElseThrow().get("demo.enabled"));
        assertEquals("true", CommandLine.parse(new String[] {"--demo=TRUE"}, Map.of()).orElseThrow().get("demo.enabled"));
        assertEquals(Map.of(), CommandLine.parse(new String[] {"--demo=false"}, Map.of()).orElseThrow());
        assertEquals(Map.of(), CommandLine.parse(new String[] {"--demo=false"}, Map.of("DEMO", "true")).orElseThrow(),
                "the flag wins over the environment");
        assertEquals("--demo: not true or false: yes", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--demo=yes"}, Map.of())).getMessage());
        assertEquals("--status-page: not true or false: on", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--status-page=on"}, Map.of())).getMessage());
        assertEquals("false", CommandLine.parse(new String[] {"--status-page", "false"}, Map.of()).orElseThrow()
                .get("status.enabled"));
    }

    @Test
    void should_refuse_a_port_that_is_not_a_number_naming_the_flag_or_variable() {
        assertEquals("--api-port: not a port number: abc", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--api-port=abc"}, Map.of())).getMessage());
        assertEquals("--api-port: not a port number: 70000", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--api-port", "70000"}, Map.of())).getMessage());
        assertEquals("API_PORT: not a port number: 9o43", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[0], Map.of("API_PORT", "9o43"))).getMessage());
        assertEquals("--metrics-addr: not a port number: x", assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse(new String[] {"--metrics-addr=127.0.0.1:x"}, Map.of())).getMessage());
        assertEquals("0", CommandLine.parse(new String[] {"--api-port=0"}, Map.of()).orElseThrow().get("api.port"));
    }

    @Test
    void should_ask_for_usage_on_help() {
        assertEquals(Optional.empty(), CommandLine.parse(new String[] {"--help"}, Map.of()));
        assertTrue(CommandLine.usage().contains("--store-path"));
    }

    @Test
    void should_name_the_innermost_cause_of_a_start_up_failure() {
        Exception wrapped = new IllegalStateException("Cannot start", new java.io.IOException("/store: Not a directory"));
        assertEquals("Cannot start (java.io.IOException: /store: Not a directory)", MainApp.rootMessage(wrapped));
    }

    @Test
    void should_name_the_wirings_own_failure_rather_than_camels_post_processing_of_its_class() {
        Exception wiring = new org.apache.camel.RuntimeCamelException(
                "Error during post processing of bean: io.ptpproxy.wiring.NodeConfiguration@1bab8268",
                new IllegalStateException("--api-version must be 1.x or 2.x, got 3"));
        assertEquals("--api-version must be 1.x or 2.x, got 3", MainApp.rootMessage(wiring));
        Exception store = new org.apache.camel.RuntimeCamelException(
                "Error during post processing of bean: io.ptpproxy.wiring.DeliveryConfiguration@2c",
                new IllegalStateException("Cannot start", new java.io.IOException("/store: Not a directory")));
        assertEquals("Cannot start (java.io.IOException: /store: Not a directory)", MainApp.rootMessage(store));
    }
}
