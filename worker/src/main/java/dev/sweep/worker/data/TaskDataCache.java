package dev.sweep.worker.data;

import dev.sweep.common.trial.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A worker's tokenised data files, kept across its trials: the trials of one sweep read the same
 * file with the same tokenizer, so only the first pays for reading, checking and tokenising it.
 * An entry is found by everything the result depends on: the files (resolved path, size and
 * modification time, so an edited file is read again), the task (columns, targets, split, limit,
 * max_length) and the tokenizer's bytes. {@link TaskData} is immutable, so trials share it.
 * Bounded: the few most recently used tasks are kept.
 */
public final class TaskDataCache {
    private static final int ENTRIES = 4;
    private static final TaskDataCache SHARED = new TaskDataCache();

    private record FileStamp(Path path, long size, long modified) {}

    private record Key(TaskSpec task, FileStamp train, FileStamp validation, String tokenizer) {}

    private final Map<Key, TaskData> entries = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, TaskData> eldest) {
            return size() > ENTRIES;
        }
    };
    private int hits;

    /** The worker process's cache. */
    public static TaskDataCache shared() {
        return SHARED;
    }

    /**
     * The task's data, tokenised by {@code load} the first time and from memory after.
     *
     * @param tokenizerJson the tokenizer the data is tokenised with (part of the key)
     */
    public synchronized TaskData get(TaskSpec task, Path baseDir, byte[] tokenizerJson, Supplier<TaskData> load) {
        Path validation = task.validation() == null || task.validation().file() == null ? null
                : baseDir.resolve(task.validation().file());
        Key key = new Key(task, stamp(baseDir.resolve(task.train())), validation == null ? null : stamp(validation),
                digest(tokenizerJson));
        TaskData cached = entries.get(key);
        if (cached != null) {
            hits++;
            return cached;
        }
        TaskData data = load.get(); // refusals (a missing column, a NaN) are thrown here and nothing is kept
        entries.put(key, data);
        return data;
    }

    /** How many lookups were answered from memory: for tests and the worker's log. */
    public synchronized int hits() {
        return hits;
    }

    /** A missing file gets no stamp of its own: the loader then refuses it with its usual one-line error. */
    private static FileStamp stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(file.toRealPath(), a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return new FileStamp(file.toAbsolutePath().normalize(), -1, System.nanoTime()); // never found again
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e); // every JDK must have it
        }
    }
}
