package io.ptpproxy.legacy;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.ptpproxy.delivery.EventPoster;
import io.ptpproxy.delivery.PostResult;

/**
 * Delivers to registered consumer sidecars through the ordinary outboxes: the queued body is the
 * structured CloudEvent 0.3, sent as upstream's transport does, in binary mode to
 * {@code <transport URL>/event}.
 */
public final class BinaryEventPoster implements EventPoster {

    /** Sends one HTTP POST with extra headers. */
    @FunctionalInterface
    public interface HeaderPoster {
        /** @return completes when answered or found unreachable; never exceptionally */
        CompletionStage<PostResult> post(String uri, byte[] body, Map<String, String> headers);
    }

    private final HeaderPoster poster;
    private final V1EventFormat format;

    public BinaryEventPoster(HeaderPoster poster, V1EventFormat format) {
        this.poster = poster;
        this.format = format;
    }

    @Override
    public CompletionStage<PostResult> post(String transportUrl, byte[] structuredEvent) {
        CloudEventCodec.HttpMessage message = CloudEventCodec.binary(format.parseStructured(structuredEvent));
        return poster.post(transportUrl + "/event", message.body(), message.headers());
    }
}
