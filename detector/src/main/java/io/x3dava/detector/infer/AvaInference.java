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
import io.x3dava.backbone.video.MissingFrames;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.video.SequentialClipLoader;
import io.x3dava.backbone.x3d.NoGrad;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.detector.data.AvaSample;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.train.AvaBatch;
import io.x3dava.detector.train.AvaBatchBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Detection on keyframes: one backbone pass per keyframe clip (several keyframes per batch), all of its person boxes
 * classified together, per-class sigmoid scores written as official detection rows (one per box and label-map class).
 * The test view is the full frame by default (short side at the test size) or the centre square; with test-time flip
 * the mirrored clip and boxes are classified too and the two sigmoid scores averaged.
 */
public final class AvaInference {

    /**
     * Detections plus how many keyframes could not be read.
     *
     * @param rows the detections (flip-averaged with test-time flip)
     * @param unflippedRows with test-time flip, the same detections from the unflipped view alone; else empty
     * @param missingFrames of the skipped keyframes, those whose clip needs a missing or undecodable frame
     */
    public record Result(List<AvaDetectionRow> rows, int keyframes, int skippedKeyframes, double seconds,
                         List<AvaDetectionRow> unflippedRows, MissingFrames missingFrames) {
    }

    private final AvaDetector detector;
    private final List<Integer> reportedIds;
    private final int batchSize;
    private final int workers;
    private final FrameSources.Opener opener;
    private final TestCrop testCrop;
    private final boolean testFlip;

    /**
     * Full-frame views without flip (PySlowFast's test defaults); see {@link #withTestView}.
     *
     * @param reportedIds label-map action ids to write (AVA v2.1/v2.2 evaluate 60 of the 80 outputs)
     */
    public AvaInference(AvaDetector detector, List<Integer> reportedIds, int batchSize, int workers) {
        this(detector, reportedIds, batchSize, workers, FrameSources::open);
    }

    /** @param opener how a keyframe's video path becomes frames (the data set's frame-folder layout) */
    public AvaInference(AvaDetector detector, List<Integer> reportedIds, int batchSize, int workers,
                        FrameSources.Opener opener) {
        this(detector, reportedIds, batchSize, workers, opener, TestCrop.FULL, false);
    }

    private AvaInference(AvaDetector detector, List<Integer> reportedIds, int batchSize, int workers,
                         FrameSources.Opener opener, TestCrop testCrop, boolean testFlip) {
        this.opener = opener;
        this.detector = detector;
        this.reportedIds = List.copyOf(reportedIds);
        this.batchSize = batchSize;
        this.workers = workers;
        this.testCrop = testCrop;
        this.testFlip = testFlip;
    }

    /** The same inference with another test view: full frame or centre square, and test-time flip averaging. */
    public AvaInference withTestView(TestCrop crop, boolean flip) {
        return new AvaInference(detector, reportedIds, batchSize, workers, opener, crop, flip);
    }

    public Result run(NDManager manager, List<AvaSample> samples, IntConsumer progress) {
        try (Session s = open(manager)) {
            return s.run(samples, progress);
        }
    }

    /**
     * The detector made ready for inference (BN folded, one replica per device), for several {@link Session#run}
     * calls: a cluster executor opens one and runs every task it gets through it.
     */
    public Session open(NDManager manager) {
        return new Session(manager);
    }

    /** Inference replicas of the detector, built once; close it to free them. Not for concurrent use. */
    public final class Session implements AutoCloseable {
        private final ReplicaParameterStore replicas;
        private final NDManager foldedScope;
        private final List<X3DInference> folded = new ArrayList<>();

        private Session(NDManager manager) {
            List<Device> devices = Arrays.asList(Engine.getInstance().getDevices());
            replicas = new ReplicaParameterStore(manager, detector.referenceParameters(), devices);
            foldedScope = manager.newSubManager();
            // the backbone with BN folded, one snapshot per replica (as the frozen TorchScript a user could run)
            for (int k = 0; k < replicas.size(); k++) {
                folded.add(detector.forInference(replicas, replicas.device(k), foldedScope));
            }
        }

        /** Detections on {@code samples} (sorted by video and time); progress gets the keyframes done so far. */
        public Result run(List<AvaSample> samples, IntConsumer progress) {
            NoGrad noGrad = NoGrad.enter(); // a cluster task's thread is not the one that started the engine
            try {
                return runNoGrad(samples, progress);
            } finally {
                noGrad.close();
            }
        }

        private Result runNoGrad(List<AvaSample> samples, IntConsumer progress) {
            long t0 = System.nanoTime();
            var cfg = detector.config();
            ClipSpec spec = new ClipSpec(cfg.backbone().numFrames(), cfg.backbone().samplingRate());
            AvaBatchBuilder builder = AvaBatchBuilder.forTesting(cfg.numClasses(), cfg.testSize(), testCrop, false);
            List<ClipRequest> requests = new ArrayList<>();
            for (AvaSample s : samples) {
                if (!s.targets().isEmpty()) {
                    requests.add(new ClipRequest(s.video(), spec, new Placement.Centered(s.videoSeconds()),
                            builder.decodeShortSide(), s));
                }
            }
            List<AvaDetectionRow> rows = new ArrayList<>();
            List<AvaDetectionRow> unflipped = new ArrayList<>();
            int done = 0;
            int skipped;
            MissingFrames missing;
            int batchIndex = 0;
            // Several GPUs: batches go round-robin to per-device replicas of the detector. Keyframes come sorted by
            // video and time: each video is decoded once, in order (a keyframe-sequence reader), not once per keyframe.
            try (SequentialClipLoader loader = new SequentialClipLoader(requests, workers, opener)) {
                List<LoadedClip> pending = new ArrayList<>();
                while (loader.hasNext()) {
                    pending.add(loader.next());
                    if (pending.size() == batchSize || !loader.hasNext()) {
                        int k = batchIndex++ % replicas.size();
                        replicas.use(k);
                        try (NDManager dm = NDManager.newBaseManager(replicas.device(k))) {
                            classify(dm, replicas, folded.get(k), builder, pending, rows, unflipped);
                        }
                        done += pending.size();
                        progress.accept(done);
                        pending.clear();
                    }
                }
                skipped = loader.skippedCount();
                missing = loader.missingFrameTally().snapshot();
            }
            return new Result(rows, done, skipped, (System.nanoTime() - t0) / 1e9, unflipped, missing);
        }

        @Override
        public void close() {
            try (replicas; foldedScope) {
                folded.clear();
            }
        }
    }

    /**
     * Classifies one batch; every array is created in {@code bm}, which the caller closes. Full frames of different
     * sizes (aspect ratios) go through the network in separate groups, so that nothing is padded or resized.
     */
    private void classify(NDManager bm, ParameterStore ps, X3DInference backbone, AvaBatchBuilder builder,
                          List<LoadedClip> clips, List<AvaDetectionRow> out, List<AvaDetectionRow> unflippedOut) {
        Map<String, List<LoadedClip>> bySize = new LinkedHashMap<>();
        for (LoadedClip c : clips) {
            bySize.computeIfAbsent(c.clip().height() + "x" + c.clip().width(), k -> new ArrayList<>()).add(c);
        }
        for (List<LoadedClip> group : bySize.values()) {
            AvaBatch b = builder.build(bm, group, c -> (AvaSample) c.request().tag(), null);
            if (b.boxCount() == 0) {
                continue;
            }
            float[] p = probabilities(ps, backbone, b);
            if (testFlip) {
                AvaBatch f = builder.withFlip(true).build(bm, group, c -> (AvaSample) c.request().tag(), null);
                if (f.boxCount() != b.boxCount()) {
                    throw new IllegalStateException("the mirrored view kept " + f.boxCount() + " boxes, the plain one "
                            + b.boxCount());
                }
                float[] pf = probabilities(ps, backbone, f);
                appendRows(group, b.refs(), p, unflippedOut);
                // A mirror keeps a box inside or outside the (centred or full) view: the rows pair up one to one.
                for (int i = 0; i < p.length; i++) {
                    p[i] = 0.5f * (p[i] + pf[i]);
                }
            }
            appendRows(group, b.refs(), p, out);
        }
    }

    /** Per-class sigmoid scores of a batch's boxes, (K * classes) row-major. */
    private float[] probabilities(ParameterStore ps, X3DInference backbone, AvaBatch b) {
        NDArray features = backbone.features(b.clips());
        NDArray logits = detector.classify(ps, features, b.boxes(), false);
        return logits.getNDArrayInternal().sigmoid().toFloatArray();
    }

    private void appendRows(List<LoadedClip> clips, List<int[]> refs, float[] p, List<AvaDetectionRow> out) {
        int classes = detector.config().numClasses();
        for (int k = 0; k < refs.size(); k++) {
            int[] ref = refs.get(k);
            AvaSample s = (AvaSample) clips.get(ref[0]).request().tag();
            rows(s.keyframe(), s.targets().get(ref[1]).box(), p, k * classes, classes, reportedIds, out);
        }
    }

    /**
     * The official rows of one box: for each reported action id (1-based, as in the label map), the score of output
     * {@code id - 1}. {@code p[offset + c]} is the probability of class index c.
     */
    static void rows(io.x3dava.annotations.ava.Keyframe keyframe, AvaBox box, float[] p, int offset, int classes,
                     List<Integer> reportedIds, List<AvaDetectionRow> out) {
        for (int id : reportedIds) {
            if (id >= 1 && id <= classes) {
                out.add(new AvaDetectionRow(keyframe, box, id, p[offset + id - 1]));
            }
        }
    }
}
