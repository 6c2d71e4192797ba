package io.ptpproxy.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Splits the socket byte stream into UTF-8 lines ({@code \n}, an optional {@code \r} stripped),
 * passed on as one {@code List<String>} per read: every complete line the read brought, in order.
 * A daemon writing one line at a time gets a batch of one; a burst costs one route exchange per
 * read instead of one per line (docs/performance.md, sustained ingest).
 *
 * <p>Netty's own line decoders throw on an over-long line, and camel-netty closes the connection
 * on any decoder exception, which would cut off a linuxptp process for one bad line (the upstream
 * proxy has the same flaw). This decoder instead discards the over-long line, reports it through
 * {@code onTooLong}, and carries on with the next one. A final unterminated line is delivered at
 * end of stream, as Go's {@code bufio.Scanner} does.
 */
public final class LineFrameDecoder extends ByteToMessageDecoder {

    private final int maxLineBytes;
    private final Runnable onTooLong;
    private boolean discarding;

    /**
     * @param maxLineBytes longest line accepted, in bytes, without its terminator
     * @param onTooLong called once per discarded line
     */
    public LineFrameDecoder(int maxLineBytes, Runnable onTooLong) {
        this.maxLineBytes = maxLineBytes;
        this.onTooLong = onTooLong;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        List<String> lines = new ArrayList<>();
        frame(in, lines);
        if (!lines.isEmpty()) {
            out.add(lines);
        }
    }

    private void frame(ByteBuf in, List<String> lines) {
        while (in.isReadable()) {
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                holdPartialLine(in);
                return;
            }
            int length = eol - in.readerIndex();
            if (discarding) {
                discarding = false;
            } else if (length > maxLineBytes) {
                onTooLong.run();
            } else {
                lines.add(text(in, in.readerIndex(), length));
            }
            in.readerIndex(eol + 1);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        List<String> lines = new ArrayList<>();
        frame(in, lines);
        if (in.isReadable() && !discarding) {
            lines.add(text(in, in.readerIndex(), in.readableBytes()));
        }
        in.skipBytes(in.readableBytes());
        if (!lines.isEmpty()) {
            out.add(lines);
        }
    }

    /** Keeps an unterminated tail for the next read, or drops it once it is already too long. */
    private void holdPartialLine(ByteBuf in) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
        } else if (in.readableBytes() > maxLineBytes) {
            discarding = true;
            onTooLong.run();
            in.skipBytes(in.readableBytes());
        }
    }

    private static String text(ByteBuf in, int from, int length) {
        int end = length;
        if (end > 0 && in.getByte(from + end - 1) == '\r') {
            end--;
        }
        return in.toString(from, end, StandardCharsets.UTF_8);
    }
}
