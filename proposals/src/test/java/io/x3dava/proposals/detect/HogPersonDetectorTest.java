package io.x3dava.proposals.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

class HogPersonDetectorTest {

    @Test
    void findsPedestriansInMostFramesOfTheRealVideo() throws Exception {
        List<BufferedImage> frames = VtestFrames.read(10, 20); // one frame every 2 s, first 20 s
        List<Integer> counts = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        try (HogPersonDetector hog = HogPersonDetector.create()) {
            for (BufferedImage f : frames) {
                List<PersonHit> hits = hog.detect(f);
                counts.add(hits.size());
                for (PersonHit h : hits) {
                    assertTrue(h.score() >= 0.5 && h.score() <= 1.0, "score in [0.5, 1]: " + h);
                    assertTrue(h.box().hasPositiveArea());
                    double height = (h.box().y2() - h.box().y1()) * f.getHeight();
                    // vtest's pedestrians are 70-200 px tall in a 576 px frame; nothing spans the whole frame
                    assertTrue(height > 40 && height < 400, "person height " + height + " px");
                }
            }
        }
        double fps = frames.size() / ((System.nanoTime() - t0) / 1e9);
        double cpuPerFrame = (os.getProcessCpuTime() - cpu0) / 1e9 / frames.size();
        long withPeople = counts.stream().filter(c -> c >= 1).count();
        System.out.printf(Locale.ROOT, "HOG on vtest (768x576): people per frame %s, %.2f frames/s (wall),"
                + " %.2f CPU-s per frame (process, all threads; %.1f load average)%n", counts, fps, cpuPerFrame,
                os.getSystemLoadAverage());
        assertTrue(withPeople >= 0.8 * frames.size(), "people found in most frames: " + counts);
        assertTrue(counts.stream().allMatch(c -> c <= 15), "no box flood: " + counts);
    }

    @Test
    void findsNothingOnAnEmptyFrame() {
        BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = blank.createGraphics();
        g.setColor(new Color(120, 130, 140));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        try (HogPersonDetector hog = HogPersonDetector.create()) {
            assertTrue(hog.detect(blank).isEmpty());
        }
    }

    /** Frames smaller than the 64x128 window (thumbnails, generated data) aborted the JVM inside OpenCV. */
    @Test
    void framesSmallerThanTheWindowGiveNoPersonInsteadOfACrash() throws Exception {
        try (HogPersonDetector d = HogPersonDetector.create(0.0, 800)) {
            for (int[] wh : new int[][] {{64, 64}, {32, 200}, {200, 100}}) {
                BufferedImage small = new BufferedImage(wh[0], wh[1], BufferedImage.TYPE_3BYTE_BGR);
                assertTrue(d.detect(small).isEmpty(), wh[0] + "x" + wh[1]);
            }
        }
    }

    @Test
    void nmsKeepsTheBestOfOverlappingBoxes() {
        var a = new PersonHit(new io.x3dava.annotations.ava.AvaBox(0.1, 0.1, 0.3, 0.5), 0.9);
        var b = new PersonHit(new io.x3dava.annotations.ava.AvaBox(0.11, 0.1, 0.31, 0.52), 0.7);
        var c = new PersonHit(new io.x3dava.annotations.ava.AvaBox(0.6, 0.1, 0.8, 0.5), 0.6);
        assertTrue(NonMaxSuppression.apply(List.of(b, c, a), 0.5).equals(List.of(a, c)));
    }
}
