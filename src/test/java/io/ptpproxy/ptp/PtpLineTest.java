package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The state-token mapping of daemon-synthesised lines (ptp-domain.md §1.5, §7 item 6). */
class PtpLineTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"s0, FREERUN", "s1, HOLDOVER", "s2, LOCKED", "s3, FREERUN", "s4, FREERUN", "S2, FREERUN",
            "'', FREERUN", "LOCKED, FREERUN"})
    void maps_a_device_state_token_with_s1_as_holdover_and_anything_unknown_as_freerun(String token, SyncState state) {
        assertEquals(state, PtpLine.deviceState(token));
    }

    @Test
    void maps_a_missing_device_state_token_to_freerun() {
        assertEquals(SyncState.FREERUN, PtpLine.deviceState(null));
    }

    @Test
    void differs_from_the_servo_mapping_for_s1_and_s3() {
        assertEquals(SyncState.FREERUN, ServoState.S1.syncState());
        assertEquals(SyncState.HOLDOVER, PtpLine.deviceState("s1"));
        assertEquals(SyncState.LOCKED, ServoState.S3.syncState());
        assertEquals(SyncState.FREERUN, PtpLine.deviceState("s3"));
    }

    @Test
    void gives_every_device_line_its_sync_state_from_its_token() {
        assertEquals(SyncState.HOLDOVER, new PtpLine.GmStatus("GM", "ptp4l.0.config", "ens2f0", "s1").syncState());
        assertEquals(SyncState.LOCKED, new PtpLine.TbcStatus("T-BC", "ptp4l.1.config", "ens4f0", -3, "s2").syncState());
        assertEquals(SyncState.FREERUN, new PtpLine.GnssStatus("gnss", "ptp4l.0.config", "ens2f0", 0, 0, "s0").syncState());
        assertEquals(SyncState.HOLDOVER,
                new PtpLine.DpllStatus("dpll", "ptp4l.0.config", "ens2f0", 4, 4, 1, 12, "s1").syncState());
        assertEquals(SyncState.HOLDOVER, new PtpLine.SynceEecState("synce4l", "synce4l.0.config", "ens7f0", "synce1",
                "EEC_HOLDOVER", 1, "s1").syncState());
        assertEquals(SyncState.LOCKED, new PtpLine.SynceClockQuality("synce4l", "synce4l.0.config", "ens7f0", "synce1",
                "PRTC", 1, 0x20, 2, "s2").syncState());
    }
}
