package io.x3dava.detector.predict;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.Placement;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.model.DetectorConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link PeopleInClip} to {@link PersonActionScores}: decodes the detector's clip around the moment (its frames and
 * sampling rate, short side at its test size), passes the boxes, names the classes with the checkpoint's label map
 * (class i is action id i + 1).
 */
public final class AvaDetectorTranslator implements NoBatchifyTranslator<PeopleInClip, PersonActionScores> {

    private final DetectorCheckpoint checkpoint;
    private final List<String> classes;

    public AvaDetectorTranslator(DetectorCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
        List<String> names = new ArrayList<>();
        for (int k = 0; k < checkpoint.config().numClasses(); k++) {
            names.add(checkpoint.className(k));
        }
        classes = List.copyOf(names);
    }

    @Override
    public void prepare(TranslatorContext ctx) throws Exception {
        ((AvaDetectorBlock) ctx.getModel().getBlock()).load(ctx.getModel().getNDManager());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, PeopleInClip input) throws Exception {
        DetectorConfig c = checkpoint.config();
        ClipRequest request = new ClipRequest(input.video(), new ClipSpec(c.backbone().numFrames(),
                c.backbone().samplingRate()), new Placement.Centered(input.seconds()), c.testSize());
        DecodedClip clip = ClipLoader.load(0, request, FrameSources::open).clip();
        NDManager m = ctx.getNDManager();
        float[] boxes = new float[input.boxes().size() * 4];
        for (int i = 0; i < input.boxes().size(); i++) {
            AvaBox b = input.boxes().get(i);
            boxes[4 * i] = (float) b.x1();
            boxes[4 * i + 1] = (float) b.y1();
            boxes[4 * i + 2] = (float) b.x2();
            boxes[4 * i + 3] = (float) b.y2();
        }
        return new NDList(clip.toNDArray(m), m.create(boxes, new Shape(input.boxes().size(), 4)));
    }

    @Override
    public PersonActionScores processOutput(TranslatorContext ctx, NDList list) {
        float[] p = list.singletonOrThrow().toFloatArray();
        List<Classifications> out = new ArrayList<>();
        for (int i = 0; i < p.length / classes.size(); i++) {
            List<Double> probs = new ArrayList<>(classes.size());
            for (int k = 0; k < classes.size(); k++) {
                probs.add((double) p[i * classes.size() + k]);
            }
            out.add(new Classifications(classes, probs));
        }
        return new PersonActionScores(out);
    }
}
