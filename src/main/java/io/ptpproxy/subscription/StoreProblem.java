package io.ptpproxy.subscription;

import java.io.IOException;

/**
 * Why the store directory refused a write, in the words the API answers with (a 503 body) and the
 * store health check reports. Java gives no errno, so the operating system's message decides.
 */
public enum StoreProblem {

    /** {@code EROFS}: the file system is mounted read-only. */
    READ_ONLY("read-only", "the subscription store is read-only"),
    /** {@code ENOSPC} or {@code EDQUOT}: no space (or quota) left for the file. */
    FULL("full", "the subscription store is full"),
    /** Any other failure: permissions, a vanished directory, an I/O error. */
    UNAVAILABLE("not writable", "the subscription store cannot be written");

    private final String healthReason;
    private final String answer;

    StoreProblem(String healthReason, String answer) {
        this.healthReason = healthReason;
        this.answer = answer;
    }

    /** @return the short reason the store health check shows, e.g. {@code full} */
    public String healthReason() {
        return healthReason;
    }

    /** @return what the API tells a client whose change could not be stored */
    public String answer() {
        return answer;
    }

    /** @return the problem an I/O failure of the store directory stands for */
    public static StoreProblem of(IOException failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("Read-only file system")) {
            return READ_ONLY;
        }
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            return FULL;
        }
        return UNAVAILABLE;
    }
}
