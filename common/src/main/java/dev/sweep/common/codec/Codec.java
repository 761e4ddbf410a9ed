package dev.sweep.common.codec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The one place that maps records to YAML and JSON. Field names are snake_case on the outside
 * and camelCase in Java; unknown fields are errors, so a typo never silently falls back to a
 * default.
 */
public final class Codec {
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper CANONICAL = configure(new ObjectMapper())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

    private Codec() {}

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** Reads a YAML file into a record; errors name the file, line and field. */
    public static <T> T readYaml(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(YAML, text, type, file.toString());
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return parse(JSON, json, type, "json");
    }

    /** As {@link #fromJson(String, Class)}, with errors naming {@code source} (a file, a topic). */
    public static <T> T fromJson(String json, Class<T> type, String source) {
        return parse(JSON, json, type, source);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * JSON with map entries sorted by key: the same value gives the same text in every JVM
     * ({@code Map.copyOf} iterates in an order that changes from run to run).
     */
    public static String toCanonicalJson(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName() + " as YAML", e);
        }
    }

    private static <T> T parse(ObjectMapper mapper, String text, Class<T> type, String source) {
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ConfigException(source + ": is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(source, e), e);
        }
    }

    /** One line: where, which field, what is wrong; the rule comes from the record's own check. */
    static String describe(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? source : source + ":" + at.getLineNr();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return where + ": unknown field '" + path(u) + "'; known fields here: "
                    + u.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        }
        if (root instanceof IllegalArgumentException) {
            return where + ": " + root.getMessage();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi && mi.getTargetType() != null
                && !mi.getPath().isEmpty()) {
            return where + ": field '" + path(mi) + "' must be " + expected(mi.getTargetType());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return where + ": field '" + path(m) + "': " + e.getOriginalMessage().lines().findFirst().orElse("");
        }
        return where + ": malformed: " + e.getOriginalMessage().lines().findFirst().orElse("");
    }

    /** What a field's Java type means to someone writing YAML. */
    private static String expected(Class<?> type) {
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a section of key: value lines (or {key: value})";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list, like [a, b]";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList();
        }
        return "text";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
