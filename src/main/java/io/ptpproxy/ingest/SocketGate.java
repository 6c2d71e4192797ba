package io.ptpproxy.ingest;

import java.io.IOException;
import java.util.OptionalInt;

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
 * when it may not. Named first in the ingest route's decoders ({@code #socketGate,#lineDecoder}).
 */
public final class SocketGate extends ChannelHandlerAdapter implements ChannelHandlerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SocketGate.class);

    private final SocketAdmission admission;

    public SocketGate(SocketAdmission admission) {
        this.admission = admission;
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

    /** Per connection: remembers whether it was admitted, so only admitted ones are released. */
    private final class Gate extends ChannelInboundHandlerAdapter {

        private boolean admitted;

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            OptionalInt uid = peerUid(ctx.channel());
            SocketAdmission.Refusal refusal = admission.admit(uid);
            if (refusal != null) {
                LOG.warn("Closing a socket connection ({}{}): refused, {}", refusal.label(),
                        uid.isPresent() ? ", peer uid " + uid.getAsInt() : "", admission.open() + " open");
                ctx.close();
                return;
            }
            admitted = true;
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (admitted) {
                admitted = false;
                admission.release();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
            if (admitted) {
                super.channelRead(ctx, message);
            } else {
                ReferenceCountUtil.release(message);
            }
        }
    }
}
