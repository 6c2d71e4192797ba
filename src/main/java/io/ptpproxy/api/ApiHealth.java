package io.ptpproxy.api;

import java.util.function.BooleanSupplier;

import io.ptpproxy.http.ApiResponse;

/**
 * {@code GET health} of v1 and v2: 200 {@code OK} once the proxy can take the daemon's lines. The
 * linuxptp daemon waits on this answer before it starts ptp4l, so while the PTP source's socket is
 * not bound (start-up, or a deleted socket file not yet bound again) it is 503: lines written then
 * would be lost. Without the PTP source the answer is always 200.
 */
public final class ApiHealth {

    private final BooleanSupplier ingestReady;

    /** @param ingestReady whether the event socket is bound (always true without the PTP source) */
    public ApiHealth(BooleanSupplier ingestReady) {
        this.ingestReady = ingestReady;
    }

    /** {@code GET health}. */
    public ApiResponse health() {
        return ingestReady.getAsBoolean() ? ApiResponse.text(200, "OK")
                : ApiResponse.text(503, "event socket not bound yet");
    }
}
