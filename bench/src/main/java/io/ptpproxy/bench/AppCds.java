package io.ptpproxy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains the start-up archive of the proxy jar the way deploy/container/Containerfile does in the
 * image build: the built-in demo runs for 5 s (every route, both HTTP servers, ingest → publish →
 * delivery). On a JDK 25 or later that is the AOT cache of JEP 483/514/515 ({@code -XX:AOTCacheOutput},
 * which must match the flags it is used with); on an older JDK the AppCDS archive of the classes
 * loaded, archived at exit ({@code -XX:ArchiveClassesAtExit}). Both are trained with the production
 * flags, as the image trains with {@code @/app/jvm.options}.
 */
final class AppCds {

    /** The first JDK whose AOT cache the image trains (JEP 514's one-step {@code -XX:AOTCacheOutput}). */
    static final int AOT_CACHE_FEATURE = 25;
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private AppCds() {
    }

    /**
     * @param jar the proxy runner jar (the archive is valid only for this exact file and JDK)
     * @param productionFlags the flags the runs with the archive get (JAVA_TOOL_OPTIONS); the archive is trained with them
     * @return the JVM options that use the archive; with an AOT cache {@code -XX:AOTMode=on}, so that a
     *         cache the JVM cannot use stops it instead of being measured without
     */
    static List<String> train(Path jar, String productionFlags) throws Exception {
        Path dir = Files.createTempDirectory("ptp-bench-cds-");
        boolean aot = featureVersion(ProxyProcess.javaCommand()) >= AOT_CACHE_FEATURE;
        Path archive = dir.resolve(aot ? "app.aot" : "app.jsa");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProxyProcess.javaCommand());
        cmd.add(aot ? "-XX:AOTCacheOutput=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
        cmd.add("-Dcamel.main.duration-max-seconds=5");
        // the image builds alone; here the default ports may be taken
        cmd.add("-Ddemo.subscriber-port=" + ProxyProcess.freePort());
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--demo",
                "--socket-path=" + dir.resolve("events.sock"), "--store-path=" + dir.resolve("store"),
                "--ptp-config-dir=" + dir.resolve("run"), "--ptp-profile-path=" + dir.resolve("profiles"),
                "--api-port=" + ProxyProcess.freePort(), "--metrics-addr=127.0.0.1:" + ProxyProcess.freePort()));
        Path log = dir.resolve("training.log");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_TOOL_OPTIONS", productionFlags);
        Process training = builder.start();
        if (!training.waitFor(300, TimeUnit.SECONDS)) {
            training.destroyForcibly();
            throw new IllegalStateException("archive training did not stop within 300 s, see " + log);
        }
        if (training.exitValue() != 0 || !Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("archive training failed (exit " + training.exitValue() + "), see " + log);
        }
        return aot ? List.of("-XX:AOTCache=" + archive, "-XX:AOTMode=on") : List.of("-XX:SharedArchiveFile=" + archive);
    }

    /** @return the feature release of the JDK a {@code bin/java} belongs to, from its {@code release} file */
    static int featureVersion(String java) throws IOException {
        Path release = Path.of(java).toAbsolutePath().getParent().getParent().resolve("release");
        Matcher version = JAVA_VERSION.matcher(Files.readString(release));
        if (!version.find()) {
            throw new IllegalStateException("no JAVA_VERSION in " + release);
        }
        return Integer.parseInt(version.group(1));
    }

    /** @return the options the proxy's JVM needs on this JDK besides the heap and compiler flags (as ProductionJvm adds them) */
    static String javaRuntimeOptions(String java) throws IOException {
        return featureVersion(java) >= AOT_CACHE_FEATURE
                ? " --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" : "";
    }
}
