package io.ptpproxy.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a recorded linuxptp session ({@code demo/session.log}) into the proxy's own UNIX socket,
 * exactly as the linuxptp daemon would write it, over and over. {@link #tick(long)} is called by a
 * timer route and writes whatever lines have become due.
 */
public final class DemoFeed {

    private static final Logger LOG = LoggerFactory.getLogger(DemoFeed.class);

    /** One scripted line: how long to wait after the previous one, and the text. */
    record ScriptedLine(long delayMillis, String text) {
    }

    private final Path socketPath;
    private final List<ScriptedLine> script;
    private SocketChannel channel;
    private int next;
    private long dueAt = -1;

    public DemoFeed(Path socketPath) {
        this.socketPath = socketPath;
        this.script = load();
    }

    /**
     * Writes every line whose time has come.
     *
     * @return how many lines were written
     */
    public int tick() {
        return playUntil(System.currentTimeMillis());
    }

    /**
     * Writes every line due by the given time.
     *
     * @param nowMillis the current time in milliseconds
     * @return how many lines were written
     */
    synchronized int playUntil(long nowMillis) {
        if (dueAt < 0) {
            dueAt = nowMillis;
        }
        int written = 0;
        while (nowMillis >= dueAt + script.get(next).delayMillis()) {
            ScriptedLine line = script.get(next);
            dueAt += line.delayMillis();
            if (!write(line.text())) {
                return written;
            }
            written++;
            next = (next + 1) % script.size();
        }
        return written;
    }

    /**
     * Writes the demo's linuxptp config file, as the linuxptp daemon would: profile {@code demo},
     * one interface, so the replayed lines map to {@code ens5f0}.
     */
    public static void writeConfig(Path configDir) {
        try {
            Files.createDirectories(configDir);
            Files.writeString(configDir.resolve("ptp4l.0.config"),
                    "#profile: demo\n[global]\nslaveOnly 1\n[ens5f0]\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo config in " + configDir, e);
        }
    }

    private boolean write(String line) {
        try {
            if (channel == null) {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(socketPath));
            }
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Demo feed cannot write to {}: {}", socketPath, e.getMessage());
            closeQuietly();
            return false;
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the connection is being replaced anyway
        }
        channel = null;
    }

    private static List<ScriptedLine> load() {
        List<ScriptedLine> lines = new ArrayList<>();
        try (InputStream in = DemoFeed.class.getResourceAsStream("/demo/session.log");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    int space = line.indexOf(' ');
                    lines.add(new ScriptedLine(Long.parseLong(line.substring(0, space)), line.substring(space + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo session", e);
        }
        return List.copyOf(lines);
    }
}
