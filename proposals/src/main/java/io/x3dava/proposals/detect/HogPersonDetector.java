package io.x3dava.proposals.detect;

import io.x3dava.annotations.ava.AvaBox;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.HOGDescriptor;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in person detector: OpenCV's HOG + linear SVM pedestrian model (Dalal and Triggs, CVPR 2005;
 * {@code HOGDescriptor.getDefaultPeopleDetector()}, a 64x128 window), nothing to download. Weak next to a CNN
 * detector (it misses people smaller than ~100 px tall, seated or partly hidden ones) but real, and enough to run
 * detect-video on a fresh machine.
 *
 * <p>Settings are those of OpenCV's peopledetect sample: window stride 8, pyramid scale 1.05, OpenCV's rectangle
 * grouping (a box needs 2 neighbours), then greedy NMS at IoU 0.5 to drop boxes nested in bigger ones, and the
 * sample's tightening of each window to the person inside it (10% off the sides, 7% off the top, 80% kept in
 * height). Score = logistic of the SVM margin, {@code 1 / (1 + exp(-margin))}: 0.5 at the SVM's decision boundary,
 * 0.73 at margin 1, 0.88 at margin 2; boxes under {@code minScore} are dropped. Frames wider than {@code maxWidth}
 * are shrunk first (cost grows with the pixel count; people must stay >= 128 px tall to be found).
 */
public final class HogPersonDetector implements FramePersonDetector {
    /** Pyramid step of OpenCV's peopledetect sample. */
    public static final double PYRAMID_SCALE = 1.05;
    public static final double NMS_IOU = 0.5;

    private final HOGDescriptor hog;
    private final Mat svm;
    private final double minScore;
    private final int maxWidth;

    private HogPersonDetector(double minScore, int maxWidth) {
        this.minScore = minScore;
        this.maxWidth = maxWidth;
        hog = new HOGDescriptor();
        FloatPointer coefficients = HOGDescriptor.getDefaultPeopleDetector();
        svm = new Mat(coefficients);
        hog.setSVMDetector(svm);
    }

    /** Score floor 0.5 (the SVM's own boundary), frames up to 800 px wide at full size. */
    public static HogPersonDetector create() {
        return create(0.5, 800);
    }

    public static HogPersonDetector create(double minScore, int maxWidth) {
        if (maxWidth < 64) {
            throw new IllegalArgumentException("HOG max width must be >= 64 (the detection window), got " + maxWidth);
        }
        return new HogPersonDetector(minScore, maxWidth);
    }

    @Override
    public String description() {
        return "HOG people detector (OpenCV, Dalal-Triggs), frames <= " + maxWidth + " px wide, score >= " + minScore;
    }

    @Override
    public List<PersonHit> detect(BufferedImage frame) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        try (Mat bgr = toMat(frame); Mat small = new Mat(); RectVector found = new RectVector();
             DoublePointer weights = new DoublePointer()) {
            Mat input = bgr;
            double f = 1.0;
            if (w > maxWidth) {
                f = (double) maxWidth / w;
                opencv_imgproc.resize(bgr, small, new Size(maxWidth, (int) Math.round(h * f)), 0, 0,
                        opencv_imgproc.INTER_AREA);
                input = small;
            }
            // a frame smaller than the detection window (64x128) holds no detectable person, and OpenCV's
            // detectMultiScale aborts the JVM on it (SIGSEGV in libopencv_objdetect) instead of returning nothing
            try (Size win = hog.winSize()) {
                if (input.cols() < win.width() || input.rows() < win.height()) {
                    return List.of();
                }
            }
            hog.detectMultiScale(input, found, weights, 0.0, new Size(8, 8), new Size(0, 0), PYRAMID_SCALE, 2.0,
                    false);
            List<PersonHit> hits = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                double score = 1.0 / (1.0 + Math.exp(-weights.get(i)));
                if (score < minScore) {
                    continue;
                }
                double x1 = (r.x() + 0.1 * r.width()) / f;
                double y1 = (r.y() + 0.07 * r.height()) / f;
                double x2 = x1 + 0.8 * r.width() / f;
                double y2 = y1 + 0.8 * r.height() / f;
                AvaBox b = new AvaBox(clip(x1 / w), clip(y1 / h), clip(x2 / w), clip(y2 / h));
                if (b.hasPositiveArea()) {
                    hits.add(new PersonHit(b, score));
                }
            }
            return NonMaxSuppression.apply(hits, NMS_IOU);
        }
    }

    /** The frame as an 8-bit BGR Mat (one bulk copy; other image types are redrawn as 3-byte BGR first). */
    static Mat toMat(BufferedImage frame) {
        BufferedImage bgr = frame;
        if (frame.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            bgr = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            var g = bgr.createGraphics();
            g.drawImage(frame, 0, 0, null);
            g.dispose();
        }
        byte[] data = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        Mat m = new Mat(bgr.getHeight(), bgr.getWidth(), opencv_core.CV_8UC3);
        m.data().put(data, 0, Math.min(data.length, bgr.getHeight() * bgr.getWidth() * 3));
        return m;
    }

    private static double clip(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    @Override
    public void close() {
        hog.close();
        svm.close();
    }
}
