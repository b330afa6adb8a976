package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.x3dava.backbone.synthetic.Actor;
import io.x3dava.backbone.synthetic.SyntheticVideos;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.Placement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each epoch visits the training samples in its own seeded order (PySlowFast's shuffled loader). */
class ClipBatchSourceTest {
    @TempDir
    static Path dir;
    static Path video;

    @BeforeAll
    static void writeVideo() throws Exception {
        video = dir.resolve("v.mp4");
        SyntheticVideos.writeVideo(video, List.of(Actor.of(0, 0.5, 0.5, 0.3)), 32, 32, 12, 30, 1);
    }

    private static List<Integer> order(ClipBatchSource<Integer> source, int epoch) {
        List<Integer> out = new ArrayList<>();
        for (Iterator<List<LoadedClip>> it = source.batches(epoch); it.hasNext();) {
            for (LoadedClip c : it.next()) {
                out.add((Integer) ((SeededSample<?>) c.request().tag()).sample());
            }
        }
        return out;
    }

    @Test
    void everyEpochIsAnotherPermutationFixedByTheSeed() {
        List<Integer> samples = IntStream.range(0, 12).boxed().toList();
        ClipSpec spec = new ClipSpec(2, 2);
        ClipBatchSource.RequestFactory<Integer> factory = (s, seed, tag) ->
                new ClipRequest(video, spec, new Placement.Uniform(0, 1), 32, tag);
        ClipBatchSource<Integer> source = new ClipBatchSource<>(samples, factory, 4, 2, 3);
        assertEquals(3, source.batchesPerEpoch());
        List<Integer> e0 = order(source, 0);
        List<Integer> e1 = order(source, 1);
        assertEquals(samples, e0.stream().sorted().toList(), "every sample once: " + e0);
        assertEquals(samples, e1.stream().sorted().toList(), "every sample once: " + e1);
        assertNotEquals(samples, e0, "epoch 0 is shuffled");
        assertNotEquals(e0, e1, "each epoch has its own order");
        assertEquals(e1, order(source, 1), "an epoch's order depends only on seed and epoch (resume)");
        assertNotEquals(e0, order(new ClipBatchSource<>(samples, factory, 4, 2, 4), 0), "another seed, another order");
    }
}
