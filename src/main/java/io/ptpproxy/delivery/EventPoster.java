package io.ptpproxy.delivery;

import java.util.concurrent.CompletionStage;

/** Posts one serialized event to one subscriber endpoint, asynchronously. */
public interface EventPoster {

    /**
     * @param endpointUri the subscriber's callback URI
     * @param json the request body ({@code application/json})
     * @return completes when the subscriber answered or was found unreachable; never exceptionally
     */
    CompletionStage<PostResult> post(String endpointUri, byte[] json);
}
