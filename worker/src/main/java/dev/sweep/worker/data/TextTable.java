package dev.sweep.worker.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sweep.common.codec.Codec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A table read from a .csv, .tsv or .jsonl file: its columns and its rows, each row knowing the
 * line of the file it starts on (quoted CSV fields may span lines, as emails do).
 */
public record TextTable(String file, List<String> columns, List<Row> rows) {
    /** One row's cells by column name, and the 1-based line of the file it starts on. */
    public record Row(int line, Map<String, String> cells) {
        public String get(String column) {
            return cells.get(column);
        }
    }

    /**
     * @param limit rows to read; 0 reads all
     * @param what the config field that named the file, for messages (task.train)
     */
    public static TextTable read(Path path, int limit, String what) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                return readDelimited(path, CSVFormat.DEFAULT, limit);
            }
            if (name.endsWith(".tsv")) {
                return readDelimited(path, CSVFormat.TDF, limit);
            }
            if (name.endsWith(".jsonl")) {
                return readJsonLines(path, limit);
            }
        } catch (NoSuchFileException e) {
            throw new DataException(path + ": no such file; check " + what);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read: " + e.getMessage(), e);
        }
        throw new DataException(path + ": unknown file type; " + what + " must end in .csv, .tsv or .jsonl");
    }

    /** Fails naming the missing column and the columns there are. */
    public void requireColumns(List<String> wanted, String field) {
        for (String c : wanted) {
            if (!columns.contains(c)) {
                throw new DataException(file + ":1: column '" + c + "' (named in " + field + ") is missing; the file has "
                        + columns);
            }
        }
    }

    private static TextTable readDelimited(Path path, CSVFormat base, int limit) throws IOException {
        CSVFormat format = base.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).build();
        List<Row> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                CSVParser parser = header(path, reader, format)) {
            List<String> columns = parser.getHeaderNames();
            // the parser's line count after the header is where the first record starts
            long nextLine = parser.getCurrentLineNumber() + 1;
            try {
                for (CSVRecord record : parser) {
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (String c : columns) {
                        cells.put(c, record.isSet(c) ? record.get(c) : null);
                    }
                    rows.add(new Row((int) nextLine, Collections.unmodifiableMap(cells)));
                    nextLine = parser.getCurrentLineNumber() + 1;
                    if (limit > 0 && rows.size() >= limit) {
                        break;
                    }
                }
            } catch (UncheckedIOException e) {
                throw new DataException(path + ":" + nextLine + ": malformed: " + e.getCause().getMessage()
                        + "; check the quoting", e);
            }
            return new TextTable(path.toString(), List.copyOf(columns), List.copyOf(rows));
        }
    }

    /** The parser, its header read; commons-csv's header errors do not say which file. */
    private static CSVParser header(Path path, Reader reader, CSVFormat format) throws IOException {
        try {
            return CSVParser.parse(reader, format);
        } catch (IllegalArgumentException e) {
            throw new DataException(path + ":1: bad header: " + e.getMessage().lines().findFirst().orElse("")
                    + "; the first line must name every column, once each");
        } catch (UncheckedIOException e) {
            throw new DataException(path + ":1: malformed header: " + e.getCause().getMessage() + "; check the quoting", e);
        }
    }

    private static TextTable readJsonLines(Path path, int limit) throws IOException {
        List<Row> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null && (limit == 0 || rows.size() < limit)) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Codec.json().readTree(text);
                } catch (JsonProcessingException e) {
                    throw new DataException(path + ":" + line + ": not a JSON object (" + e.getOriginalMessage()
                            + "); each line of a .jsonl file must be one object");
                }
                if (!node.isObject()) {
                    throw new DataException(path + ":" + line + ": not a JSON object; each line of a .jsonl file must be one object");
                }
                Map<String, String> cells = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> cells.put(e.getKey(), e.getValue().isNull() ? null
                        : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                columns.addAll(cells.keySet());
                rows.add(new Row(line, Collections.unmodifiableMap(cells)));
            }
        }
        return new TextTable(path.toString(), List.copyOf(columns), List.copyOf(rows));
    }
}
