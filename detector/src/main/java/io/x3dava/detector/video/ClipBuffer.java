package io.x3dava.detector.video;

import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.video.FrameSource;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent frames of a stream, shrunk to the detector's decode size (RGB, short side as
 * {@link FrameSource#scaledSize}: the same geometry as the file decoder), from which the clip around a prediction time
 * is cut once its last frame has arrived. Holds at most {@code capacity} frames; resizing and the BGR to RGB swap are
 * done by OpenCV.
 */
final class ClipBuffer {
    private final int shortSide;
    private final int capacity;
    private final TreeMap<Long, byte[]> frames = new TreeMap<>();
    private int height;
    private int width;

    ClipBuffer(int shortSide, int capacity) {
        this.shortSide = shortSide;
        this.capacity = capacity;
    }

    void add(StreamFrame f) {
        BufferedImage img = f.image();
        int[] hw = FrameSource.scaledSize(img.getHeight(), img.getWidth(), shortSide);
        height = hw[0];
        width = hw[1];
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[height * width * 3];
        try (Mat bgr = new Mat(img.getHeight(), img.getWidth(), opencv_core.CV_8UC3); Mat small = new Mat();
             Mat out = new Mat()) {
            bgr.data().put(data, 0, img.getHeight() * img.getWidth() * 3);
            opencv_imgproc.resize(bgr, small, new Size(width, height), 0, 0, opencv_imgproc.INTER_AREA);
            opencv_imgproc.cvtColor(small, out, opencv_imgproc.COLOR_BGR2RGB);
            out.data().get(rgb);
        }
        frames.put(f.index(), rgb);
        while (frames.size() > capacity) {
            frames.pollFirstEntry();
        }
    }

    /**
     * The clip at these frame indices; an index not held (before the first frame, past the last, or dropped by the
     * stream) takes the nearest earlier frame, or the first one held, as the file decoder clamps.
     */
    DecodedClip clip(long[] indices) {
        byte[] out = new byte[indices.length * height * width * 3];
        int size = height * width * 3;
        for (int i = 0; i < indices.length; i++) {
            Map.Entry<Long, byte[]> e = frames.floorEntry(indices[i]);
            if (e == null) {
                e = frames.firstEntry();
            }
            System.arraycopy(e.getValue(), 0, out, i * size, size);
        }
        return new DecodedClip(out, indices.length, height, width);
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }
}
