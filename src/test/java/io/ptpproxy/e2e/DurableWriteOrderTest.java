package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ptpproxy.event.ResourceType;
import io.ptpproxy.fixtures.ProxyProcess;
import io.ptpproxy.fixtures.RecordingSubscriber;
import io.ptpproxy.fixtures.RunningProxy;
import io.ptpproxy.subscription.ClientId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code CrashSafetyTest} cannot show (a SIGKILL keeps the page cache, a node reboot does not):
 * that the store's writes reach the disk in the order that makes them survive a power loss. The proxy
 * runs in its own JVM under {@code strace}, which records the system calls on the store's files while a
 * client creates and deletes subscriptions. For each change of the client file the trace must show the
 * new content written and fsynced under the temp name, then the rename over the client file (or its
 * unlink), then an fsync of the store directory, and only then the HTTP answer on the API socket.
 * Skipped when {@code strace} is missing or may not trace ({@code .ci/run} installs it).
 */
class DurableWriteOrderTest {

    private static final String STRACE = "strace";
    /** Store changes, the socket writes that carry the answers, and what maps descriptors to paths. */
    private static final String SYSCALLS =
            "openat,open,creat,write,pwrite64,writev,sendto,sendmsg,fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat";
    /** {@code [pid] name(args) = result}, or the first half of a call another thread interrupted. */
    private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*?)(?:\\) += (.*)| <unfinished \\.\\.\\.>)$");
    private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. (\\w+) resumed>(.*?)\\) += (.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** A descriptor argument as {@code strace -y} prints it: {@code 42</path/of/the/file>}. */
    private static final Pattern FD_PATH = Pattern.compile("^-?\\d+<([^>]*)>");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> straceOptions;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @BeforeAll
    static void requireStrace() throws Exception {
        // --seccomp-bpf stops the JVM only on the traced calls (strace 5.3+); older ones trace without it
        for (List<String> options : List.of(List.of("--seccomp-bpf", "-f"), List.of("-f"))) {
            if (canTrace(options)) {
                straceOptions = options;
                return;
            }
        }
        assumeTrue(false, "strace is not installed or may not trace here (no ptrace permission): "
                + "the durable-write order cannot be observed; .ci/run installs strace");
    }

    @Test
    void should_fsync_the_temp_file_then_rename_then_fsync_the_directory_before_answering() throws Exception {
        Path store = work.resolve("store").toAbsolutePath();
        Path traceFile = work.resolve("strace.txt");
        List<String> launcher = new ArrayList<>(List.of(STRACE));
        launcher.addAll(straceOptions);
        launcher.addAll(List.of("-y", "-s", "48", "-e", "trace=" + SYSCALLS, "-o", traceFile.toString()));
        List<String> addresses = ResourceType.all().stream().map(type -> type.addressOn(RunningProxy.NODE)).toList();
        try (RecordingSubscriber subscriber = RecordingSubscriber.start()) {
            Path clientFile = store.resolve(ClientId.of(subscriber.uri()) + ".json");
            String first;
            String second;
            // without the start-up warm-up: its loopback sink answers 204s of its own in this process
            try (ProxyProcess proxy = ProxyProcess.startUnder(launcher, work, 0, http,
                    List.of("-Dstartup.warm-up-changes=0"))) {
                first = create(proxy, addresses.get(0), subscriber.uri());
                assertEquals(List.of(first), storedIds(clientFile));
                second = create(proxy, addresses.get(1), subscriber.uri());
                assertEquals(List.of(first, second), storedIds(clientFile));
                delete(proxy, first);
                assertEquals(List.of(second), storedIds(clientFile));
                delete(proxy, second);
                assertFalse(Files.exists(clientFile), "the client file goes with the client's last subscription");
                proxy.kill();
            }
            Trace trace = Trace.read(traceFile);
            List<Integer> answers = trace.indexesOf(call -> call.isSocketWrite() && call.args().contains("HTTP/1.1 20"));
            List<String> answerStatuses = answers.stream().map(i -> trace.calls().get(i).args())
                    .map(args -> args.substring(args.indexOf("HTTP/1.1 ") + 9, args.indexOf("HTTP/1.1 ") + 12)).toList();
            // health probes answer 200 while the proxy starts; the four changes answer 201, 201, 204, 204
            List<Integer> changeAnswers = IntStream.range(0, answers.size())
                    .filter(i -> !answerStatuses.get(i).equals("200")).mapToObj(answers::get).toList();
            assertEquals(List.of("201", "201", "204", "204"),
                    changeAnswers.stream().map(i -> answerStatuses.get(answers.indexOf(i))).toList(),
                    "the answers to the four changes, in the trace of the API socket");
            Path temp = store.resolve("." + clientFile.getFileName() + ".tmp");
            int from = 0;
            for (int change = 0; change < 3; change++) {
                assertReplacedDurably(trace.slice(from, changeAnswers.get(change)), temp, clientFile, store,
                        "change " + (change + 1) + " (" + List.of("create", "create", "delete of one of two").get(change) + ")");
                from = changeAnswers.get(change);
            }
            assertDeletedDurably(trace.slice(from, changeAnswers.get(3)), clientFile, store);
        }
    }

    /** Temp file written and fsynced, renamed over the client file, directory fsynced: each before the next. */
    private static void assertReplacedDurably(Trace trace, Path temp, Path clientFile, Path store, String change) {
        String context = change + ", store calls before its answer:\n" + trace.touching(store);
        int open = trace.first(call -> call.name().startsWith("open") && temp.toString().equals(call.firstQuoted())
                && call.args().contains("O_CREAT") && call.succeeded(), 0, context + "\nno creation of the temp file");
        List<Integer> writes = trace.indexesOf(call -> call.isWrite() && call.onDescriptorOf(temp));
        assertFalse(writes.isEmpty(), context + "\nno write to the temp file");
        assertTrue(writes.get(0) > open, context + "\nwritten before it was opened");
        writes.forEach(i -> assertTrue(trace.calls().get(i).succeeded(), context + "\na failed write: " + trace.calls().get(i)));
        int lastWrite = writes.get(writes.size() - 1);
        int sync = trace.first(call -> call.isSync() && call.onDescriptorOf(temp) && call.succeeded(), lastWrite,
                context + "\nno fsync of the temp file after its last write");
        int rename = trace.first(call -> call.name().startsWith("rename") && call.succeeded()
                        && call.quoted().equals(List.of(temp.toString(), clientFile.toString())), sync,
                context + "\nno rename of the fsynced temp file over the client file");
        trace.first(call -> call.isSync() && call.onDescriptorOf(store) && call.succeeded(), rename,
                context + "\nno fsync of the store directory after the rename");
    }

    /** The last subscription of a client goes: unlink of its file, then the directory fsynced. */
    private static void assertDeletedDurably(Trace trace, Path clientFile, Path store) {
        String context = "delete of the last subscription, store calls before its answer:\n" + trace.touching(store);
        int unlink = trace.first(call -> call.name().startsWith("unlink") && call.succeeded()
                && call.quoted().equals(List.of(clientFile.toString())), 0, context + "\nno unlink of the client file");
        trace.first(call -> call.isSync() && call.onDescriptorOf(store) && call.succeeded(), unlink,
                context + "\nno fsync of the store directory after the unlink");
    }

    private String create(ProxyProcess proxy, String address, String endpoint) throws Exception {
        HttpResponse<String> response = send(proxy, "POST", "/subscriptions",
                "{\"ResourceAddress\":\"" + address + "\",\"EndpointUri\":\"" + endpoint + "\"}");
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("SubscriptionId").textValue();
    }

    private void delete(ProxyProcess proxy, String id) throws Exception {
        assertEquals(204, send(proxy, "DELETE", "/subscriptions/" + id, null).statusCode());
    }

    private HttpResponse<String> send(ProxyProcess proxy, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy.v2() + path)).timeout(Duration.ofSeconds(30));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> storedIds(Path clientFile) throws IOException {
        List<String> ids = new ArrayList<>();
        JSON.readTree(clientFile.toFile()).get("subStore").get("store").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    private static boolean canTrace(List<String> options) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(STRACE));
        command.addAll(options);
        command.addAll(List.of("-o", "/dev/null", "true"));
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    /** One system call as {@code strace -y} wrote it. */
    record Call(int pid, String name, String args, String result) {

        boolean succeeded() {
            return result != null && !result.startsWith("-1") && !result.startsWith("?");
        }

        boolean isWrite() {
            return name.equals("write") || name.equals("pwrite64") || name.equals("writev");
        }

        boolean isSocketWrite() {
            return (isWrite() || name.startsWith("send")) && descriptorPath().startsWith("socket:");
        }

        boolean isSync() {
            return name.equals("fsync") || name.equals("fdatasync");
        }

        /** @return the path {@code -y} printed for the first argument, a descriptor; empty when it is none */
        String descriptorPath() {
            Matcher fd = FD_PATH.matcher(args);
            return fd.find() ? fd.group(1) : "";
        }

        boolean onDescriptorOf(Path file) {
            return descriptorPath().equals(file.toString());
        }

        List<String> quoted() {
            List<String> strings = new ArrayList<>();
            Matcher matcher = QUOTED.matcher(args);
            while (matcher.find()) {
                strings.add(matcher.group(1));
            }
            return strings;
        }

        String firstQuoted() {
            List<String> strings = quoted();
            return strings.isEmpty() ? "" : strings.get(0);
        }
    }

    /** The calls of a trace in the order strace saw them start (one thread serves a request's store change). */
    record Trace(List<Call> calls) {

        static Trace read(Path file) throws IOException {
            List<Call> calls = new ArrayList<>();
            Map<Integer, Integer> unfinished = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                Matcher call = CALL.matcher(line);
                Matcher resumed = RESUMED.matcher(line);
                if (call.matches()) {
                    int pid = Integer.parseInt(call.group(1));
                    if (call.group(4) == null) {
                        unfinished.put(pid, calls.size());
                    }
                    calls.add(new Call(pid, call.group(2), call.group(3), call.group(4)));
                } else if (resumed.matches()) {
                    Integer at = unfinished.remove(Integer.parseInt(resumed.group(1)));
                    if (at != null) {
                        Call start = calls.get(at);
                        calls.set(at, new Call(start.pid(), start.name(), start.args() + resumed.group(3), resumed.group(4)));
                    }
                }
            }
            assertFalse(calls.isEmpty(), "strace wrote no calls to " + file);
            return new Trace(calls);
        }

        Trace slice(int from, int to) {
            return new Trace(calls.subList(from, to));
        }

        List<Integer> indexesOf(Predicate<Call> wanted) {
            return IntStream.range(0, calls.size()).filter(i -> wanted.test(calls.get(i))).boxed().toList();
        }

        /** @return the index of the first wanted call after {@code after}, failing with the message when there is none */
        int first(Predicate<Call> wanted, int after, String message) {
            return IntStream.range(after, calls.size()).filter(i -> wanted.test(calls.get(i))).findFirst()
                    .orElseThrow(() -> new AssertionError(message));
        }

        /** @return the calls on paths in the store, one a line, for failure messages */
        String touching(Path store) {
            StringBuilder out = new StringBuilder();
            for (Call call : calls) {
                if (call.args().contains(store.toString())) {
                    out.append("  ").append(call.name()).append('(').append(call.args()).append(") = ")
                            .append(call.result()).append('\n');
                }
            }
            return out.toString();
        }
    }
}
