package io.x3dava.backbone.predict;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import io.x3dava.backbone.classify.TrainedModel;
import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.ClipTransforms;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.X3DConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link VideoClip} to {@link Classifications} for an X3D classifier: decodes the clip (the network's frames and
 * sampling rate, short side at its test size), takes PySlowFast's centre test crop, normalises with X3D's mean and std,
 * and names the classes with the checkpoint's own class list.
 */
public final class X3DClassifierTranslator implements NoBatchifyTranslator<VideoClip, Classifications> {

    private final TrainedModel checkpoint;
    private final List<String> classes;

    public X3DClassifierTranslator(TrainedModel checkpoint) {
        this.checkpoint = checkpoint;
        List<String> names = new ArrayList<>(checkpoint.classes());
        for (int i = names.size(); i < checkpoint.model().numClasses(); i++) {
            names.add("class " + i);
        }
        classes = List.copyOf(names);
    }

    @Override
    public void prepare(TranslatorContext ctx) throws Exception {
        ((X3DClassifierBlock) ctx.getModel().getBlock()).load(ctx.getModel().getNDManager());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, VideoClip input) throws Exception {
        X3DConfig c = checkpoint.model();
        ClipRequest request = new ClipRequest(input.video(), new ClipSpec(c.numFrames(), c.samplingRate()),
                new Placement.Centered(input.seconds()), c.testCrop());
        NDArray raw = ClipLoader.load(0, request, FrameSources::open).clip().toNDArray(ctx.getNDManager());
        try (ClipTransforms.Result r = ClipTransforms.test(raw, c.testCrop(), c.testCrop(), ClipTransforms.CENTER)) {
            NDArray x = r.clip().expandDims(0);
            raw.close();
            return new NDList(x);
        }
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        float[] p = list.singletonOrThrow().toFloatArray();
        List<Double> probs = new ArrayList<>(p.length);
        for (float v : p) {
            probs.add((double) v);
        }
        return new Classifications(classes, probs);
    }
}
