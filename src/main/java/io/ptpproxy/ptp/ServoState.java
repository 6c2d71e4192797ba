package io.ptpproxy.ptp;

import java.util.Optional;

/**
 * The linuxptp servo state printed in offset lines ({@code s0} unlocked, {@code s1} clock step,
 * {@code s2} locked, {@code s3} locked stable).
 */
public enum ServoState {
    S0, S1, S2, S3;

    /**
     * @param token the token as printed, e.g. {@code s2}
     * @return the state, or empty for anything else
     */
    public static Optional<ServoState> parse(String token) {
        return switch (token) {
            case "s0" -> Optional.of(S0);
            case "s1" -> Optional.of(S1);
            case "s2" -> Optional.of(S2);
            case "s3" -> Optional.of(S3);
            default -> Optional.empty();
        };
    }

    /** @return LOCKED for s2/s3, FREERUN for s0 (unlocked) and s1 (clock step) */
    public SyncState syncState() {
        return this == S2 || this == S3 ? SyncState.LOCKED : SyncState.FREERUN;
    }
}
