package dev.sluice.topology.cache;

import dev.sluice.schemas.event.ChatMessage;
import dev.sluice.schemas.event.Sampling;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The response-cache key: SHA-256 over the model, every (masked, normalized) message of the
 * context the prompt was rendered from, and the sampling parameters. Including the whole
 * context means a multi-turn reply is never replayed into another conversation's context.
 * Only deterministic requests get a key; others are never cached.
 */
public final class CacheKeys {

    public static String of(String model, List<ChatMessage> messages, Sampling sampling) {
        if (!sampling.deterministic()) return "";
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        field(sha, "v1");
        field(sha, model);
        for (ChatMessage m : messages) {
            field(sha, m.role());
            field(sha, m.content().strip());
        }
        field(sha, String.valueOf(sampling.temperature()));
        field(sha, String.valueOf(sampling.topP()));
        field(sha, String.valueOf(sampling.maxTokens()));
        field(sha, String.join("\u0000", sampling.stop()));
        field(sha, String.valueOf(sampling.seed()));
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Length-prefixed so that no two different field lists hash the same bytes. */
    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    private CacheKeys() {}
}
