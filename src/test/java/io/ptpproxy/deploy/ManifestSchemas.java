package io.ptpproxy.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * JSON schemas of the Kubernetes objects under deploy/, made strict the way {@code kubeconform
 * -strict} is: an object with declared properties accepts no other key, so a misspelt field fails
 * instead of being dropped by the API server.
 *
 * <p>Built-in kinds and the Prometheus-operator CRDs come from the schemas fabric8 generates from
 * the Kubernetes Go types ({@code schema/validation-schema.json} in each model jar); the Camel K
 * {@code Integration} from the {@code openAPIV3Schema} of the CRD Camel K ships. The newest Camel K
 * CRDs on Maven Central ({@code org.apache.camel.k:camel-k-crds}) are 2.4.0's; the one trait the
 * Integration uses that 2.4 lacks, {@code init-containers} (2.8), is added with the shape of Camel K's
 * {@code InitContainersTrait} ({@code pkg/apis/camel/v1/trait/init_containers.go}): every other key
 * is still checked against 2.4.
 */
final class ManifestSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    /**
     * Kubernetes types whose wire form is a scalar, though fabric8 models them as objects, by simple
     * Java type name (definition names and qualified names differ from one model jar to the next).
     */
    private static final Map<String, JsonNode> SCALAR_TYPES = Map.of(
            "IntOrString", types("integer", "string"),
            "Quantity", types("string", "number"),
            "MicroTime", types("string"));

    /** Schema documents by "apiVersion kind", compiled on first use (most kinds are never needed). */
    private final Map<String, JsonNode> byKind;
    private final Map<String, JsonSchema> compiled = new HashMap<>();

    private ManifestSchemas(Map<String, JsonNode> byKind) {
        this.byKind = Collections.unmodifiableMap(byKind);
    }

    /** Loads every schema on the test classpath. */
    static ManifestSchemas load() {
        Map<String, JsonNode> byKind = new HashMap<>();
        try {
            ClassLoader loader = ManifestSchemas.class.getClassLoader();
            for (URL document : Collections.list(loader.getResources("schema/validation-schema.json"))) {
                addFabric8Document(read(document, JSON), byKind);
            }
            URL integrations = loader.getResource("camel.apache.org_integrations.yaml");
            if (integrations != null) {
                addCustomResourceDefinition(read(integrations, new YAMLMapper()), byKind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ManifestSchemas(byKind);
    }

    /** @return the problems of one rendered object; empty when it is valid */
    List<String> problems(JsonNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        if (!byKind.containsKey(key)) {
            return List.of("no schema for " + key);
        }
        JsonSchema schema = compiled.computeIfAbsent(key, k -> FACTORY.getSchema(byKind.get(k)));
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(object)) {
            problems.add(key + " " + object.path("metadata").path("name").asText() + ": " + message.getMessage());
        }
        return problems;
    }

    private static void addFabric8Document(JsonNode document, Map<String, JsonNode> byKind) {
        ObjectNode definitions = (ObjectNode) document.path("definitions");
        List<String> names = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode definition = definitions.get(name);
            String javaType = definition.path("javaType").asText(definition.path("existingJavaType").asText());
            JsonNode scalar = SCALAR_TYPES.get(javaType.substring(javaType.lastIndexOf('.') + 1));
            if (scalar != null) {
                definitions.set(name, scalar);
            }
        }
        definitions.elements().forEachRemaining(ManifestSchemas::strict);
        Iterator<Map.Entry<String, JsonNode>> entries = definitions.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode properties = entry.getValue().path("properties");
            String apiVersion = properties.path("apiVersion").path("default").asText("");
            String kind = properties.path("kind").path("default").asText("");
            if (!apiVersion.isEmpty() && !kind.isEmpty() && !kind.endsWith("List")) {
                ObjectNode root = NODES.objectNode();
                root.set("definitions", definitions);
                root.put("$ref", "#/definitions/" + entry.getKey());
                byKind.putIfAbsent(apiVersion + " " + kind, root);
            }
        }
    }

    private static void addCustomResourceDefinition(JsonNode crd, Map<String, JsonNode> byKind) {
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
            JsonNode traits = schema.path("properties").path("spec").path("properties").path("traits").path("properties");
            if (kind.equals("Integration") && traits instanceof ObjectNode known && !known.has("init-containers")) {
                known.set("init-containers", initContainersTrait());
            }
            strict(schema);
            byKind.put(group + "/" + version.path("name").asText() + " " + kind, schema);
        }
    }

    /**
     * Closes every object schema that lists its properties, and drops the generator's own keywords
     * (fabric8's Java hints, OpenAPI's {@code nullable}, Kubernetes' {@code x-kubernetes-*}), which
     * a JSON-schema validator does not know.
     */
    private static void strict(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.path("x-kubernetes-int-or-string").asBoolean(false)) {
            object.removeAll();
            object.setAll((ObjectNode) types("integer", "string"));
            return;
        }
        boolean openByDesign = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        List<String> foreign = new ArrayList<>(List.of("javaType", "javaInterfaces", "existingJavaType",
                "javaOmitEmpty", "$module", "id", "nullable"));
        object.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("x-kubernetes-") || name.equals("required") && object.get(name).isBoolean()) {
                foreign.add(name);
            }
        });
        object.remove(foreign);
        if (object.has("properties") && !openByDesign && !object.path("additionalProperties").isObject()) {
            object.put("additionalProperties", false);
        }
        object.path("properties").elements().forEachRemaining(ManifestSchemas::strict);
        object.path("definitions").elements().forEachRemaining(ManifestSchemas::strict);
        object.path("allOf").elements().forEachRemaining(ManifestSchemas::strict);
        object.path("anyOf").elements().forEachRemaining(ManifestSchemas::strict);
        object.path("oneOf").elements().forEachRemaining(ManifestSchemas::strict);
        strict(object.get("items"));
        strict(object.get("additionalProperties"));
        strict(object.get("not"));
    }

    /** Camel K 2.8's init-containers trait: tasks as {@code <name>;<container-image>;<container-command>}. */
    private static JsonNode initContainersTrait() {
        ObjectNode task = NODES.objectNode().put("type", "string").put("pattern", "^[a-z0-9-]+;[^;]+;.+$");
        ObjectNode tasks = NODES.objectNode().put("type", "array").set("items", task);
        ObjectNode properties = NODES.objectNode();
        properties.set("enabled", NODES.objectNode().put("type", "boolean"));
        properties.set("initTasks", tasks);
        properties.set("sideCarTasks", tasks.deepCopy());
        return NODES.objectNode().put("type", "object").set("properties", properties);
    }

    private static JsonNode types(String... names) {
        ArrayNode type = NODES.arrayNode();
        for (String name : names) {
            type.add(name);
        }
        return NODES.objectNode().set("type", names.length == 1 ? NODES.textNode(names[0]) : type);
    }

    private static JsonNode read(URL url, ObjectMapper mapper) throws IOException {
        try (InputStream in = url.openStream()) {
            return mapper.readTree(in);
        }
    }
}
