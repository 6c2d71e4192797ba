package io.ptpproxy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The backoff doubles from the initial wait and stops at the maximum (timed end to end in DeliveryRetryTest). */
class RetryPolicyTest {

    @Test
    void should_double_the_backoff_from_the_initial_wait_up_to_the_maximum() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(1000), 3);
        assertEquals(List.of(100L, 100L, 200L, 400L, 800L, 1000L, 1000L, 1000L),
                IntStream.of(0, 1, 2, 3, 4, 5, 6, 1000).mapToObj(failures -> policy.backoff(failures).toMillis()).toList());
    }
}
