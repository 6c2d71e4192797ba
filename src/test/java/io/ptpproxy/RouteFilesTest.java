package io.ptpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The route files are named one by one (a wildcard costs a scan of the whole runner jar at start-up):
 * the list names every file of {@code routes/} and {@code routes-amqp/}, each once, and nothing else.
 */
class RouteFilesTest {

    @Test
    void should_list_the_same_route_files_in_application_properties_and_for_the_amqp_runner() throws IOException {
        Properties application = new Properties();
        try (InputStream in = RouteFilesTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        assertEquals(CommandLine.ROUTES, application.getProperty("camel.main.routes-include-pattern"));
    }

    @Test
    void should_name_every_file_of_routes_and_nothing_else() throws IOException {
        assertEquals(filesOf("routes"), named(CommandLine.ROUTES, "routes"));
    }

    @Test
    void should_name_every_file_of_routes_amqp_and_nothing_else() throws IOException {
        assertEquals(filesOf("routes-amqp"), named(CommandLine.AMQP_ROUTES, "routes-amqp"));
    }

    /** Camel starts the routes in list order: a source must not take lines before publish runs. */
    @Test
    void should_start_publish_before_the_sources_and_the_v2_api_with_its_health_last() {
        List<String> names = Arrays.stream(CommandLine.ROUTES.split(","))
                .map(location -> location.substring("classpath:routes/".length())).toList();
        for (String source : List.of("source-ptp.yaml", "source-mock.yaml", "source-publisher-api.yaml", "demo.yaml")) {
            assertTrue(names.indexOf("publish.yaml") < names.indexOf(source), source + " starts before publish");
        }
        assertEquals("api-v2.yaml", names.get(names.size() - 1));
    }

    @Test
    void should_find_every_named_route_file_on_the_classpath() {
        for (String location : (CommandLine.ROUTES + "," + CommandLine.AMQP_ROUTES).split(",")) {
            assertNotNull(RouteFilesTest.class.getResource("/" + location.substring("classpath:".length())), location);
        }
    }

    /** @return the file names the list gives in {@code folder}, failing on a duplicate or any other entry */
    private static Set<String> named(String list, String folder) {
        List<String> locations = Arrays.asList(list.split(","));
        String prefix = "classpath:" + folder + "/";
        List<String> others = locations.stream()
                .filter(location -> !location.startsWith(prefix) || location.substring(prefix.length()).contains("/")
                        || !location.endsWith(".yaml") || location.contains("*"))
                .toList();
        assertEquals(List.of(), others, "entries that do not name one file of " + folder + "/");
        Set<String> names = locations.stream().map(location -> location.substring(prefix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(locations.size(), names.size(), "a file named twice: " + list);
        return names;
    }

    /** @return the YAML files of the repository's {@code folder} (the working directory of the tests) */
    private static Set<String> filesOf(String folder) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
