package io.ptpproxy.delivery;

/**
 * A snapshot of one subscriber's delivery counters.
 *
 * @param endpointUri the subscriber
 * @param depth events waiting
 * @param delivered events answered with 2xx
 * @param failed events not delivered (non-2xx answer or unreachable)
 * @param dropped events dropped because the outbox was full
 * @param consecutiveFailures current run of unreachable attempts
 */
public record OutboxStats(String endpointUri, int depth, long delivered, long failed, long dropped,
                          int consecutiveFailures) {
}
