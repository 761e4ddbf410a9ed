package dev.sweep.coordinator.plan;

import dev.sweep.common.codec.Codec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Trial ids derived from what the trial is, so planning the same spec twice gives the same ids
 * and the coordinator can tell a trial it already published.
 */
final class TrialIds {
    private TrialIds() {}

    /** {@code SWEEP-HASH}: the first 12 hex digits of SHA-256 over the canonical JSON of the parts. */
    static String of(String sweepId, Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(sweepId.getBytes(StandardCharsets.UTF_8));
            for (Object part : parts) {
                sha.update((byte) 0);
                sha.update(Codec.toCanonicalJson(part).getBytes(StandardCharsets.UTF_8));
            }
            return sweepId + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
