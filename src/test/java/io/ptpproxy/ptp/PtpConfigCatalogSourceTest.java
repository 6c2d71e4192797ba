package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The catalogue's decisions on parsed content, without files: what the linuxptp adapter feeds it. */
class PtpConfigCatalogSourceTest {

    private static final PtpConfigFile OC = PtpConfigFile.parse(
            "#profile: oc\n[global]\nmasterOnly 0\n[ens5f0]\n[ens5f1]\nmasterOnly 1\n");

    @Test
    void a_config_gets_its_profiles_thresholds_and_a_removed_one_is_reported() {
        AtomicReference<PtpConfigSource.Contents> contents = new AtomicReference<>(new PtpConfigSource.Contents(
                Map.of("ptp4l.0.config", OC), Map.of("oc", Thresholds.of(7, 50, -50))));
        PtpConfigCatalog catalog = new PtpConfigCatalog(contents::get);
        assertEquals(Map.of(), catalog.reload());

        assertEquals(new PtpProfile("oc", new Thresholds(Duration.ofSeconds(7), 50, -50),
                List.of("ens5f0", "ens5f1"), Set.of("ens5f1")), catalog.profileFor("ts2phc.0.config"));
        assertTrue(catalog.knows("ptp4l.0.config"));

        contents.set(new PtpConfigSource.Contents(Map.of(), Map.of()));
        assertEquals(Set.of("ptp4l.0.config"), catalog.reload().keySet());
        assertFalse(catalog.knows("ptp4l.0.config"));
        assertEquals(PtpProfile.defaultProfile(List.of()), catalog.profileFor("ptp4l.0.config"));
    }

    @Test
    void a_line_of_a_ptp4l_config_the_daemon_did_not_write_is_rejected() {
        PtpConfigCatalog catalog = new PtpConfigCatalog(
                () -> new PtpConfigSource.Contents(Map.of("ptp4l.0.config", OC), Map.of()));
        catalog.reload();
        PtpLogParser parser = new PtpLogParser();

        assertEquals(new ParseOutcome.Rejected(RejectReason.UNKNOWN_CONFIG), catalog.admit(
                parser.parse("ptp4l[1.0]: [ptp4l.1.config] master offset -3 s2 freq -85 path delay 1586")));
        ParseOutcome known = parser.parse("ptp4l[1.0]: [ptp4l.0.config] master offset -3 s2 freq -85 path delay 1586");
        assertEquals(known, catalog.admit(known));
    }
}
