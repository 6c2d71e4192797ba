package io.ptpproxy.subscription;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of upstream's store files (client files, {@code pub.json}): read strictly, since trailing
 * tokens or a duplicate key mean a damaged file, and written as upstream's Go {@code MarshalIndent}
 * writes it (one-space indentation, {@code "key": value}).
 */
public final class StoreJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer(goStylePrinter());

    private StoreJson() {
    }

    /** @throws IOException when the content is not one well-formed JSON value */
    public static JsonNode read(byte[] content) throws IOException {
        return MAPPER.readTree(content);
    }

    /** @return the value as upstream writes its store files */
    public static byte[] write(JsonNode value) throws IOException {
        return WRITER.writeValueAsBytes(value);
    }

    private static DefaultPrettyPrinter goStylePrinter() {
        DefaultIndenter oneSpace = new DefaultIndenter(" ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(separators).withObjectIndenter(oneSpace).withArrayIndenter(oneSpace);
    }
}
