package io.x3dava.proposals;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.video.DecodedClip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Person boxes on keyframe images from a local detection model run by DJL's PyTorch engine (nothing is downloaded).
 *
 * <p>A real detector is a TorchScript file, e.g. torchvision's Faster R-CNN exported once in Python:
 * <pre>
 *   m = torchvision.models.detection.fasterrcnn_resnet50_fpn_v2(weights="DEFAULT").eval()
 *   torch.jit.script(m).save("frcnn.pt")
 * </pre>
 * and then {@code PersonDetector.load(Path.of("frcnn.pt"), PersonBoxTranslator.torchvision(0.0))}. The scripted model
 * takes {@code List[Tensor]} (CHW float 0..1, any size; it resizes internally) and returns boxes in input pixels
 * with scores and COCO labels (person = 1), which {@link PersonBoxTranslator} turns into normalized person boxes.
 * A model built in Java (a DJL {@link Block} with a {@code .params} file) is loaded with
 * {@link #load(Path, String, Block, PersonBoxTranslator)}.
 */
public final class PersonDetector implements AutoCloseable {
    private final ZooModel<Image, DetectedObjects> model;
    private final Predictor<Image, DetectedObjects> predictor;

    private PersonDetector(ZooModel<Image, DetectedObjects> model) {
        this.model = model;
        this.predictor = model.newPredictor();
    }

    /** A TorchScript model file (.pt). */
    public static PersonDetector load(Path modelFile, PersonBoxTranslator translator) throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new IOException(modelFile + ": detection model file not found (expected a TorchScript .pt file)");
        }
        return load(criteria(modelFile, translator).optModelName(stripExtension(modelFile.getFileName().toString()))
                .build(), modelFile);
    }

    /** A DJL block whose parameters are stored as {@code <modelDir>/<name>-NNNN.params} (Model.save). */
    public static PersonDetector load(Path modelDir, String name, Block block, PersonBoxTranslator translator)
            throws IOException {
        return load(criteria(modelDir, translator).optModelName(name).optBlock(block).build(), modelDir);
    }

    private static Criteria.Builder<Image, DetectedObjects> criteria(Path path, PersonBoxTranslator translator) {
        return Criteria.builder()
                .setTypes(Image.class, DetectedObjects.class)
                .optModelPath(path)
                .optEngine("PyTorch")
                .optTranslator(translator);
    }

    private static PersonDetector load(Criteria<Image, DetectedObjects> criteria, Path path) throws IOException {
        try {
            return new PersonDetector(criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException(path + ": cannot load the detection model: " + e.getMessage(), e);
        } catch (ai.djl.engine.EngineException e) {
            // libtorch's archive reader: the file is not a TorchScript zip (empty, truncated, another format)
            if (String.valueOf(e.getMessage()).contains("PytorchStreamReader")) {
                throw new IOException(path + ": not a TorchScript file (expected a .pt written by torch.jit.save): "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
            throw e;
        }
    }

    /** Person boxes of one RGB image (normalized, scores as the translator kept them). */
    public List<PersonBox> detect(Keyframe keyframe, Image image) throws IOException {
        DetectedObjects found;
        try {
            found = predictor.predict(image);
        } catch (TranslateException e) {
            throw new IOException(keyframe.imageKey() + ": detector failed: " + e.getMessage(), e);
        }
        List<PersonBox> out = new ArrayList<>(found.getNumberOfObjects());
        for (int i = 0; i < found.getNumberOfObjects(); i++) {
            DetectedObjects.DetectedObject o = found.item(i);
            BoundingBox b = o.getBoundingBox();
            Rectangle r = b.getBounds();
            out.add(new PersonBox(keyframe, new AvaBox(r.getX(), r.getY(), r.getX() + r.getWidth(),
                    r.getY() + r.getHeight()), o.getProbability()));
        }
        return out;
    }

    /** Frame {@code t} of a decoded clip as an image. */
    public static Image toImage(DecodedClip clip, int t) {
        int[] argb = new int[clip.height() * clip.width()];
        byte[] rgb = clip.rgb();
        int base = clip.offset(t, 0, 0);
        for (int i = 0; i < argb.length; i++) {
            int o = base + 3 * i;
            argb[i] = 0xff000000 | (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
        }
        return ImageFactory.getInstance().fromPixels(argb, clip.width(), clip.height());
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
