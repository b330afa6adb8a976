package io.x3dava.detector.infer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.backbone.train.ReplicaParameterStore;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.video.SequentialClipLoader;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.data.AvaTarget;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.train.AvaBatch;
import io.x3dava.detector.train.AvaBatchBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Detection on keyframes: one backbone pass per keyframe clip (several keyframes per batch), all of its person boxes
 * classified together, per-class sigmoid scores written as official detection rows (one per box and label-map class).
 */
public final class AvaInference {

    /** Detections plus how many keyframes could not be read. */
    public record Result(List<AvaDetectionRow> rows, int keyframes, int skippedKeyframes, double seconds) {
    }

    private final AvaDetector detector;
    private final List<Integer> reportedIds;
    private final int batchSize;
    private final int workers;
    private final FrameSources.Opener opener;

    /**
     * @param reportedIds label-map action ids to write (AVA v2.1/v2.2 evaluate 60 of the 80 outputs)
     */
    public AvaInference(AvaDetector detector, List<Integer> reportedIds, int batchSize, int workers) {
        this(detector, reportedIds, batchSize, workers, FrameSources::open);
    }

    /** @param opener how a keyframe's video path becomes frames (the data set's frame-folder layout) */
    public AvaInference(AvaDetector detector, List<Integer> reportedIds, int batchSize, int workers,
                        FrameSources.Opener opener) {
        this.opener = opener;
        this.detector = detector;
        this.reportedIds = List.copyOf(reportedIds);
        this.batchSize = batchSize;
        this.workers = workers;
    }

    public Result run(NDManager manager, List<AvaSample> samples, IntConsumer progress) {
        long t0 = System.nanoTime();
        var cfg = detector.config();
        ClipSpec spec = new ClipSpec(cfg.backbone().numFrames(), cfg.backbone().samplingRate());
        AvaBatchBuilder builder = AvaBatchBuilder.forTesting(cfg.numClasses(), cfg.testSize());
        List<ClipRequest> requests = new ArrayList<>();
        for (AvaSample s : samples) {
            if (!s.targets().isEmpty()) {
                requests.add(new ClipRequest(s.video(), spec, new Placement.Centered(s.videoSeconds()),
                        builder.decodeShortSide(), s));
            }
        }
        List<AvaDetectionRow> rows = new ArrayList<>();
        List<Device> devices = Arrays.asList(Engine.getInstance().getDevices());
        int done = 0;
        int skipped;
        int batchIndex = 0;
        // Several GPUs: batches go round-robin to per-device replicas of the detector. Keyframes come sorted by video
        // and time: each video is decoded once, in order (a keyframe-sequence reader), not once per keyframe.
        try (ReplicaParameterStore replicas = new ReplicaParameterStore(manager, detector.referenceParameters(),
                devices); SequentialClipLoader loader = new SequentialClipLoader(requests, workers, opener)) {
            List<LoadedClip> pending = new ArrayList<>();
            while (loader.hasNext()) {
                pending.add(loader.next());
                if (pending.size() == batchSize || !loader.hasNext()) {
                    int k = batchIndex++ % replicas.size();
                    replicas.use(k);
                    try (NDManager dm = NDManager.newBaseManager(replicas.device(k))) {
                        classify(dm, replicas, builder, pending, rows);
                    }
                    done += pending.size();
                    progress.accept(done);
                    pending.clear();
                }
            }
            skipped = loader.skippedCount();
        }
        return new Result(rows, done, skipped, (System.nanoTime() - t0) / 1e9);
    }

    /** Classifies one batch; every array is created in {@code bm}, which the caller closes. */
    private void classify(NDManager bm, ParameterStore ps, AvaBatchBuilder builder, List<LoadedClip> clips,
                          List<AvaDetectionRow> out) {
        AvaBatch b = builder.build(bm, clips, c -> (AvaSample) c.request().tag(), null);
        if (b.boxCount() == 0) {
            return;
        }
        NDArray features = detector.features(ps, b.clips(), false);
        NDArray logits = detector.classify(ps, features, b.boxes(), false);
        float[] p = logits.getNDArrayInternal().sigmoid().toFloatArray();
        int classes = detector.config().numClasses();
        for (int k = 0; k < b.boxCount(); k++) {
            int[] ref = b.refs().get(k);
            AvaSample s = (AvaSample) clips.get(ref[0]).request().tag();
            AvaTarget t = s.targets().get(ref[1]);
            AvaBox box = t.box();
            for (int id : reportedIds) {
                if (id >= 1 && id <= classes) {
                    out.add(new AvaDetectionRow(s.keyframe(), box, id, p[k * classes + id - 1]));
                }
            }
        }
    }
}
