package io.x3dava.annotations.ava;

import io.x3dava.annotations.AnnotationFormatException;
import io.x3dava.annotations.LineLimit;
import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An AVA label map in protobuf text format: {@code item { name: "bend/bow (at the waist)" id: 1 }} (the evaluation
 * lists {@code ava_action_list_v2.X_for_activitynet_201X.pbtxt}) or the full list's
 * {@code label { name: "..." label_id: 1 label_type: PERSON_MOVEMENT }}, one-line or multi-line items, v2.1 (60 or 80
 * classes) and v2.2 files ({@code label_id} is accepted for {@code id} as the official reader does).
 */
public final class LabelMap {
    private final List<LabelMapEntry> entries;
    private final Map<Integer, LabelMapEntry> byId;

    public LabelMap(List<LabelMapEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<Integer, LabelMapEntry> m = new TreeMap<>();
        for (LabelMapEntry e : entries) {
            if (m.put(e.id(), e) != null) {
                throw new IllegalArgumentException("duplicate class id " + e.id());
            }
        }
        this.byId = Collections.unmodifiableMap(m);
    }

    public List<LabelMapEntry> entries() {
        return entries;
    }

    public boolean contains(int id) {
        return byId.containsKey(id);
    }

    public String name(int id) {
        LabelMapEntry e = byId.get(id);
        if (e == null) {
            throw new IllegalArgumentException("class id " + id + " is not in the label map");
        }
        return e.name();
    }

    /** Class ids in increasing order. */
    public List<Integer> ids() {
        return List.copyOf(byId.keySet());
    }

    public int maxId() {
        return entries.isEmpty() ? 0 : Collections.max(byId.keySet());
    }

    public int size() {
        return entries.size();
    }

    /** A tokenizer over pbtxt that remembers the line of each token. */
    private static final class Tokens {
        final Path file;
        final String text;
        int pos;
        int line = 1;

        Tokens(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        /** Returns the next token: '{', '}', ':', a quoted string (with quotes) or a bare word; null at end. */
        String next() throws AnnotationFormatException {
            skipSpace();
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos);
            if (c == '{' || c == '}' || c == ':') {
                pos++;
                return String.valueOf(c);
            }
            if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder().append('"');
                int startLine = line;
                pos++;
                while (pos < text.length() && text.charAt(pos) != c) {
                    char d = text.charAt(pos++);
                    if (d == '\n') {
                        throw new AnnotationFormatException(file, startLine, "unterminated string; expected a closing " + c);
                    }
                    if (d == '\\' && pos < text.length()) {
                        d = text.charAt(pos++);
                    }
                    sb.append(d);
                }
                if (pos >= text.length()) {
                    throw new AnnotationFormatException(file, startLine, "unterminated string; expected a closing " + c);
                }
                pos++;
                return sb.toString();
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                    && "{}:\"'#".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    line++;
                    pos++;
                } else if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    break;
                }
            }
        }

        AnnotationFormatException error(String message) {
            return new AnnotationFormatException(file, line, message);
        }

        void expect(String want) throws AnnotationFormatException {
            String t = next();
            if (!want.equals(t)) {
                throw error("expected '" + want + "', got " + (t == null ? "end of file" : "'" + t + "'"));
            }
        }
    }

    /**
     * Largest class id a label map file may use. AVA uses 1..80; the official evaluator allocates arrays of the largest
     * id, so a huge id is a typo, not a class.
     */
    public static final int MAX_ID = 100_000;

    /** The file as UTF-8 text; bytes that are not UTF-8 are reported with their line. */
    private static String utf8(Path file) throws IOException {
        byte[] bytes = LineLimit.read(file, "a label map .pbtxt (item { name: ... id: ... })");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            // find the first bad byte's line for the message
            int line = 1;
            var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
            int i = 0;
            while (i < bytes.length) {
                int len = (bytes[i] & 0x80) == 0 ? 1 : (bytes[i] & 0xE0) == 0xC0 ? 2 : (bytes[i] & 0xF0) == 0xE0 ? 3 : 4;
                try {
                    dec.reset().decode(ByteBuffer.wrap(bytes, i, Math.min(len, bytes.length - i)));
                } catch (CharacterCodingException bad) {
                    break;
                }
                line += bytes[i] == '\n' ? 1 : 0;
                i += len;
            }
            throw new AnnotationFormatException(file, line, "expected UTF-8 text, got bytes that are not UTF-8 "
                    + "(a Latin-1 or binary file?)");
        }
    }

    public static LabelMap read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AnnotationFormatException(file, 0, Files.isDirectory(file)
                    ? "is a directory; expected a label map .pbtxt file" : "file not found (expected a label map .pbtxt)");
        }
        Tokens t = new Tokens(file, utf8(file));
        List<LabelMapEntry> entries = new ArrayList<>();
        Map<Integer, Integer> idLines = new TreeMap<>();
        String tok;
        while ((tok = t.next()) != null) {
            // "item" in the evaluation files (ava_action_list_v2.X_for_activitynet_201X.pbtxt), "label" in the
            // full list ava_action_list_v2.X.pbtxt
            if (!tok.equals("item") && !tok.equals("label")) {
                throw t.error("expected 'item {' or 'label {', got '" + tok + "'");
            }
            int itemLine = t.line;
            t.expect("{");
            String name = null;
            Integer id = null;
            String type = null;
            while (true) {
                String key = t.next();
                if (key == null) {
                    throw new AnnotationFormatException(file, itemLine, "unbalanced braces: item is not closed with '}'");
                }
                if (key.equals("}")) {
                    break;
                }
                t.expect(":");
                String value = t.next();
                if (value == null || value.equals("}") || value.equals("{")) {
                    throw t.error("expected a value for '" + key + "'");
                }
                switch (key) {
                    case "name", "display_name" -> {
                        if (!value.startsWith("\"")) {
                            throw t.error("expected a quoted class name, got '" + value + "'");
                        }
                        if (key.equals("name") || name == null) {
                            name = value.substring(1);
                        }
                    }
                    case "id", "label_id" -> {
                        try {
                            id = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            id = null;
                        }
                        // the official evaluator sizes its per-class arrays by the largest id and indexes them by id - 1
                        if (id == null || id < 1 || id > MAX_ID) {
                            throw t.error("expected a class id between 1 and " + MAX_ID + ", got '" + value + "'");
                        }
                    }
                    case "label_type" -> type = value.startsWith("\"") ? value.substring(1) : value;
                    default -> throw t.error("unknown field '" + key + "' (expected name, id, label_id or label_type)");
                }
            }
            if (name == null) {
                throw new AnnotationFormatException(file, itemLine, "item has no name");
            }
            if (id == null) {
                throw new AnnotationFormatException(file, itemLine, "item '" + name + "' has no id");
            }
            Integer prev = idLines.put(id, itemLine);
            if (prev != null) {
                throw new AnnotationFormatException(file, itemLine, "duplicate class id " + id + " (first at line " + prev + ")");
            }
            entries.add(new LabelMapEntry(id, name, type));
        }
        if (entries.isEmpty()) {
            throw new AnnotationFormatException(file, 0, "label map has no items");
        }
        return new LabelMap(entries);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toText());
    }

    /** The label map in the protobuf text format {@link #read} reads (the evaluation lists' {@code item} form). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (LabelMapEntry e : entries) {
            sb.append("item {\n  name: \"").append(e.name().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\"\n  id: ").append(e.id()).append('\n');
            if (e.labelType() != null) {
                sb.append("  label_type: ").append(e.labelType()).append('\n');
            }
            sb.append("}\n");
        }
        return sb.toString();
    }
}
