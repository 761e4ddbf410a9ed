package dev.sweep.worker.model;

/**
 * DeBERTa's relative positions, computed in Java as integers: the distance query - key, mapped
 * to log buckets when {@code position_buckets} is set, then clamped into the relative-embedding
 * table of 2 x span rows. Nothing here is on a gradient path.
 */
final class RelativePositions {
    private RelativePositions() {}

    /**
     * The bucket of a distance, as transformers' {@code make_log_bucket_position}: distances
     * within half the buckets stay as they are; larger ones go to
     * {@code sign * (ceil(log(|d| / mid) / log((maxPosition - 1) / mid) * (mid - 1)) + mid)}.
     * The arithmetic is float32, step by step as torch does it on float32 tensors.
     */
    static long logBucket(long distance, int buckets, int maxPosition) {
        int mid = buckets / 2;
        long abs = Math.abs(distance);
        if (abs <= mid) {
            return distance;
        }
        float ratio = (float) abs / (float) mid;
        float logRatio = (float) Math.log(ratio);
        float logMax = (float) Math.log((float) ((double) (maxPosition - 1) / mid));
        float scaled = logRatio / logMax * (float) (mid - 1);
        long bucket = (long) Math.ceil(scaled) + mid;
        return distance < 0 ? -bucket : bucket;
    }

    /** The relative position of query i to key j, bucketed if the config uses buckets. */
    static long relative(long i, long j, DebertaV2Config.Relative r) {
        long d = i - j;
        return r.positionBuckets() > 0 ? logBucket(d, r.positionBuckets(), r.maxRelativePositions()) : d;
    }

    /**
     * Row-major [T, T] gather indices into the projected table: c2p's {@code [i][j]} =
     * clamp(rel(i, j) + span), read for query i and key j; p2c's {@code [j][i]} =
     * clamp(-rel(j, i) + span), read with the key as the row, as transformers gathers it before
     * transposing.
     */
    static long[][] gatherIndices(int tokens, DebertaV2Config.Relative r) {
        int span = r.span();
        long[] c2p = new long[tokens * tokens];
        long[] p2c = new long[tokens * tokens];
        for (int a = 0; a < tokens; a++) {
            for (int b = 0; b < tokens; b++) {
                long rel = relative(a, b, r);
                c2p[a * tokens + b] = clamp(rel + span, 2L * span - 1);
                p2c[a * tokens + b] = clamp(-rel + span, 2L * span - 1);
            }
        }
        return new long[][] {c2p, p2c};
    }

    private static long clamp(long v, long max) {
        return Math.max(0, Math.min(max, v));
    }
}
