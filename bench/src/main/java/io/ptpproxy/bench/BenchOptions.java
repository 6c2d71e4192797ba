package io.ptpproxy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the end-to-end benchmark.
 *
 * @param jar the proxy's runner jar
 * @param out where the Markdown results go
 * @param scale factor on every sample count (0.1 with {@code --quick})
 * @param productionSuite whether the suite also runs with the production flags (not with {@code --default-only})
 * @param productionFlags the JVM flags of the production configuration ({@code --prod-flags=...})
 * @param appCds whether the production configuration uses an AppCDS archive the run trains first
 * @param soakMinutes length of the soak, 0 to skip it ({@code --soak-minutes=N})
 * @param jmhJson the JMH microbenchmarks' results to put at the top of the table ({@code --jmh=FILE}), or null
 */
record BenchOptions(Path jar, Path out, double scale, boolean productionSuite, List<String> productionFlags,
                    boolean appCds, double soakMinutes, Path jmhJson) {

    /**
     * The flags the deployment manifests give the proxy today (deploy/kubernetes, deploy/systemd:
     * JAVA_TOOL_OPTIONS); the production configuration runs with these unless {@code --prod-flags} says otherwise.
     */
    static final String PRODUCTION_FLAGS = "-Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:Tier3InvocationThreshold=20 -XX:Tier3MinInvocationThreshold=10 -XX:Tier3CompileThreshold=100 -XX:CICompilerCount=1 --add-opens=java.base/java.nio=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true";
    /** The soak of issue #9: 10 events/s to 100 subscribers for 10 minutes. */
    static final double SOAK_MINUTES = 10;

    static final String USAGE = "usage: java -jar ptp-event-proxy-bench.jar PROXY_RUNNER_JAR [--out=FILE] [--quick]"
            + " [--default-only] [--prod-flags=\"" + PRODUCTION_FLAGS + "\"] [--no-appcds] [--soak-minutes="
            + (int) SOAK_MINUTES + "] [--jmh=JMH_RESULTS.json]";

    /** @throws IllegalArgumentException with what is wrong, for the usage message */
    static BenchOptions parse(String... args) {
        Path jar = null;
        Path out = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "results", "latest.md")
                : Path.of("results", "latest.md");
        double scale = 1.0;
        boolean production = true;
        String flags = PRODUCTION_FLAGS;
        boolean appCds = true;
        Double soak = null;
        Path jmh = null;
        for (String a : args) {
            if (a.startsWith("--out=")) {
                out = Path.of(a.substring("--out=".length()));
            } else if (a.equals("--quick")) {
                scale = 0.1;
            } else if (a.equals("--default-only")) {
                production = false;
            } else if (a.startsWith("--prod-flags=")) {
                flags = a.substring("--prod-flags=".length());
            } else if (a.equals("--no-appcds")) {
                appCds = false;
            } else if (a.startsWith("--soak-minutes=")) {
                soak = minutes(a.substring("--soak-minutes=".length()));
            } else if (a.startsWith("--jmh=")) {
                jmh = Path.of(a.substring("--jmh=".length()));
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + a);
            } else {
                jar = Path.of(a);
            }
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar == null ? "missing PROXY_RUNNER_JAR" : "no such file " + jar);
        }
        // --quick is a smoke run: a one-minute soak unless a length is given
        double soakMinutes = soak != null ? soak : scale < 1 ? 1 : SOAK_MINUTES;
        if (jmh != null && !Files.isRegularFile(jmh)) {
            throw new IllegalArgumentException("no such file " + jmh);
        }
        return new BenchOptions(jar, out, scale, production, words(flags), appCds, soakMinutes, jmh);
    }

    private static double minutes(String text) {
        try {
            double minutes = Double.parseDouble(text);
            if (minutes < 0 || Double.isNaN(minutes)) {
                throw new NumberFormatException();
            }
            return minutes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--soak-minutes needs a number of minutes >= 0, not " + text);
        }
    }

    private static List<String> words(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** @return how the production configuration is described in the results */
    String productionLabel() {
        return String.join(" ", productionFlags) + (appCds ? " + AppCDS" : "");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "jar %s, out %s, scale %s, production suite %s (%s), soak %s min", jar, out,
                scale, productionSuite, productionLabel(), soakMinutes);
    }
}
