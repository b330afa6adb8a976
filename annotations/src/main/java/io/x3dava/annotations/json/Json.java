package io.x3dava.annotations.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.AtomicFiles;
import io.x3dava.annotations.LineLimit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's one JSON mapper (configs, recipes, reports, checkpoint metadata) and its one error translation: a bad
 * file becomes {@code file:line: expected ...}, never a Jackson stack trace.
 */
public final class Json {
    /** Strings and names of at most {@link LineLimit#MAX_BYTES} characters, like the lines of the text readers. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(LineLimit.MAX_BYTES)
                    .maxNameLength(LineLimit.MAX_BYTES).build()).build())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** The shared mapper (thread-safe once configured; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Reads {@code file} as {@code type}; malformed content or a failed validation names the file and line. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        requireFile(file);
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (JsonProcessingException e) {
            throw error(file, e, type.getSimpleName());
        }
    }

    /** Reads {@code file} as a tree. */
    public static JsonNode readTree(Path file) throws IOException {
        requireFile(file);
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw error(file, e, "JSON");
        }
    }

    /** Parses {@code text} (named {@code source} in errors) as {@code type}. */
    public static <T> T parse(String text, Class<T> type, Path source) throws IOException {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw error(source, e, type.getSimpleName());
        }
    }

    /** Pretty-printed JSON of {@code value}. */
    public static String toString(Object value) throws IOException {
        return MAPPER.writeValueAsString(value) + "\n";
    }

    /** Writes {@code value} to {@code file} atomically (a reader never sees half a file). */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, toString(value));
    }

    private static void requireFile(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new AnnotationFormatException(file, 0, "a directory; expected a JSON file");
        }
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, "file not found (expected a JSON file)");
        }
    }

    private static AnnotationFormatException error(Path file, JsonProcessingException e, String what) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        String message = e.getOriginalMessage();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            message = "field '" + m.getPathReference().replaceAll("^[^\\[\"]*\\[\"?", "").replace("\"]", "")
                    .replace("[\"", ".") + "': " + message;
        }
        // Validation in a record's constructor surfaces as the cause; say it plainly.
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            message = cause.getMessage();
        }
        AnnotationFormatException out = new AnnotationFormatException(file, line,
                "expected a valid " + what + ": " + firstLine(message));
        out.initCause(e);
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
