package io.x3dava.proposals.cluster;

import io.x3dava.backbone.cluster.ExecutorErrors;
import io.x3dava.backbone.cluster.ExecutorPool;
import io.x3dava.backbone.cluster.ExecutorThreads;
import io.x3dava.backbone.cluster.TaskFunction;
import io.x3dava.proposals.KeyframeDetector;
import io.x3dava.proposals.KeyframeRange;
import io.x3dava.proposals.PersonBox;
import io.x3dava.proposals.PersonDetectorSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link ProposalTask} on an executor. The person detectors live in the JVM's {@link ExecutorPool}, opened at
 * the first task and reused by every later one.
 */
public final class ProposalTaskFunction implements TaskFunction<ProposalTask, ProposalTaskBoxes> {
    private static final long serialVersionUID = 1L;
    private static final ExecutorPool<PersonDetectorSettings, KeyframeDetector> DETECTORS = new ExecutorPool<>();

    private final PersonDetectorSettings settings;
    private final double offset;

    public ProposalTaskFunction(PersonDetectorSettings settings, double offset) {
        this.settings = settings;
        this.offset = offset;
    }

    @Override
    public ProposalTaskBoxes apply(ProposalTask task, int cpus) throws IOException {
        KeyframeDetector d;
        try {
            d = DETECTORS.take(settings, () -> {
                // a task's native threads = its cores (libtorch for DJL detectors, OpenCV for HOG)
                ExecutorThreads.libtorch(cpus);
                ExecutorThreads.opencv(cpus);
                return settings.open();
            });
        } catch (IOException | IllegalArgumentException e) {
            throw ExecutorErrors.badInput(e);
        }
        try {
            List<PersonBox> found = new ArrayList<>();
            int skipped = d.detectVideo(Path.of(task.input()), new KeyframeRange(task.first(), task.last()), offset,
                    found);
            return ProposalTaskBoxes.of(found, skipped);
        } catch (IOException e) {
            throw ExecutorErrors.badInput(e);
        } finally {
            DETECTORS.give(settings, d);
        }
    }
}
