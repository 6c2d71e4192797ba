package io.ptpproxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags the proxy ships with, applied to a plain {@code java -jar}: a JVM started without any
 * {@code -X…} option (on its command line, in an argument file such as the README's
 * {@code @deploy/jvm.options}, or in {@code JAVA_TOOL_OPTIONS}, {@code JDK_JAVA_OPTIONS},
 * {@code _JAVA_OPTIONS}) would size its heap and compilers from the whole machine, so it runs the proxy
 * in a child JVM with {@link #FLAGS} and waits for it: same arguments, same standard streams, its exit
 * code, SIGTERM/SIGINT passed on. Whoever sets JVM options (the README's command, the image, the
 * manifests, the systemd unit) runs the proxy in their own JVM, as before. See docs/decisions.md.
 */
final class ProductionJvm {

    /** deploy/jvm.options and the manifests' JAVA_TOOL_OPTIONS (deploy/), kept equal by DeployManifestsTest. */
    static final List<String> FLAGS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData", "-XX:Tier3InvocationThreshold=20", "-XX:Tier3MinInvocationThreshold=10",
            "-XX:Tier3CompileThreshold=100", "-XX:CICompilerCount=1",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true");
    /**
     * Added on a JDK 24 or later, which warns at start-up when Netty uses {@code sun.misc.Unsafe} memory
     * access (JEP 498) and when Netty's native transport loads its JNI library (JEP 472); a JDK 17 rejects
     * the second option, so the flags depend on the JDK the child runs on. Also in the image's manifests.
     */
    static final List<String> ACCESS_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");
    static final int ACCESS_FLAGS_SINCE = 24;
    /** Set on the child: it never launches another one. */
    static final String CHILD_PROPERTY = "ptp-event-proxy.launched";
    /** {@code -Dptp-event-proxy.relaunch=false} keeps the JVM's own defaults. */
    static final String SWITCH_PROPERTY = "ptp-event-proxy.relaunch";
    /** A comment, or a word: unquoted characters and quoted parts, as the launcher reads an argument file. */
    private static final Pattern ARGUMENT_FILE_WORD =
            Pattern.compile("#[^\\n]*|(?:[^\\s\"'#]|\"[^\"]*\"|'[^']*')(?:[^\\s\"']|\"[^\"]*\"|'[^']*')*");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private ProductionJvm() {
    }

    /**
     * @param jvmOptions the options this JVM was started with (before the main class or {@code -jar})
     * @param environment this process's environment
     * @param properties this JVM's system properties
     * @return whether to run the proxy in a child JVM with {@link #FLAGS}
     */
    static boolean shouldRelaunch(List<String> jvmOptions, Map<String, String> environment, Map<?, ?> properties) {
        if (properties.containsKey(CHILD_PROPERTY) || "false".equals(properties.get(SWITCH_PROPERTY))) {
            return false;
        }
        for (String variable : OPTION_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && tunesTheJvm(List.of(value.trim().split("\\s+")))) {
                return false;
            }
        }
        return !tunesTheJvm(jvmOptions);
    }

    private static boolean tunesTheJvm(List<String> options) {
        // an argument file left unexpanded (unreadable now) was read by the launcher: its author chose
        return options.stream().anyMatch(option -> option.startsWith("-X") || option.startsWith("-agent")
                || option.startsWith("-javaagent") || option.startsWith("@"));
    }

    /**
     * @param commandLine this JVM's arguments after the launcher (from /proc/self/cmdline, where the
     *                    launcher's {@code @file} arguments are not expanded yet)
     * @return the JVM options among them, argument files expanded: everything before {@code -jar} or the
     *         main class
     */
    static List<String> jvmOptions(List<String> commandLine) {
        List<String> expanded = new ArrayList<>();
        for (String arg : commandLine) {
            if (arg.startsWith("@") && !arg.startsWith("@@")) {
                expanded.addAll(argumentFile(arg));
            } else {
                expanded.add(arg);
            }
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < expanded.size(); i++) {
            String arg = expanded.get(i);
            if (arg.equals("-jar") || !(arg.startsWith("-") || arg.startsWith("@"))) {
                break;
            }
            options.add(arg);
            if (List.of("-cp", "-classpath", "--class-path", "-p", "--module-path").contains(arg)) {
                i++;
            }
        }
        return options;
    }

    /**
     * The words of a JDK argument file as the {@code java} launcher reads them: separated by white
     * space, {@code #} to the end of the line a comment, quotes keeping a word with spaces together.
     *
     * @param arg {@code @path}, relative to the working directory, which this JVM has not changed
     * @return its words, or {@code arg} itself when the file cannot be read any more
     */
    static List<String> argumentFile(String arg) {
        String text;
        try {
            text = Files.readString(Path.of(arg.substring(1)));
        } catch (IOException | RuntimeException e) {
            return List.of(arg);
        }
        List<String> words = new ArrayList<>();
        Matcher word = ARGUMENT_FILE_WORD.matcher(text);
        while (word.find()) {
            if (!word.group().startsWith("#")) {
                words.add(QUOTED.matcher(word.group()).replaceAll("$1$2"));
            }
        }
        return words;
    }

    /**
     * @param javaFeature the feature release of the JDK the child runs on (17, 21, 25)
     * @return the flags the proxy's JVM gets on that JDK
     */
    static List<String> flags(int javaFeature) {
        List<String> flags = new ArrayList<>(FLAGS);
        if (javaFeature >= ACCESS_FLAGS_SINCE) {
            flags.addAll(ACCESS_FLAGS);
        }
        return flags;
    }

    /**
     * @param java the launcher of this JVM
     * @param javaFeature the feature release of that JDK
     * @param jvmOptions this JVM's options: its {@code -D…} and other non-tuning options are passed on
     * @param classPath this JVM's class path (the runner jar)
     * @param args the proxy's arguments
     * @return the child's command line
     */
    static List<String> childCommand(String java, int javaFeature, List<String> jvmOptions, String classPath,
                                     String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(flags(javaFeature));
        for (String option : jvmOptions) {
            if (!option.equals("-cp") && !option.equals("-classpath") && !option.equals("--class-path")
                    && !option.startsWith("-D" + CHILD_PROPERTY)) {
                command.add(option);
            }
        }
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.add("-cp");
        command.add(classPath);
        command.add(MainApp.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs the proxy in a child JVM with the production flags when this JVM got none of its own.
     *
     * @return the child's exit code, or empty when this JVM runs the proxy itself
     */
    static Optional<Integer> relaunchIfDefault(String[] args) throws InterruptedException {
        ProcessHandle.Info self = ProcessHandle.current().info();
        Optional<String> java = self.command();
        Optional<String[]> commandLine = self.arguments();
        if (java.isEmpty() || commandLine.isEmpty()) {
            return Optional.empty();
        }
        List<String> options = jvmOptions(List.of(commandLine.get()));
        if (!shouldRelaunch(options, System.getenv(), System.getProperties())) {
            return Optional.empty();
        }
        // the child runs on this JVM's own launcher, so this JVM's release is the child's
        ProcessBuilder builder = new ProcessBuilder(childCommand(java.get(), Runtime.version().feature(), options,
                Path.of(System.getProperty("java.class.path")).toAbsolutePath().toString(), args))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // the child's standard input stays a pipe from here: it ends when this JVM does, however it
        // ends, and the child then stops too (see watchLauncher)
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("ptp-event-proxy: cannot start " + java.get() + " with " + FLAGS + " (" + e.getMessage()
                    + "); running with this JVM's defaults");
            return Optional.empty();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM or SIGINT here: the child gets SIGTERM and is waited for, so that it stops cleanly
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ptp-event-proxy-child-stop"));
        return Optional.of(child.waitFor());
    }

    /**
     * In a child: stops this JVM when the launching one is gone (its pipe on standard input ends), so
     * that a launcher killed with SIGKILL leaves no proxy behind. A blocked read, nothing polls.
     */
    static void watchLauncher() {
        if (System.getProperty(CHILD_PROPERTY) == null) {
            return;
        }
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is ever written; read until the launcher's end of the pipe closes
                }
            } catch (IOException e) {
                // the same: the launcher is gone
            }
            System.exit(143);
        }, "launcher-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
