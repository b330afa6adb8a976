package io.x3dava.backbone.video;

import io.x3dava.backbone.synthetic.SyntheticVideos;

import io.x3dava.backbone.synthetic.Actor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ClipLoaderTest {
    @TempDir
    static Path dir;
    static final List<Path> videos = new ArrayList<>();

    @BeforeAll
    static void writeVideos() throws Exception {
        for (int i = 0; i < 5; i++) {
            Path p = dir.resolve("v" + i + ".mp4");
            SyntheticVideos.writeVideo(p, List.of(Actor.of(i % Actor.NUM_CLASSES, 0.5, 0.5, 0.3)), 64, 48, 40, 30, i);
            videos.add(p);
        }
    }

    @Test
    void skipsMissingAndCorruptFilesAndKeepsOrder() throws Exception {
        Path corrupt = dir.resolve("corrupt.mp4");
        Files.write(corrupt, "not a video".getBytes());
        Path missing = dir.resolve("missing.mp4");
        ClipSpec spec = new ClipSpec(4, 5);
        List<Path> paths = List.of(videos.get(0), missing, videos.get(1), corrupt, videos.get(2), videos.get(3),
                videos.get(4));
        List<ClipRequest> requests = new ArrayList<>();
        for (Path p : paths) {
            requests.add(new ClipRequest(p, spec, new Placement.Uniform(0, 1), 32, p.getFileName().toString()));
        }
        List<LoadedClip> out;
        int skipped;
        try (ClipLoader loader = new ClipLoader(requests, 2)) {
            out = loader.toList();
            skipped = loader.skippedCount();
        }
        assertEquals(2, skipped);
        assertEquals(List.of(0, 2, 4, 5, 6), out.stream().map(LoadedClip::position).toList());
        assertEquals(List.of("v0.mp4", "v1.mp4", "v2.mp4", "v3.mp4", "v4.mp4"),
                out.stream().map(c -> c.request().tag()).toList());
        for (LoadedClip c : out) {
            assertEquals(4, c.clip().frames());
            assertEquals(32, c.clip().height());
            assertEquals(42, c.clip().width());
            assertArrayEquals(new long[] {10, 15, 20, 25}, c.frameIndices()); // clip_size 20, delta 20, start 10
        }
        // NDArrays are made on the consumer thread
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = out.get(0).clip().toNDArray(m);
            assertEquals(new Shape(4, 32, 42, 3), x.getShape());
        }
    }

    @Test
    void deterministicWhateverTheWorkerCount() {
        ClipSpec spec = new ClipSpec(3, 4);
        List<ClipRequest> requests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            requests.add(new ClipRequest(videos.get(i % videos.size()), spec, new Placement.RandomStart(i), 0));
        }
        List<ClipRequest> inOrder = requests;
        requests = ClipLoader.shuffled(requests, 99);
        assertEquals(ClipLoader.shuffled(requests, 5), ClipLoader.shuffled(requests, 5));
        // a shuffle: the same requests, in another order, and another order for another seed
        assertNotEquals(inOrder, requests);
        assertEquals(new java.util.HashSet<>(inOrder), new java.util.HashSet<>(requests));
        assertEquals(inOrder.size(), requests.size());
        assertNotEquals(ClipLoader.shuffled(inOrder, 5), ClipLoader.shuffled(inOrder, 6));
        List<LoadedClip> one;
        List<LoadedClip> three;
        try (ClipLoader a = new ClipLoader(requests, 1); ClipLoader b = new ClipLoader(requests, 3)) {
            one = a.toList();
            three = b.toList();
        }
        assertEquals(12, one.size());
        assertEquals(12, three.size());
        boolean differentStarts = false;
        for (int i = 0; i < 12; i++) {
            assertEquals(requests.get(i), one.get(i).request());
            assertArrayEquals(one.get(i).frameIndices(), three.get(i).frameIndices());
            assertArrayEquals(one.get(i).clip().rgb(), three.get(i).clip().rgb());
            differentStarts |= one.get(i).frameIndices()[0] != one.get(0).frameIndices()[0];
        }
        assertNotEquals(false, differentStarts);
    }
}
