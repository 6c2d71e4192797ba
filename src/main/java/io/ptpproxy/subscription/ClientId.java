package io.ptpproxy.subscription;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The client identifier of a subscriber endpoint, as upstream computes it: a name-based UUID version 3
 * (MD5) of the EndpointUri string in the RFC 4122 URL namespace. It names the subscriber's store
 * file, so it must stay byte-for-byte compatible with Go's {@code uuid.NewMD5(uuid.NameSpaceURL, uri)}.
 */
public final class ClientId {

    private static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private ClientId() {
    }

    /**
     * Returns the client identifier of an endpoint URI.
     *
     * @param endpointUri the subscriber's EndpointUri, exactly as stored
     * @return the lower-case UUID v3 string, e.g. {@code 02ff4ff6-cd62-33ec-8af1-603c11db4d99}
     */
    public static String of(String endpointUri) {
        if (endpointUri == null) {
            throw new IllegalArgumentException("endpointUri cannot be null");
        }
        byte[] hash = md5(namespaceBytes(), endpointUri.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    private static byte[] namespaceBytes() {
        return ByteBuffer.allocate(16)
                .putLong(NAMESPACE_URL.getMostSignificantBits())
                .putLong(NAMESPACE_URL.getLeastSignificantBits())
                .array();
    }

    private static byte[] md5(byte[] namespace, byte[] name) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(namespace);
            digest.update(name);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }
}
