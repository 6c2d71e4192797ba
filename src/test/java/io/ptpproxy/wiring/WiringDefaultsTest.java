package io.ptpproxy.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.ptpproxy.CommandLine;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.junit.jupiter.api.Test;

/**
 * The wiring's classes are the ones application.properties lists (and the AMQP runner adds to), and
 * the default of every value they inject is the one application.properties gives.
 */
class WiringDefaultsTest {

    @Test
    void should_list_the_same_configuration_classes_in_application_properties_and_for_the_amqp_runner()
            throws IOException, ClassNotFoundException {
        assertEquals(CommandLine.CONFIGURATION_CLASSES, application().getProperty("camel.main.configuration-classes"));
        for (String name : CommandLine.CONFIGURATION_CLASSES.split(",")) {
            assertTrue(CamelConfiguration.class.isAssignableFrom(Class.forName(name)), name);
        }
    }

    @Test
    void should_default_every_injected_value_as_application_properties_does() throws Exception {
        Properties application = application();
        List<String> checked = new ArrayList<>();
        for (String name : CommandLine.CONFIGURATION_CLASSES.split(",")) {
            for (Field field : Class.forName(name).getDeclaredFields()) {
                PropertyInject inject = field.getAnnotation(PropertyInject.class);
                String configured = inject == null ? null : application.getProperty(inject.value());
                // camel.* keys are Camel's (absent on Camel K), and a placeholder is resolved by Camel
                if (configured != null && !inject.value().startsWith("camel.") && !configured.contains("{{")) {
                    assertEquals(configured.strip(), inject.defaultValue(), name + "." + field.getName());
                    checked.add(inject.value());
                }
            }
        }
        assertTrue(checked.size() > 40, checked.toString());
    }

    private static Properties application() throws IOException {
        Properties application = new Properties();
        try (InputStream in = WiringDefaultsTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        return application;
    }
}
