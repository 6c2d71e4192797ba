package io.ptpproxy.legacy;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;

/**
 * CloudEvents over HTTP as the v1 transport uses them, through the SDK's HTTP binding: binary mode
 * out ({@code ce-*} headers, the data as body), binary or structured mode in.
 */
final class CloudEventCodec {

    private CloudEventCodec() {
    }

    /** One HTTP message: headers and body. */
    record HttpMessage(Map<String, String> headers, byte[] body) {
    }

    /** @return the binary-mode HTTP message of the event */
    static HttpMessage binary(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpMessageFactory.createWriter(headers::put, bytes -> body.writeBytes(bytes == null ? new byte[0] : bytes))
                .writeBinary(event);
        return new HttpMessage(headers, body.toByteArray());
    }

    /**
     * @param headers the request headers (any case)
     * @param body the request body
     * @return the event, binary or structured mode
     * @throws RuntimeException when the request is not a CloudEvent
     */
    static CloudEvent read(Map<String, ?> headers, byte[] body) {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                lowerCase.put(name.toLowerCase(Locale.ROOT), value.toString());
            }
        });
        return HttpMessageFactory.createReader(lowerCase, body == null ? new byte[0] : body).toEvent();
    }
}
