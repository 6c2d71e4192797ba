package io.ptpproxy.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every socket connection: asks {@link SocketAdmission} whether the writer may
 * stay, with the peer's UID read from the kernel, and closes the connection before a byte is read
 * when it may not. It tells admission when the writer was last active and whether it has sent a
 * line, and closes a writer that sends no complete line within the first-line timeout (the daemon
 * sends {@code CMD LIVE_START} at once). Named first in the ingest route's decoders
 * ({@code #socketGate,#lineDecoder}).
 */
public final class SocketGate extends ChannelHandlerAdapter implements ChannelHandlerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SocketGate.class);

    private final SocketAdmission admission;
    private final Duration firstLineTimeout;

    /**
     * @param admission decides who may stay
     * @param firstLineTimeout how long a new writer may take to send its first complete line
     */
    public SocketGate(SocketAdmission admission, Duration firstLineTimeout) {
        this.admission = admission;
        this.firstLineTimeout = firstLineTimeout;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new Gate();
    }

    private OptionalInt peerUid(Channel channel) {
        if (!admission.checksPeerUid()) {
            return OptionalInt.empty();
        }
        if (channel instanceof EpollDomainSocketChannel domain) {
            try {
                return OptionalInt.of(domain.peerCredentials().uid());
            } catch (IOException e) {
                LOG.warn("Cannot read the peer credentials of a socket writer: {}", e.toString());
            }
        }
        return OptionalInt.empty();
    }

    /** Per connection: whether it was admitted (only admitted ones are released), and its activity. */
    private final class Gate extends ChannelInboundHandlerAdapter implements SocketAdmission.Writer {

        private boolean admitted;
        private volatile long lastActive = System.nanoTime();
        private volatile boolean sentLine;
        private volatile Channel channel;
        private ScheduledFuture<?> firstLineCheck;

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            channel = ctx.channel();
            OptionalInt uid = peerUid(ctx.channel());
            SocketAdmission.Refusal refusal = admission.admit(uid, this);
            if (refusal != null) {
                LOG.warn("Closing a socket connection ({}{}): refused, {}", refusal.label(),
                        uid.isPresent() ? ", peer uid " + uid.getAsInt() : "", admission.open() + " open");
                ctx.close();
                return;
            }
            admitted = true;
            firstLineCheck = ctx.executor().schedule(() -> {
                if (!sentLine && ctx.channel().isActive()) {
                    admission.reclaimedByTimeout();
                    LOG.warn("Closing a socket connection: no line within {} ms (socket.first-line-timeout-ms)",
                            firstLineTimeout.toMillis());
                    ctx.close();
                }
            }, firstLineTimeout.toMillis(), TimeUnit.MILLISECONDS);
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (firstLineCheck != null) {
                firstLineCheck.cancel(false);
            }
            if (admitted) {
                admitted = false;
                admission.release(this);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
            if (!admitted) {
                ReferenceCountUtil.release(message);
                return;
            }
            lastActive = System.nanoTime();
            if (!sentLine && message instanceof ByteBuf bytes
                    && bytes.indexOf(bytes.readerIndex(), bytes.writerIndex(), (byte) '\n') >= 0) {
                sentLine = true;
                firstLineCheck.cancel(false);
            }
            super.channelRead(ctx, message);
        }

        @Override
        public long lastActiveNanos() {
            return lastActive;
        }

        @Override
        public boolean sentLine() {
            return sentLine;
        }

        @Override
        public void close() {
            LOG.warn("Closing an idle socket writer to admit a new one (socket.max-connections reached)");
            Channel open = channel;
            if (open != null) {
                open.close();
            }
        }
    }
}
