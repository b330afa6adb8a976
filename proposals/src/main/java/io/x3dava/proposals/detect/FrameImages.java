package io.x3dava.proposals.detect;

import io.x3dava.backbone.video.DecodedClip;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Decoded frames as the images {@link FramePersonDetector}s take (3-byte BGR; the channel swap is OpenCV's). */
public final class FrameImages {
    private FrameImages() {
    }

    public static BufferedImage bgr(DecodedClip clip, int t) {
        int h = clip.height();
        int w = clip.width();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        try (Mat rgb = new Mat(h, w, opencv_core.CV_8UC3); Mat bgr = new Mat()) {
            rgb.data().put(clip.rgb(), clip.offset(t, 0, 0), h * w * 3);
            opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
            bgr.data().get(dst);
        }
        return out;
    }
}
