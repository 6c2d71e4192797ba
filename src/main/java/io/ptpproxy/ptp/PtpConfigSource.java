package io.ptpproxy.ptp;

import java.util.Map;

/**
 * Where {@link PtpConfigCatalog} gets the daemon's configs from: the adapter that reads the files
 * ({@code io.ptpproxy.linuxptp.PtpConfigFiles}) or, in tests, anything that supplies parsed content.
 * The catalogue only decides; reading and caching files is the source's concern.
 */
@FunctionalInterface
public interface PtpConfigSource {

    /**
     * Reads the current configs. Never throws: an unreadable or malformed file is left out.
     *
     * @return the configs and profile thresholds as they are now
     */
    Contents read();

    /**
     * The parsed content of the daemon's files.
     *
     * @param configs every per-process config file, by file name ({@code ptp4l.0.config})
     * @param thresholds the thresholds of every profile in the profile file, in file order; empty without one
     */
    record Contents(Map<String, PtpConfigFile> configs, Map<String, Thresholds> thresholds) {
    }
}
