package io.x3dava.proposals.track;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.x3dava.proposals.detect.HogPersonDetector;
import io.x3dava.proposals.detect.VtestFrames;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

/** HOG + IoU tracker on the real pedestrian video: walkers keep one id over seconds. */
class VtestTrackingTest {

    @Test
    void walkersKeepTheirIdsOnRealFootage() throws Exception {
        List<BufferedImage> frames = VtestFrames.read(12, 2); // 5 Hz for 2.4 s
        IouTracker tracker = IouTracker.create();
        try (HogPersonDetector hog = HogPersonDetector.create()) {
            for (int i = 0; i < frames.size(); i++) {
                tracker.update(i * 0.2, hog.detect(frames.get(i)));
            }
        }
        List<IouTracker.Track> tracks = tracker.tracks();
        StringBuilder lengths = new StringBuilder();
        int longest = 0;
        int steady = 0;
        for (IouTracker.Track t : tracks) {
            lengths.append(t.id()).append(':').append(t.boxes().size()).append(' ');
            longest = Math.max(longest, t.boxes().size());
            steady += t.boxes().size() >= 5 ? 1 : 0;
            for (int i = 1; i < t.boxes().size(); i++) {
                assertTrue(t.boxes().get(i).seconds() > t.boxes().get(i - 1).seconds(), "one box per time per track");
            }
        }
        System.out.println("vtest tracks (id:boxes of 12 frames): " + lengths);
        // the man walking in the centre is found in nearly every frame; the walkers on the right for over a second
        assertTrue(longest >= 10, "a walker tracked over most of 2.4 s: " + lengths);
        assertTrue(steady >= 2, "at least two people tracked for >= 5 frames: " + lengths);
    }
}
