package io.x3dava.proposals.detect;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import ai.djl.modality.cv.translator.YoloV8TranslatorFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.proposals.PersonBoxTranslator;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A CNN person detector run by DJL's PyTorch engine: a COCO model from DJL's PyTorch model zoo, an Ultralytics YOLO
 * TorchScript export, or a scripted torchvision detector. Only the COCO class "person" is kept; boxes overlapping
 * a better one at IoU > 0.5 are removed (torchvision's and Ultralytics' own NMS threshold), so a model exported
 * without NMS gets it here.
 */
public final class DjlPersonDetector implements FramePersonDetector {
    /** Ultralytics' input size for the COCO models (imgsz=640). */
    public static final int YOLO_INPUT = 640;

    private final ZooModel<Image, DetectedObjects> model;
    private final Predictor<Image, DetectedObjects> predictor;
    private final String description;

    private DjlPersonDetector(ZooModel<Image, DetectedObjects> model, String description) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.description = description;
    }

    public static DjlPersonDetector open(DetectorSpec spec, double minScore) throws IOException {
        return switch (spec.kind()) {
            case ZOO -> zoo(spec.name(), minScore);
            case YOLO -> yolo(spec.file(), minScore);
            case TORCHVISION -> torchvision(spec.file(), minScore);
            case HOG -> throw new IllegalArgumentException("HOG is not a DJL model");
        };
    }

    /** {@code djl://ai.djl.pytorch/NAME}: fetched by DJL on first use, then read from its cache (~/.djl.ai). */
    static DjlPersonDetector zoo(String name, double minScore) throws IOException {
        try {
            // the zoo artifact names its own translator (YOLOv5 and v8 lay out their outputs differently)
            Criteria<Image, DetectedObjects> c = Criteria.builder()
                    .setTypes(Image.class, DetectedObjects.class)
                    .optEngine("PyTorch")
                    .optModelUrls("djl://ai.djl.pytorch/" + name)
                    .optArgument("threshold", minScore)
                    .build();
            return new DjlPersonDetector(c.loadModel(), "DJL zoo ai.djl.pytorch/" + name);
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            boolean offline = Boolean.getBoolean("ai.djl.offline");
            throw new IOException("zoo:" + name + ": cannot load DJL's PyTorch zoo model ai.djl.pytorch/" + name + " ("
                    + firstLine(e) + ")" + (offline
                    ? "; ai.djl.offline=true and no cached copy: run once with --download where the network allows"
                    + " (DJL caches it in ~/.djl.ai) or use --detector hog"
                    : "; check the name (e.g. yolov8n, yolov5s, yolo11n) and network access, or use --detector hog"),
                    e);
        }
    }

    /**
     * An Ultralytics export of a v8 / 11 model ({@code yolo export model=yolov8n.pt format=torchscript}): 640x640
     * input, output (84, 8400) read by DJL's YoloV8Translator.
     */
    static DjlPersonDetector yolo(Path file, double minScore) throws IOException {
        requireFile(file, "an Ultralytics YOLO .torchscript file");
        Criteria<Image, DetectedObjects> c = yoloCriteria(minScore)
                .optModelPath(file.toAbsolutePath().getParent())
                .optModelName(file.getFileName().toString())
                .optArgument("synset", cocoSynset())
                .build();
        return load(c, file, "Ultralytics YOLO " + file.getFileName());
    }

    static DjlPersonDetector torchvision(Path file, double minScore) throws IOException {
        requireFile(file, "a scripted torchvision detection model (.pt)");
        Criteria<Image, DetectedObjects> c = Criteria.builder()
                .setTypes(Image.class, DetectedObjects.class)
                .optModelPath(file.toAbsolutePath())
                .optEngine("PyTorch")
                .optTranslator(PersonBoxTranslator.torchvision(minScore))
                .build();
        return load(c, file, "torchvision " + file.getFileName());
    }

    private static Criteria.Builder<Image, DetectedObjects> yoloCriteria(double minScore) {
        return Criteria.builder()
                .setTypes(Image.class, DetectedObjects.class)
                .optEngine("PyTorch")
                .optTranslatorFactory(new YoloV8TranslatorFactory())
                .optArgument("width", YOLO_INPUT)
                .optArgument("height", YOLO_INPUT)
                .optArgument("resize", true)
                .optArgument("rescale", true)
                .optArgument("optApplyRatio", true)
                .optArgument("threshold", minScore);
    }

    private static DjlPersonDetector load(Criteria<Image, DetectedObjects> c, Path file, String description)
            throws IOException {
        try {
            return new DjlPersonDetector(c.loadModel(), description);
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            String op = TorchvisionOps.missingOperator(e);
            if (op != null) {
                throw new IOException(TorchvisionOps.missingOperatorMessage(file, op), e);
            }
            throw new IOException(file + ": cannot load the detection model (" + firstLine(e) + ")", e);
        }
    }

    @Override
    public List<PersonHit> detect(BufferedImage frame) throws IOException {
        DetectedObjects found;
        try {
            found = predictor.predict(ImageFactory.getInstance().fromImage(frame));
        } catch (TranslateException | RuntimeException e) {
            String op = TorchvisionOps.missingOperator(e);
            if (op != null) {
                throw new IOException(TorchvisionOps.missingOperatorMessage(Path.of(description), op), e);
            }
            throw new IOException(description + ": detection failed (" + firstLine(e) + ")", e);
        }
        List<PersonHit> hits = new ArrayList<>();
        for (int i = 0; i < found.getNumberOfObjects(); i++) {
            DetectedObjects.DetectedObject o = found.item(i);
            if (!PersonBoxTranslator.PERSON.equals(o.getClassName().trim().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Rectangle r = o.getBoundingBox().getBounds();
            AvaBox b = new AvaBox(clip(r.getX()), clip(r.getY()), clip(r.getX() + r.getWidth()),
                    clip(r.getY() + r.getHeight()));
            if (b.hasPositiveArea()) {
                hits.add(new PersonHit(b, o.getProbability()));
            }
        }
        return NonMaxSuppression.apply(hits, 0.5);
    }

    /** COCO's 80 class names in Ultralytics order; only "person" (0) is used, the rest keep the indices right. */
    static String cocoSynset() {
        StringBuilder sb = new StringBuilder("person");
        for (int i = 1; i < 80; i++) {
            sb.append(",coco_").append(i);
        }
        return sb.toString();
    }

    private static void requireFile(Path file, String expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": detection model not found (expected " + expected + ")");
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static double clip(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
