package io.x3dava.backbone.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.MissingFrames;
import io.x3dava.backbone.video.Placement;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training clips that need a missing frame are skipped and counted per epoch, into metrics.jsonl. */
class MissingFrameCountsTest {

    @Test
    void batchSourcesCountSkippedClipsAcrossEpochs(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        List<Path> videos = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            Path folder = Files.createDirectories(dir.resolve(id));
            for (int f = 1; f <= 30; f++) {
                ImageIO.write(img, "jpg", folder.resolve(String.format("%s_%06d.jpg", id, f)).toFile());
            }
            videos.add(folder);
        }
        // every clip is centred on frame 15 (frames 11, 13, 15, 17): b and d miss frame 15, a misses frame 1 only
        Files.delete(dir.resolve("b/b_000016.jpg"));
        Files.delete(dir.resolve("d/d_000014.jpg"));
        Files.delete(dir.resolve("a/a_000001.jpg"));
        ClipSpec spec = new ClipSpec(4, 2);
        ClipBatchSource<Path> source = new ClipBatchSource<>(videos, (v, seed, tag) -> new ClipRequest(v, spec,
                new Placement.Centered(0.5), 0, tag), 1, 2, 0);
        for (int epoch = 0; epoch < 2; epoch++) {
            int clips = 0;
            for (Iterator<List<LoadedClip>> it = source.batches(epoch); it.hasNext(); ) {
                clips += it.next().size();
            }
            assertEquals(2, clips);
        }
        MissingFrames m = source.missingFrames();
        assertEquals(4, m.clips());
        assertEquals(2, m.videos());
        assertEquals(4, source.skippedSamples());
    }

    @Test
    void metricsLinesCarryTheCountsAndOlderLinesStillRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        // a line written before the counts existed
        Files.writeString(file, "{\"epoch\":1,\"globalStep\":5,\"lr\":0.1,\"trainLoss\":0.5,\"trainAccuracy\":0.5,"
                + "\"clipsPerSecond\":2.0,\"seconds\":3.0,\"skipped\":1,\"eval\":{}}\n");
        MetricsLog log = new MetricsLog(file);
        log.resume(1);
        assertEquals(0, log.epochs().get(0).missingFrameClips());
        log.add(new EpochMetrics(2, 10, 0.1, 0.4, 0.6, 2.0, 3.0, 4, Map.of(), 3, 2));
        String second = Files.readAllLines(file).get(1);
        assertEquals(true, second.contains("\"missingFrameClips\":3") && second.contains("\"missingFrameVideos\":2"),
                second);
    }
}
