package io.x3dava.viewer.detect;

import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.video.ActionModel;
import io.x3dava.proposals.detect.DetectorSpec;
import io.x3dava.proposals.detect.FramePersonDetector;
import io.x3dava.proposals.detect.PersonDetectors;
import io.x3dava.proposals.detect.TorchvisionOps;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The models of a {@link VideoJob}, opened: the person detector, the action detector (none without a checkpoint), the
 * action names and the class ids written. Used by one video at a time.
 */
final class VideoModels implements AutoCloseable {
    private final FramePersonDetector persons;
    private final ActionModel actions;
    private final LabelMap labels;
    private final Path labelMapFile;

    private VideoModels(FramePersonDetector persons, ActionModel actions, LabelMap labels, Path labelMapFile) {
        this.persons = persons;
        this.actions = actions;
        this.labels = labels;
        this.labelMapFile = labelMapFile;
    }

    /** Opens the job's models, saying on {@code out} which. */
    static VideoModels open(VideoJob job, PrintStream out) throws IOException {
        DetectorSpec spec = DetectorSpec.parse(job.detector());
        Path labelMapFile = job.labelMap() == null ? null : Path.of(job.labelMap());
        LabelMap labels = labelMapFile == null ? null : LabelMap.read(labelMapFile);
        if (job.download()) {
            System.setProperty("ai.djl.offline", "false");
        }
        if (job.torchvisionLib() != null) {
            TorchvisionOps.load(Path.of(job.torchvisionLib()));
        }
        FramePersonDetector persons = PersonDetectors.open(spec, job.personThreshold());
        ActionModel actions = null;
        try {
            out.println("person detector: " + persons.description());
            if (job.checkpoint() != null) {
                Path checkpoint = Path.of(job.checkpoint());
                actions = ActionModel.load(checkpoint);
                if (labels == null && actions.checkpoint().labels() != null) {
                    // the checkpoint's own class names; the printed view command and --view read the same file
                    labels = actions.checkpoint().labels();
                    labelMapFile = actions.checkpoint().labelMapFile();
                }
                out.println(describe(checkpoint, actions.config()));
            } else {
                out.println("no --checkpoint: finding and tracking people only; actions need a trained AVA"
                        + " detector (train-ava, or scripts/demo then --checkpoint runs/demo/ava/checkpoints/epoch_NNNN)");
            }
            return new VideoModels(persons, actions, labels, labelMapFile);
        } catch (IOException | RuntimeException e) {
            if (actions != null) {
                actions.close();
            }
            persons.close();
            throw e;
        }
    }

    /** The line that names the action detector: its checkpoint, network, classes and clip. */
    static String describe(Path checkpoint, DetectorConfig config) {
        return String.format(Locale.ROOT, "action detector: %s (%s, %d classes, clip %dx%d)", checkpoint,
                config.backbone().name(), config.numClasses(), config.backbone().numFrames(),
                config.backbone().samplingRate());
    }

    /** A run of one video with these models. */
    VideoRun.Setup setup(VideoJob job, StopSignals stop, PrintStream out, PrintStream err) {
        return new VideoRun.Setup(persons, actions, job.settings(), job.stream(), labels, reportedIds(), job.threshold(),
                job.topK(), job.writeVideo(), stop, out, err);
    }

    /** The label map file the viewer should read (given or the checkpoint's), or null. */
    Path labelMapFile() {
        return labelMapFile;
    }

    private List<Integer> reportedIds() {
        if (labels != null) {
            return labels.ids();
        }
        int n = actions == null ? 0 : actions.config().numClasses();
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    @Override
    public void close() {
        try {
            if (actions != null) {
                actions.close();
            }
        } finally {
            persons.close();
        }
    }
}
