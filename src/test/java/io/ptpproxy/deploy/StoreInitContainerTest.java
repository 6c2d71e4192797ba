package io.ptpproxy.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.ptpproxy.fixtures.Executables;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store-owner init container, taken from the rendered manifest, run the way the kubelet runs it:
 * as root with only the capabilities the manifest adds ({@code setpriv --bounding-set=-all,+chown}),
 * on a directory standing for the hostPath, on two pod starts in a row. Before the fix the second
 * start failed with EPERM (chmod of a directory root no longer owns, without CAP_FOWNER) and the pod
 * stayed in Init:CrashLoopBackOff. Needs root, setpriv (util-linux) and kubectl; skipped otherwise.
 */
class StoreInitContainerTest {

    private static final String STORE = "/store";

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes/base", "kubernetes/standalone"})
    void should_hand_the_store_to_the_proxy_on_every_pod_start(String form) throws Exception {
        String kubectl = Kustomize.kubectl().orElse(null);
        String setpriv = Executables.onPath("setpriv").orElse(null);
        Assumptions.assumeTrue(kubectl != null && setpriv != null, "needs kubectl and setpriv (util-linux)");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root, as the init container runs");
        JsonNode init = storeOwner(kubectl, form);
        List<String> command = new ArrayList<>();
        init.path("command").forEach(word -> command.add(word.asText()));
        assertEquals(List.of("/bin/sh", "-c"), command.subList(0, 2), form);
        assertEquals(STORE, init.path("volumeMounts").get(0).path("mountPath").asText(), form);
        assertEquals(0, init.path("securityContext").path("runAsUser").asInt(-1), form);
        assertEquals("[\"ALL\"]", init.path("securityContext").path("capabilities").path("drop").toString(), form);
        List<String> added = new ArrayList<>();
        init.path("securityContext").path("capabilities").path("add").forEach(c -> added.add(c.asText().toLowerCase()));
        String boundingSet = "-all" + added.stream().map(c -> ",+" + c).collect(Collectors.joining());

        Path hostPath = Files.createDirectory(work.resolve("var-lib-ptp-event-proxy"));
        String script = command.get(2).replaceAll(STORE + "(?=\\s|$)", hostPath.toString());
        assertNotEquals(command.get(2), script, "the command names the store by its mount path");
        for (int start = 1; start <= 2; start++) {
            Result result = run(setpriv, "--bounding-set=" + boundingSet, "/bin/sh", "-c", script);
            assertEquals(0, result.exit(), form + ", pod start " + start + ": " + result.output());
            assertEquals("1001:1001 700", Files.getAttribute(hostPath, "unix:uid") + ":"
                    + Files.getAttribute(hostPath, "unix:gid") + " " + mode(hostPath), form + ", pod start " + start);
        }
    }

    /** The harness itself reproduces the bug: the old command fails on the second start. */
    @ParameterizedTest
    @ValueSource(strings = {"chmod 0700 /store && chown 1001:1001 /store"})
    void should_reproduce_the_failure_of_the_old_command(String old) throws Exception {
        String setpriv = Executables.onPath("setpriv").orElse(null);
        Assumptions.assumeTrue(setpriv != null && "root".equals(System.getProperty("user.name")), "needs root and setpriv");
        Path hostPath = Files.createDirectory(work.resolve("old"));
        String script = old.replace(STORE, hostPath.toString());
        assertEquals(0, run(setpriv, "--bounding-set=-all,+chown", "/bin/sh", "-c", script).exit());
        Result second = run(setpriv, "--bounding-set=-all,+chown", "/bin/sh", "-c", script);
        assertEquals(1, second.exit(), second.output());
        assertTrue(second.output().contains("Operation not permitted"), second.output());
    }

    private static JsonNode storeOwner(String kubectl, String form) throws IOException, InterruptedException {
        for (JsonNode object : Kustomize.render(kubectl, Kustomize.DEPLOY.resolve(form))) {
            if (object.path("kind").asText().equals("DaemonSet")) {
                for (JsonNode init : object.path("spec").path("template").path("spec").path("initContainers")) {
                    if (init.path("name").asText().equals("ptp-event-proxy-store-owner")) {
                        return init;
                    }
                }
            }
        }
        throw new AssertionError("no store-owner init container in " + form);
    }

    private static String mode(Path dir) throws IOException {
        String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
        int mode = 0;
        for (int i = 0; i < 9; i++) {
            mode = mode << 1 | (permissions.charAt(i) == '-' ? 0 : 1);
        }
        return Integer.toOctalString(mode);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        return new Result(process.exitValue(), output);
    }
}
