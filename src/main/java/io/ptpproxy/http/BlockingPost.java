package io.ptpproxy.http;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.ptpproxy.delivery.EventPoster;
import io.ptpproxy.delivery.PostResult;

/**
 * One POST an API request waits for: the initial notification of a new subscription, the empty
 * validation POST to a new publisher's endpoint.
 */
public final class BlockingPost {

    private final EventPoster poster;
    private final Duration timeout;

    /**
     * @param poster sends the request
     * @param timeout how long the endpoint may take to answer
     */
    public BlockingPost(EventPoster poster, Duration timeout) {
        this.poster = poster;
        this.timeout = timeout;
    }

    /** @return how the POST ended; unreachable also when it did not end in time */
    public PostResult send(String endpointUri, byte[] body) {
        try {
            // the poster runs the request on its own event loop, so this worker thread may wait for it
            return poster.post(endpointUri, body).toCompletableFuture()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PostResult.unreachable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return PostResult.unreachable(e.toString());
        }
    }

    /**
     * Why an endpoint was not reached, in the words upstream's Go client used ({@code connection
     * refused}); the failure itself is a Java exception's text, whose class names stay in the log.
     */
    public static String reason(PostResult result) {
        String text = String.valueOf(result.failure()).toLowerCase(Locale.ROOT);
        if (text.contains("refused")) {
            return "connection refused";
        }
        if (text.contains("timeout") || text.contains("timed out")) {
            return "timed out";
        }
        if (text.contains("unknownhost") || text.contains("resolve") || text.contains("name or service")) {
            return "unknown host";
        }
        if (text.contains("not allowed")) {
            return "endpoint not allowed";
        }
        return "endpoint unreachable";
    }
}
