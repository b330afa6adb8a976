package io.x3dava.detector.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.backbone.train.PretrainedWeights;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.ClipTransforms;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.SpatialParams;
import io.x3dava.backbone.video.TemporalSampler;
import io.x3dava.backbone.x3d.NoGrad;
import io.x3dava.backbone.x3d.X3DInference;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.model.DetectorConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained AVA detector checkpoint ({@code epoch_NNNN/} with config.json and model.safetensors, as train-ava and
 * the demo write them) applied to one clip and its person boxes: detect-ava's test transform (short side to the
 * config's test size, square crop, X3D's mean / std) and per-class sigmoid scores.
 */
public final class ActionModel implements AutoCloseable {
    private final NDManager manager;
    private final AvaDetector detector;
    private final X3DInference backbone;
    private final ClipSpec spec;
    private final DetectorCheckpoint checkpoint;

    private ActionModel(NDManager manager, AvaDetector detector, DetectorCheckpoint checkpoint) {
        this.manager = manager;
        this.checkpoint = checkpoint;
        this.detector = detector;
        // the weights never change here: fold BN into the backbone once (freed with the manager)
        this.backbone = detector.forInference(new ParameterStore(manager, false), manager.getDevice(), manager);
        DetectorConfig cfg = detector.config();
        this.spec = new ClipSpec(cfg.backbone().numFrames(), cfg.backbone().samplingRate());
    }

    /** Reads {@code checkpoint/config.json} (the network), its label map and the weights beside them. */
    public static ActionModel load(Path checkpoint) throws IOException {
        DetectorCheckpoint ckpt = DetectorCheckpoint.read(checkpoint);
        NDManager m = NDManager.newBaseManager();
        try {
            AvaDetector d = AvaDetector.create(ckpt.config(), m, 0);
            PretrainedWeights.load(checkpoint, d.referenceParameters(), sd -> List.of(), "the detector in "
                    + checkpoint.resolve("config.json"), null);
            return new ActionModel(m, d, ckpt);
        } catch (IOException | RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The checkpoint read: its folder, detector config and label map (null labels for an older checkpoint). */
    public DetectorCheckpoint checkpoint() {
        return checkpoint;
    }

    public DetectorConfig config() {
        return detector.config();
    }

    /** Frames are kept at the test size (short side), as detect-ava decodes them. */
    public int decodeShortSide() {
        return detector.config().testSize();
    }

    /** Frame indices of the clip centred at {@code seconds} (PySlowFast's AVA sampling, see TemporalSampler). */
    public long[] clipIndices(double fps, double seconds) {
        return TemporalSampler.centered(Long.MAX_VALUE, fps, spec, seconds);
    }

    /** How many frames after the centre the clip reaches at this frame rate. */
    public long framesAfterCentre(double fps) {
        long[] idx = clipIndices(fps, 1000.0);
        return idx[idx.length - 1] - Math.round(1000.0 * fps);
    }

    /**
     * Per-class probabilities (sigmoid) for each box, in box order. The detector sees square clips (the test
     * transform: short side to the test size, then a square crop); a wide frame is covered by PySlowFast's three
     * test crops (left / top, centre, right / bottom), and each box is scored in the crop that holds most of it, so
     * people at the edges of a wide video get actions too. The backbone runs once per crop actually needed.
     *
     * @param clip frames at the decode size
     */
    public float[][] classify(DecodedClip clip, List<AvaBox> boxes) {
        float[][] out = new float[boxes.size()][];
        if (boxes.isEmpty()) {
            return out;
        }
        int size = detector.config().testSize();
        int[] cropOf = new int[boxes.size()];
        SpatialParams[] crops = new SpatialParams[3];
        for (int c = 0; c < 3; c++) {
            crops[c] = ClipTransforms.testParams(clip.height(), clip.width(), size, size, c);
        }
        for (int i = 0; i < boxes.size(); i++) {
            AvaBox b = boxes.get(i);
            double best = -1;
            for (int c : new int[] {ClipTransforms.CENTER, ClipTransforms.LEFT, ClipTransforms.RIGHT}) {
                SpatialParams.PixelBox p = crops[c].transformBox(b.x1(), b.y1(), b.x2(), b.y2());
                double area = p.isVisible() ? p.width() * p.height() : 0;
                if (area > best + 1e-9) {
                    best = area;
                    cropOf[i] = c;
                }
            }
        }
        int classes = detector.config().numClasses();
        NoGrad noGrad = NoGrad.enter(); // detect-video on a cluster runs on task threads
        try (NDManager bm = manager.newSubManager()) {
            NDArray raw = clip.toNDArray(bm);
            ParameterStore ps = new ParameterStore(bm, false);
            for (int c = 0; c < 3; c++) {
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < boxes.size(); i++) {
                    if (cropOf[i] == c) {
                        members.add(i);
                    }
                }
                if (members.isEmpty()) {
                    continue;
                }
                NDArray view = ClipTransforms.apply(raw, crops[c]).expandDims(0);
                float[] flat = new float[members.size() * 5];
                for (int k = 0; k < members.size(); k++) {
                    AvaBox b = boxes.get(members.get(k));
                    SpatialParams.PixelBox p = crops[c].transformBox(b.x1(), b.y1(), b.x2(), b.y2());
                    flat[5 * k + 1] = (float) p.x1();
                    flat[5 * k + 2] = (float) p.y1();
                    flat[5 * k + 3] = (float) p.x2();
                    flat[5 * k + 4] = (float) p.y2();
                }
                NDArray features = backbone.features(view);
                NDArray logits = detector.classify(ps, features, bm.create(flat, new Shape(members.size(), 5)),
                        false);
                float[] p = logits.getNDArrayInternal().sigmoid().toFloatArray();
                for (int k = 0; k < members.size(); k++) {
                    out[members.get(k)] = new float[classes];
                    System.arraycopy(p, k * classes, out[members.get(k)], 0, classes);
                }
            }
        } finally {
            noGrad.close();
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
