package io.x3dava.backbone.train;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** metrics.jsonl: one JSON object per finished epoch, rewritten atomically after each epoch. */
public final class MetricsLog {

    // NaN is how an epoch without an accuracy is recorded (Python's json reads it too).
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Path file;
    private final List<EpochMetrics> epochs = new ArrayList<>();

    public MetricsLog(Path file) {
        this.file = file;
    }

    /** Reloads the epochs up to {@code lastEpoch} (those a resumed run keeps). */
    public void resume(int lastEpoch) throws IOException {
        epochs.clear();
        if (!Files.isRegularFile(file)) {
            return;
        }
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                EpochMetrics m = JSON.readValue(line, EpochMetrics.class);
                if (m.epoch() <= lastEpoch) {
                    epochs.add(m);
                }
            } catch (IOException e) {
                throw new IOException(file + ":" + lineNo + ": not a metrics record: " + e.getMessage(), e);
            }
        }
    }

    public void add(EpochMetrics m) throws IOException {
        epochs.add(m);
        StringBuilder sb = new StringBuilder();
        for (EpochMetrics e : epochs) {
            sb.append(JSON.writeValueAsString(e)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    public List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }
}
