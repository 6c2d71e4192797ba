package io.ptpproxy.ptp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ptpproxy.linuxptp.PtpConfigFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles, thresholds and port interfaces from the daemon's config files and the node's profile file (ptp-domain.md §5). */
class PtpConfigCatalogTest {

    private static final String OC_CONFIG = "#profile: oc-profile\n[global]\nslaveOnly 1\n[ens5f0]\n";
    private static final String OC_PROFILES = "[{\"name\":\"oc-profile\",\"interface\":\"ens5f0\","
            + "\"ptp4lOpts\":\"-2 -s --summary_interval -4\",\"phc2sysOpts\":\"-a -r -m -n 24 -N 8 -R 16\",\"ptp4lConf\":\"\","
            + "\"ptpClockThreshold\":{\"holdOverTimeout\":5,\"maxOffsetThreshold\":100,\"minOffsetThreshold\":-100}}]";

    @TempDir
    Path work;
    private Path run;
    private Path profiles;

    @BeforeEach
    void directories() throws IOException {
        run = Files.createDirectories(work.resolve("run"));
        profiles = work.resolve("node1");
    }

    @Test
    void reads_the_profile_and_interfaces_of_the_minimal_oc_fixture() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);
        Files.writeString(profiles, OC_PROFILES);

        PtpConfigCatalog catalog = reloaded();

        PtpProfile expected = new PtpProfile("oc-profile", Thresholds.of(5, 100, -100), List.of("ens5f0"));
        assertEquals(expected, catalog.profileFor("ptp4l.0.config"));
        assertTrue(catalog.knows("ptp4l.0.config"));
        assertEquals(Map.of("oc-profile", Thresholds.DEFAULT), catalog.thresholdsByProfile());
    }

    @Test
    void keeps_two_configs_apart_with_their_own_thresholds_and_ports() throws IOException {
        write("ptp4l.0.config", OC_CONFIG + "[ens5f1]\nmasterOnly 1\n");
        write("ptp4l.1.config", "#profile: oc2\n[global]\nslaveOnly 1\n[ens7f0]\n");
        Files.writeString(profiles, "[{\"name\":\"oc-profile\"},"
                + "{\"name\":\"oc2\",\"ptpClockThreshold\":{\"holdOverTimeout\":3,\"maxOffsetThreshold\":50,\"minOffsetThreshold\":-50}}]");

        PtpConfigCatalog catalog = reloaded();

        PtpProfile oc = catalog.profileFor("ptp4l.0.config");
        assertEquals(new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0", "ens5f1"), java.util.Set.of("ens5f1")), oc);
        assertEquals(Optional.of("ens5f1"), oc.interfaceForPort(2));
        PtpProfile oc2 = catalog.profileFor("ptp4l.1.config");
        assertEquals(new PtpProfile("oc2", new Thresholds(Duration.ofSeconds(3), 50, -50), List.of("ens7f0")), oc2);
        assertEquals(List.of("oc-profile", "oc2"), List.copyOf(catalog.thresholdsByProfile().keySet()));
        assertEquals(Thresholds.of(3, 50, -50), catalog.thresholdsByProfile().get("oc2"));
    }

    @Test
    void looks_up_a_ts2phc_config_as_the_ptp4l_config_of_the_same_profile() throws IOException {
        write("ptp4l.0.config", "#profile: tgm\n[global]\n[ens2f0]\nmasterOnly 1\n");
        write("ts2phc.0.config", "#profile: something-else\n[nmea]\n[ens9f9]\n");

        PtpConfigCatalog catalog = reloaded();

        assertEquals(new PtpProfile("tgm", Thresholds.DEFAULT, List.of("ens2f0"), java.util.Set.of("ens2f0")), catalog.profileFor("ts2phc.0.config"));
        assertTrue(catalog.knows("ts2phc.0.config"));
    }

    @Test
    void uses_default_thresholds_when_the_profile_file_is_missing() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);

        PtpConfigCatalog catalog = reloaded();

        assertEquals(new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0")), catalog.profileFor("ptp4l.0.config"));
        assertEquals(Map.of(), catalog.thresholdsByProfile());
    }

    @Test
    void works_without_any_profile_file() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);
        PtpConfigCatalog catalog = new PtpConfigCatalog(new PtpConfigFiles(run, null));
        catalog.reload();

        assertEquals(new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0")), catalog.profileFor("ptp4l.0.config"));
        assertEquals(Map.of(), catalog.thresholdsByProfile());
    }

    @Test
    void treats_a_malformed_profile_file_as_absent() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);
        PtpProfile defaults = new PtpProfile("oc-profile", Thresholds.DEFAULT, List.of("ens5f0"));
        for (String malformed : List.of("[{\"name\":\"oc-profile\",\"ptpClockThreshold\":{\"holdOverTimeout\":1",
                "{\"name\":\"oc-profile\"}", "", "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":{\"holdOverTimeout\":\"9\"}}]",
                "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":{\"maxOffsetThreshold\":1.5}}]",
                "[{\"name\":7}]", "[\"oc-profile\"]", "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":[]}]")) {
            Files.writeString(profiles, malformed);

            PtpConfigCatalog catalog = reloaded();

            assertEquals(defaults, catalog.profileFor("ptp4l.0.config"), malformed);
            assertEquals(Map.of(), catalog.thresholdsByProfile(), malformed);
        }
    }

    @Test
    void gives_the_default_profile_with_the_file_interfaces_when_the_config_names_no_profile() throws IOException {
        write("ptp4l.0.config", "[global]\nslaveOnly 1\n[ens5f0]\n");
        Files.writeString(profiles, OC_PROFILES);

        PtpConfigCatalog catalog = reloaded();

        assertEquals(PtpProfile.defaultProfile(List.of("ens5f0")), catalog.profileFor("ptp4l.0.config"));
        assertTrue(catalog.knows("ptp4l.0.config"));
    }

    @Test
    void gives_default_thresholds_to_a_profile_the_profile_file_does_not_know() throws IOException {
        write("ptp4l.0.config", "#profile: lost-profile\n[ens5f0]\n");
        Files.writeString(profiles, "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":"
                + "{\"holdOverTimeout\":3,\"maxOffsetThreshold\":50,\"minOffsetThreshold\":-50}}]");

        PtpConfigCatalog catalog = reloaded();

        assertEquals(new PtpProfile("lost-profile", Thresholds.DEFAULT, List.of("ens5f0")), catalog.profileFor("ptp4l.0.config"));
    }

    @Test
    void gives_the_default_profile_without_interfaces_for_an_unknown_config() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);
        Files.writeString(profiles, OC_PROFILES);

        PtpConfigCatalog catalog = reloaded();

        assertEquals(PtpProfile.defaultProfile(List.of()), catalog.profileFor("ptp4l.9.config"));
        assertFalse(catalog.knows("ptp4l.9.config"));
        assertEquals(PtpProfile.defaultProfile(List.of()), catalog.profileFor(null));
        assertFalse(catalog.knows(null));
    }

    @Test
    void takes_an_omitted_threshold_field_as_zero_like_go() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);
        write("ptp4l.1.config", "#profile: empty-stanza\n[ens7f0]\n");
        write("ptp4l.2.config", "#profile: no-stanza\n[ens8f0]\n");
        Files.writeString(profiles, "[{\"name\":\"oc-profile\",\"ptpClockThreshold\":{\"holdOverTimeout\":5,\"maxOffsetThreshold\":100}},"
                + "{\"name\":\"empty-stanza\",\"ptpClockThreshold\":{}},"
                + "{\"name\":\"no-stanza\",\"ptpClockThreshold\":null}]");

        PtpConfigCatalog catalog = reloaded();

        Thresholds noMinimum = catalog.profileFor("ptp4l.0.config").thresholds();
        assertEquals(new Thresholds(Duration.ofSeconds(5), 100, 0), noMinimum);
        assertFalse(noMinimum.inRange(-3), "every negative offset is out of range [quirk]");
        assertEquals(new Thresholds(Duration.ofSeconds(5), 100, 0), catalog.profileFor("ptp4l.1.config").thresholds());
        assertEquals(Thresholds.DEFAULT, catalog.profileFor("ptp4l.2.config").thresholds());
    }

    @Test
    void picks_up_changed_added_and_removed_files_on_reload() throws IOException {
        Path config = write("ptp4l.0.config", OC_CONFIG);
        Files.writeString(profiles, OC_PROFILES);
        PtpConfigCatalog catalog = reloaded();
        assertEquals("oc-profile", catalog.profileFor("ptp4l.0.config").name());

        Files.writeString(config, "#profile: oc2\n[global]\n[ens7f0]\n[ens7f1]\n");
        touchLater(config);
        write("phc2sys.1.config", "#profile: ha\n[global]\n");
        Files.writeString(profiles, "[{\"name\":\"oc2\",\"ptpClockThreshold\":"
                + "{\"holdOverTimeout\":3,\"maxOffsetThreshold\":50,\"minOffsetThreshold\":-50}}]");
        touchLater(profiles);
        catalog.reload();

        assertEquals(new PtpProfile("oc2", Thresholds.of(3, 50, -50), List.of("ens7f0", "ens7f1")),
                catalog.profileFor("ptp4l.0.config"));
        assertEquals(new PtpProfile("ha", Thresholds.DEFAULT, List.of()), catalog.profileFor("phc2sys.1.config"));
        assertEquals(Map.of("oc2", Thresholds.of(3, 50, -50)), catalog.thresholdsByProfile());

        Files.delete(config);
        Files.delete(profiles);
        catalog.reload();

        assertFalse(catalog.knows("ptp4l.0.config"));
        assertTrue(catalog.knows("phc2sys.1.config"));
        assertEquals(Map.of(), catalog.thresholdsByProfile());
    }

    @Test
    void does_not_reread_a_file_whose_size_and_time_are_unchanged() throws IOException {
        Path config = write("ptp4l.0.config", "#profile: aaaa\n[ens5f0]\n");
        FileTime written = Files.getLastModifiedTime(config);
        PtpConfigCatalog catalog = reloaded();

        Files.writeString(config, "#profile: bbbb\n[ens5f0]\n");
        Files.setLastModifiedTime(config, written);
        catalog.reload();

        assertEquals("aaaa", catalog.profileFor("ptp4l.0.config").name());
    }

    @Test
    void reads_sections_as_ptp4l_does() throws IOException {
        write("ptp4l.0.config", String.join("\n",
                "# generated by the daemon",
                "#profile: my_profile-1",
                "[global]",
                "#[commented0]",
                "  [ ens5f0 ]   # the slave port",
                "masterOnly 0",
                "[ptp4l.0.config]",
                "[ens5f1]",
                "[ens5f0]",
                "[]",
                "boundary_clock_jbod 1 [not-a-section]",
                "[ens5f2]"));

        PtpConfigCatalog catalog = reloaded();

        assertEquals(new PtpProfile("my_profile-1", Thresholds.DEFAULT, List.of("ens5f0", "ens5f1", "ens5f2")),
                catalog.profileFor("ptp4l.0.config"));
    }

    @Test
    void reads_only_the_daemon_config_files_of_the_directory() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);
        write("synce4l.0.config", "#profile: synce\n[<synce1>]\n[ens7f0]\n");
        write("chronyd.0.config", "#profile: chrony\nserver 10.0.0.1\n");
        write("ptp4l.1.config.bak", OC_CONFIG);
        write("ptp4l.config", OC_CONFIG);
        Files.createDirectories(run.resolve("ptp4l.2.config"));

        PtpConfigCatalog catalog = reloaded();

        assertTrue(catalog.knows("ptp4l.0.config"));
        assertTrue(catalog.knows("synce4l.0.config"));
        assertTrue(catalog.knows("chronyd.0.config"));
        assertFalse(catalog.knows("ptp4l.1.config"));
        assertFalse(catalog.knows("ptp4l.2.config"));
        assertEquals("chrony", catalog.profileFor("chronyd.0.config").name());
    }

    @Test
    void knows_nothing_and_does_not_throw_when_the_config_directory_is_missing() {
        PtpConfigCatalog catalog = new PtpConfigCatalog(new PtpConfigFiles(work.resolve("absent"), work.resolve("absent-profiles")));

        catalog.reload();
        catalog.reload();

        assertFalse(catalog.knows("ptp4l.0.config"));
        assertEquals(PtpProfile.defaultProfile(List.of()), catalog.profileFor("ptp4l.0.config"));
    }

    @Test
    void knows_nothing_before_the_first_reload() throws IOException {
        write("ptp4l.0.config", OC_CONFIG);

        PtpConfigCatalog catalog = new PtpConfigCatalog(new PtpConfigFiles(run, profiles));

        assertFalse(catalog.knows("ptp4l.0.config"));
        assertEquals(Map.of(), catalog.thresholdsByProfile());
    }

    private PtpConfigCatalog reloaded() {
        PtpConfigCatalog catalog = new PtpConfigCatalog(new PtpConfigFiles(run, profiles));
        catalog.reload();
        return catalog;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(run.resolve(name), content);
    }

    @Test
    void admits_lines_of_unknown_ptp4l_configs_only_while_the_daemon_wrote_no_ptp4l_config() throws IOException {
        PtpLogParser parser = new PtpLogParser();
        ParseOutcome unknown = parser.parse("phc2sys[1.0]: [ptp4l.9.config] CLOCK_REALTIME phc offset 900 s0 freq -1 delay 500");
        ParseOutcome unknownTs2phc = parser.parse("ptp4l[1700000101]:[ts2phc.9.config] CLOCK_CLASS_CHANGE 6");
        ParseOutcome status = parser.parse("ptp4l[1700000000]:[ptp4l.9.config] PTP_PROCESS_STATUS:1");
        ParseOutcome synce = parser.parse(
                "synce4l[1722456110]:[synce4l.0.config] ens7f0 device synce1 eec_state EEC_LOCKED network_option 1 s2");
        ParseOutcome chronyd = parser.parse("chronyd[4711][chronyd.0.config]: Selected source 10.0.0.1");
        ParseOutcome ha = parser.parse("phc2sys[1710435400]:[phc2sys.2.config] ptp_ha_profile profile1 state 1");
        ParseOutcome garbage = parser.parse("garbage");
        PtpConfigCatalog catalog = reloaded();
        assertEquals(unknown, catalog.admit(unknown), "no ptp4l config written: the default profile applies");

        write("ptp4l.0.config", OC_CONFIG);
        catalog.reload();
        ParseOutcome rejected = new ParseOutcome.Rejected(RejectReason.UNKNOWN_CONFIG);
        assertEquals(rejected, catalog.admit(unknown));
        assertEquals(rejected, catalog.admit(unknownTs2phc));
        for (ParseOutcome passes : List.of(status, synce, chronyd, ha, garbage,
                parser.parse("ptp4l[1.0]: [ts2phc.0.config] CLOCK_CLASS_CHANGE 6"))) {
            assertEquals(passes, catalog.admit(passes));
        }
    }

    @Test
    void reports_the_configs_whose_file_was_removed_with_their_last_profile() throws IOException {
        Path file = write("ptp4l.1.config", "#profile: oc2\n[global]\n[ens7f0]\n");
        write("ptp4l.0.config", OC_CONFIG);
        PtpConfigCatalog catalog = reloaded();
        assertEquals(Map.of(), catalog.reload());
        Files.delete(file);
        assertEquals(Map.of("ptp4l.1.config", new PtpProfile("oc2", Thresholds.DEFAULT, List.of("ens7f0"))), catalog.reload());
        assertEquals(Map.of(), catalog.reload());
    }

    /** File systems with coarse timestamps could keep the old time; the catalog must still see the change. */
    private static void touchLater(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    }

    @Test
    void should_start_master_only_and_server_only_ports_as_master_with_a_global_default(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("ptp4l.0.config"),
                "#profile: bc\n[global]\nmasterOnly 1\n[ens1f0]\nmasterOnly 0\n[ens1f1]\n[ens1f2]\nserverOnly 1\n");
        PtpConfigCatalog catalog = new PtpConfigCatalog(new PtpConfigFiles(dir, null));
        catalog.reload();
        PtpProfile profile = catalog.profileFor("ptp4l.0.config");
        assertEquals(PortRole.SLAVE, profile.initialRole("ens1f0"));
        assertEquals(PortRole.MASTER, profile.initialRole("ens1f1"));
        assertEquals(PortRole.MASTER, profile.initialRole("ens1f2"));
    }
}
