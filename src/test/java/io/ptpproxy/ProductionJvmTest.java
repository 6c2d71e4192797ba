package io.ptpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the plain {@code java -jar} re-runs the proxy with the shipped flags, and how. */
class ProductionJvmTest {

    /** The shipped flags, as deploy/jvm.options and the manifests write them. */
    private static final List<String> SHIPPED = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData", "-XX:Tier3InvocationThreshold=20", "-XX:Tier3MinInvocationThreshold=10",
            "-XX:Tier3CompileThreshold=100", "-XX:CICompilerCount=1",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true");

    @Test
    void should_relaunch_a_jvm_started_without_options_or_with_system_properties_only() {
        assertTrue(ProductionJvm.shouldRelaunch(List.of(), Map.of(), Map.of()));
        assertTrue(ProductionJvm.shouldRelaunch(List.of("-Dcamel.main.duration-max-seconds=5"),
                Map.of("JAVA_TOOL_OPTIONS", "-Dfile.encoding=UTF-8"), Map.of()));
    }

    @Test
    void should_leave_a_tuned_jvm_alone_wherever_the_options_come_from() {
        assertFalse(ProductionJvm.shouldRelaunch(List.of("-Xmx1g"), Map.of(), Map.of()));
        assertFalse(ProductionJvm.shouldRelaunch(List.of("-XX:SharedArchiveFile=/app/app.jsa"), Map.of(), Map.of()));
        assertFalse(ProductionJvm.shouldRelaunch(List.of("-javaagent:/x.jar"), Map.of(), Map.of()));
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            assertFalse(ProductionJvm.shouldRelaunch(List.of(),
                    Map.of(variable, " -Xms16m -Xmx64m -XX:+UseSerialGC -Djava.io.tmpdir=/tmp"), Map.of()), variable);
        }
    }

    @Test
    void should_never_relaunch_the_child_or_when_switched_off() {
        assertFalse(ProductionJvm.shouldRelaunch(List.of(), Map.of(), Map.of(ProductionJvm.CHILD_PROPERTY, "true")));
        assertFalse(ProductionJvm.shouldRelaunch(List.of(), Map.of(), Map.of(ProductionJvm.SWITCH_PROPERTY, "false")));
    }

    @Test
    void should_read_the_jvm_options_up_to_the_jar_or_the_main_class() {
        assertEquals(List.of("-Da=1"), ProductionJvm.jvmOptions(List.of("-Da=1", "-jar", "x.jar", "--api-port=1")));
        assertEquals(List.of("-cp", "-Db=2"),
                ProductionJvm.jvmOptions(List.of("-cp", "x.jar", "-Db=2", "io.ptpproxy.MainApp", "-Xmx1g")));
        assertEquals(List.of(), ProductionJvm.jvmOptions(List.of("-jar", "x.jar", "-Xmx1g")));
    }

    /** The README's {@code java @deploy/jvm.options -jar …}: /proc/self/cmdline holds the file's name, not its flags. */
    @Test
    void should_leave_the_jvm_of_the_readme_command_alone_its_options_come_from_the_argument_file() {
        List<String> options = ProductionJvm.jvmOptions(
                List.of("@deploy/jvm.options", "-jar", "target/ptp-event-proxy-runner.jar", "--demo"));

        assertEquals(ProductionJvm.FLAGS, options);
        assertFalse(ProductionJvm.shouldRelaunch(options, Map.of(), Map.of()));
    }

    @Test
    void should_read_an_argument_file_as_the_launcher_does(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("props.options"), """
                # only properties: the JVM still runs on its defaults
                -Da=1   -Db="two words" # a trailing comment
                "-Dc=three words"	'-Dd="'
                """);

        List<String> options = ProductionJvm.jvmOptions(List.of("-Dz=0", "@" + file, "-jar", "x.jar", "-Xmx1g"));

        assertEquals(List.of("-Dz=0", "-Da=1", "-Db=two words", "-Dc=three words", "-Dd=\""), options);
        assertTrue(ProductionJvm.shouldRelaunch(options, Map.of(), Map.of()), options.toString());
    }

    @Test
    void should_leave_the_jvm_alone_when_its_argument_file_is_gone(@TempDir Path dir) {
        List<String> options = ProductionJvm.jvmOptions(List.of("@" + dir.resolve("gone.options"), "-jar", "x.jar"));

        assertEquals(List.of("@" + dir.resolve("gone.options")), options);
        assertFalse(ProductionJvm.shouldRelaunch(options, Map.of(), Map.of()));
    }

    @Test
    void should_give_the_child_the_flags_the_properties_and_every_argument() {
        assertEquals(concat(List.of("/usr/bin/java"), SHIPPED, List.of(
                        "-Da=1", "-D" + ProductionJvm.CHILD_PROPERTY + "=true", "-cp", "/opt/proxy.jar",
                        "io.ptpproxy.MainApp", "--demo", "--api-port", "9043")),
                ProductionJvm.childCommand("/usr/bin/java", 17, List.of("-Da=1", "-cp"), "/opt/proxy.jar",
                        new String[] {"--demo", "--api-port", "9043"}));
    }

    /** A JDK 17 stops at an option it does not know: the access flags only go to a JDK that has them. */
    @Test
    void should_allow_unsafe_memory_access_and_native_access_only_from_jdk_24_on() {
        List<String> tuning = SHIPPED;
        List<String> access = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");
        assertEquals(tuning, ProductionJvm.flags(17));
        assertEquals(tuning, ProductionJvm.flags(21));
        assertEquals(Stream.concat(tuning.stream(), access.stream()).toList(), ProductionJvm.flags(25));
        assertEquals(concat(List.of("/opt/jdk-25/bin/java"), SHIPPED, access,
                        List.of("-D" + ProductionJvm.CHILD_PROPERTY + "=true", "-cp", "/opt/proxy.jar", "io.ptpproxy.MainApp")),
                ProductionJvm.childCommand("/opt/jdk-25/bin/java", 25, List.of(), "/opt/proxy.jar", new String[0]));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }
}
