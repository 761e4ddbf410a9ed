package dev.sweep.common.trick;

/** {@code ./sweep tricks}: prints every trick's parameters (type, default, range, doc) as the README carries them. */
public final class TrickReference {
    private TrickReference() {}

    public static void main(String[] args) {
        System.out.print(TrickRegistry.markdownTable());
    }
}
