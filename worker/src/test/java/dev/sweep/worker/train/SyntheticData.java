package dev.sweep.worker.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Small CSV files whose labels follow from their words, so a tiny model can learn them. */
public final class SyntheticData {
    private static final String[] POSITIVE = {"great", "wonderful", "excellent", "happy", "love", "superb"};
    private static final String[] NEGATIVE = {"awful", "terrible", "sad", "hate", "poor", "horrible"};
    private static final String[] FILLER = {"the", "movie", "was", "and", "a", "story", "really", "plot", "film", "it"};

    private SyntheticData() {}

    /** Every word the generated texts use. */
    public static java.util.List<String> words() {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(POSITIVE));
        all.addAll(java.util.List.of(NEGATIVE));
        all.addAll(java.util.List.of(FILLER));
        return all;
    }

    /** {@code text,label} with labels pos/neg decided by the sentiment words in the text. */
    public static Path classification(Path file, int rows, long seed) {
        Random rng = new Random(seed);
        StringBuilder b = new StringBuilder("text,label\n");
        for (int i = 0; i < rows; i++) {
            boolean positive = rng.nextBoolean();
            b.append(sentence(rng, positive ? POSITIVE : NEGATIVE)).append(',').append(positive ? "pos" : "neg")
                    .append('\n');
        }
        return write(file, b.toString());
    }

    /** {@code text,a,b}: two scores in [1, 5] that grow with the number of positive words. */
    public static Path regression(Path file, int rows, long seed) {
        Random rng = new Random(seed);
        StringBuilder b = new StringBuilder("text,a,b\n");
        for (int i = 0; i < rows; i++) {
            int k = rng.nextInt(5);
            StringBuilder s = new StringBuilder();
            for (int j = 0; j < 6; j++) {
                s.append(j < k ? POSITIVE[rng.nextInt(POSITIVE.length)] : FILLER[rng.nextInt(FILLER.length)]).append(' ');
            }
            b.append(s.toString().trim()).append(',')
                    .append(String.format(Locale.ROOT, "%.1f,%.1f", 1.0 + k, 5.0 - k * 0.5)).append('\n');
        }
        return write(file, b.toString());
    }

    private static String sentence(Random rng, String[] sentiment) {
        int length = 4 + rng.nextInt(12); // varied lengths exercise dynamic padding
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < length; j++) {
            String word = rng.nextInt(3) == 0 ? sentiment[rng.nextInt(sentiment.length)] : FILLER[rng.nextInt(FILLER.length)];
            s.append(word).append(' ');
        }
        s.append(sentiment[rng.nextInt(sentiment.length)]);
        return s.toString();
    }

    private static Path write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
