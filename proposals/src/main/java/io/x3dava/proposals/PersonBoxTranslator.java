package io.x3dava.proposals;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.TranslatorContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyframe image in, person boxes out, for detectors that follow the torchvision detection convention.
 *
 * <p>Input: the RGB image, optionally resized to a fixed {@code width x height} (torchvision's R-CNNs resize
 * internally, so they are best fed the native frame), scaled to 0..1 and laid out CHW float32. With
 * {@code listInput} the array is named {@code images[]}, which DJL's PyTorch engine passes to TorchScript as a
 * {@code List[Tensor]}: the signature of a scripted torchvision detector's {@code forward}.
 *
 * <p>Output: boxes (N x 4, x1 y1 x2 y2 in pixels of the model input), scores (N) and labels (N). A scripted
 * torchvision detector returns {@code (losses, [{"boxes", "labels", "scores"}])}, which DJL flattens to arrays named
 * by their dict keys, so arrays are taken by name when all three names are present and otherwise by position
 * (boxes, scores, labels). Kept: label == {@code personClass} (COCO person = 1 in torchvision) and
 * score >= {@code minScore}; boxes are divided by the input size and clipped to [0,1].
 */
public final class PersonBoxTranslator implements NoBatchifyTranslator<Image, DetectedObjects> {
    public static final String PERSON = "person";

    private final int width;
    private final int height;
    private final long personClass;
    private final double minScore;
    private final boolean listInput;

    /**
     * @param width       model input width, or <= 0 to keep the image size (then also {@code height})
     * @param height      model input height, or <= 0 to keep the image size
     * @param personClass the label id of "person" in the model's classes
     * @param minScore    boxes scoring below are dropped
     * @param listInput   pass the image as a one-element tensor list (torchvision TorchScript) rather than a tensor
     */
    public PersonBoxTranslator(int width, int height, long personClass, double minScore, boolean listInput) {
        if ((width <= 0) != (height <= 0)) {
            throw new IllegalArgumentException("give both input width and height, or neither; got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.personClass = personClass;
        this.minScore = minScore;
        this.listInput = listInput;
    }

    /** Native size, torchvision convention (list input, person = 1). */
    public static PersonBoxTranslator torchvision(double minScore) {
        return new PersonBoxTranslator(0, 0, 1, minScore, true);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        NDArray hwc = input.toNDArray(ctx.getNDManager(), Image.Flag.COLOR).toType(DataType.FLOAT32, false);
        int w = input.getWidth();
        int h = input.getHeight();
        if (width > 0 && (width != w || height != h)) {
            hwc = NDImageUtils.resize(hwc, width, height, Image.Interpolation.BILINEAR);
            w = width;
            h = height;
        }
        ctx.setAttachment("inputWidth", w);
        ctx.setAttachment("inputHeight", h);
        NDArray chw = hwc.transpose(2, 0, 1).div(255f);
        chw.setName(listInput ? "images[]" : "images");
        return new NDList(chw);
    }

    @Override
    public DetectedObjects processOutput(TranslatorContext ctx, NDList out) throws TranslateException {
        double w = (Integer) ctx.getAttachment("inputWidth"); // double: normalize without float rounding
        double h = (Integer) ctx.getAttachment("inputHeight");
        NDArray[] bsl = boxesScoresLabels(out);
        NDArray boxes = bsl[0];
        if (boxes.getShape().dimension() != 2 || boxes.getShape().get(1) != 4) {
            throw new TranslateException("detector boxes have shape " + boxes.getShape() + ", expected (N, 4)");
        }
        int n = (int) boxes.getShape().get(0);
        if (bsl[1].size() != n || bsl[2].size() != n) {
            throw new TranslateException("detector returned " + n + " boxes but " + bsl[1].size() + " scores and "
                    + bsl[2].size() + " labels");
        }
        float[] b = boxes.toType(DataType.FLOAT32, false).toFloatArray();
        float[] scores = bsl[1].toType(DataType.FLOAT32, false).toFloatArray();
        long[] labels = bsl[2].toType(DataType.INT64, false).toLongArray();
        List<String> names = new ArrayList<>();
        List<Double> probs = new ArrayList<>();
        List<BoundingBox> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (labels[i] != personClass || !(scores[i] >= minScore)) {
                continue;
            }
            double x1 = clip(b[4 * i] / w);
            double y1 = clip(b[4 * i + 1] / h);
            double x2 = clip(b[4 * i + 2] / w);
            double y2 = clip(b[4 * i + 3] / h);
            if (!(x2 > x1 && y2 > y1)) {
                continue; // empty after clipping: not a usable person box
            }
            names.add(PERSON);
            probs.add((double) scores[i]);
            kept.add(new Rectangle(x1, y1, x2 - x1, y2 - y1));
        }
        return new DetectedObjects(names, probs, kept);
    }

    private static NDArray[] boxesScoresLabels(NDList out) throws TranslateException {
        NDArray boxes = out.get("boxes");
        NDArray scores = out.get("scores");
        NDArray labels = out.get("labels");
        if (boxes != null && scores != null && labels != null) {
            return new NDArray[] {boxes, scores, labels};
        }
        if (out.size() < 3) {
            throw new TranslateException("detector returned " + out.size() + " arrays; expected boxes, scores and"
                    + " labels (named, or in that order)");
        }
        return new NDArray[] {out.get(0), out.get(1), out.get(2)};
    }

    private static double clip(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }
}
