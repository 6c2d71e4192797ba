package io.ptpproxy.api;

import io.ptpproxy.event.Notification;
import io.ptpproxy.http.ApiResponse;

/**
 * The outcome of {@code POST create/event}: the HTTP answer, and the event to publish when it was
 * accepted. The route publishes the event, then answers.
 *
 * @param answer the HTTP answer
 * @param event the event to publish, or null when the request was refused
 */
public record EventSubmission(ApiResponse answer, Notification event) {

    /** @return a refusal: nothing to publish */
    public static EventSubmission refused(ApiResponse answer) {
        return new EventSubmission(answer, null);
    }
}
