package dev.sweep.common.wire;

/**
 * The protocol's schema version. Every message carries it; a reader refuses a message written
 * by a newer version instead of misreading it, and fills fields added since an older one.
 */
public final class WireVersion {
    public static final int CURRENT = 1;

    private WireVersion() {}

    static int check(int version, String what) {
        if (version <= 0) {
            throw new IllegalArgumentException(what + ": schema_version must be >= 1, but got " + version);
        }
        if (version > CURRENT) {
            throw new IllegalArgumentException(what + ": schema_version " + version + " is newer than this build's "
                    + CURRENT + "; upgrade the coordinator and workers to one version");
        }
        return version;
    }
}
