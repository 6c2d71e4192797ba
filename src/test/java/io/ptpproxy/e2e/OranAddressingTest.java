package io.ptpproxy.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import io.ptpproxy.fixtures.RunningProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OranAddressingTest {

    @TempDir
    Path work;

    @Test
    void probe() throws Exception {
        try (RunningProxy proxy = RunningProxy.start(work)) {
            String alt = "http://127.0.0.1:" + proxy.apiPort() + "/ocloudNotifications/v2";
            assertEquals(200, proxy.send("GET", alt + "/health", null).statusCode());
            assertEquals(200, proxy.send("GET", alt + "/subscriptions", null).statusCode());
        }
    }
}
