package io.ptpproxy.delivery;

import java.time.Duration;

/**
 * When a failed POST is tried again: an unreachable subscriber until it is evicted, a subscriber
 * answering 5xx or 429 a few times, with exponential backoff; other answers are final.
 *
 * @param initialBackoff wait before the first retry
 * @param maxBackoff longest wait between two attempts
 * @param serverErrorAttempts attempts of one event that answer 5xx/429 before moving on
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int serverErrorAttempts) {

    public RetryPolicy {
        if (initialBackoff == null || maxBackoff == null) {
            throw new IllegalArgumentException("backoff durations cannot be null");
        }
    }

    /** @return the wait before attempt {@code failures + 1}, doubling from the initial backoff */
    public Duration backoff(int failures) {
        long millis = initialBackoff.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /**
     * @param result how the last attempt ended
     * @param attemptsOfEvent attempts made for the event so far
     * @return true when the same event should be posted again
     */
    public boolean retries(PostResult result, int attemptsOfEvent) {
        if (!result.reached()) {
            return true;
        }
        boolean transientAnswer = result.status() >= 500 || result.status() == 429;
        return transientAnswer && attemptsOfEvent < serverErrorAttempts;
    }
}
