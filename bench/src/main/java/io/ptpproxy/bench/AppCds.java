package io.ptpproxy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Trains the AppCDS archive of the proxy jar the way deploy/container/Containerfile does in the image
 * build: the built-in demo runs for 5 s (every route, both HTTP servers, ingest → publish → delivery)
 * and the classes it loaded are archived at exit. Like the image, the training runs with default
 * JVM flags; the production flags only apply to the runs that use the archive.
 */
final class AppCds {

    private AppCds() {
    }

    /**
     * @param jar the proxy runner jar (the archive is valid only for this exact file)
     * @return the archive, to pass as {@code -XX:SharedArchiveFile}
     */
    static Path train(Path jar) throws Exception {
        Path dir = Files.createTempDirectory("ptp-bench-cds-");
        Path archive = dir.resolve("app.jsa");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProxyProcess.javaCommand());
        cmd.add("-XX:ArchiveClassesAtExit=" + archive);
        cmd.add("-Dcamel.main.duration-max-seconds=5");
        // the image builds alone; here the default ports may be taken
        cmd.add("-Ddemo.subscriber-port=" + ProxyProcess.freePort());
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--demo",
                "--socket-path=" + dir.resolve("events.sock"), "--store-path=" + dir.resolve("store"),
                "--ptp-config-dir=" + dir.resolve("run"), "--ptp-profile-path=" + dir.resolve("profiles"),
                "--api-port=" + ProxyProcess.freePort(), "--metrics-addr=127.0.0.1:" + ProxyProcess.freePort()));
        Path log = dir.resolve("training.log");
        Process training = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!training.waitFor(300, TimeUnit.SECONDS)) {
            training.destroyForcibly();
            throw new IllegalStateException("AppCDS training did not stop within 300 s, see " + log);
        }
        if (training.exitValue() != 0 || !Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("AppCDS training failed (exit " + training.exitValue() + "), see " + log);
        }
        return archive;
    }
}
