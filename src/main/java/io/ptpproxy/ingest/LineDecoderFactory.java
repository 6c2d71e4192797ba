package io.ptpproxy.ingest;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import org.apache.camel.component.netty.ChannelHandlerFactory;

/**
 * Gives camel-netty a fresh {@link LineFrameDecoder} per socket connection (a frame decoder keeps
 * per-connection state, so it cannot be shared). Named in the ingest route as
 * {@code decoders=#lineDecoder}.
 */
public final class LineDecoderFactory extends ChannelHandlerAdapter implements ChannelHandlerFactory {

    private final int maxLineBytes;
    private final Runnable onTooLong;

    /**
     * @param maxLineBytes longest line accepted, in bytes
     * @param onTooLong called once per discarded over-long line
     */
    public LineDecoderFactory(int maxLineBytes, Runnable onTooLong) {
        this.maxLineBytes = maxLineBytes;
        this.onTooLong = onTooLong;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new LineFrameDecoder(maxLineBytes, onTooLong);
    }
}
