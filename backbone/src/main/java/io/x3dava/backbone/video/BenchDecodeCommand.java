package io.x3dava.backbone.video;

import io.x3dava.backbone.synthetic.SyntheticVideos;

import io.x3dava.backbone.synthetic.Actor;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Benchmark: decoded clips/s through {@link ClipLoader} for one video and clip shape (random clip starts). */
@Command(name = "bench-decode", mixinStandardHelpOptions = true,
        description = "Times clip decoding (seek + decode + resize) with the ClipLoader worker pool; prints clips/s.")
public final class BenchDecodeCommand implements Callable<Integer> {
    @Option(names = "--video", description = "video file or frame folder (default: a generated 10 s 320x240 video)")
    Path video;
    @Option(names = "--frames", defaultValue = "13", description = "frames per clip (gamma_t)") int frames;
    @Option(names = "--stride", defaultValue = "6", description = "stride at 30 fps (gamma_tau)") int stride;
    @Option(names = "--short-side", defaultValue = "182", description = "decode short side; <= 0 keeps native")
    int shortSide;
    @Option(names = "--clips", defaultValue = "50") int clips;
    @Option(names = "--workers", description = "decoding threads (default: available processors)") Integer workers;
    @Option(names = "--seed", defaultValue = "0") long seed;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || stride < 1 || clips < 1 || (workers != null && workers < 1)) {
            throw new IllegalArgumentException("expected --frames, --stride, --clips and --workers >= 1");
        }
        if (video != null && !Files.exists(video)) {
            throw new java.nio.file.NoSuchFileException(video.toString());
        }
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        Path tmp = null;
        Path input = video;
        if (input == null) {
            tmp = Files.createTempDirectory("bench-decode");
            input = tmp.resolve("synthetic.mp4");
            long g0 = System.nanoTime();
            List<Actor> actors = List.of(Actor.of(Actor.RIGHT, 0.3, 0.3, 0.2), Actor.of(Actor.DOWN, 0.7, 0.4, 0.25),
                    Actor.of(Actor.PULSE, 0.5, 0.75, 0.2));
            SyntheticVideos.writeVideo(input, actors, 320, 240, 300, 30, seed);
            System.out.printf(Locale.ROOT, "generated %s (10 s, 320x240, 30 fps) in %.2f s%n", input,
                    (System.nanoTime() - g0) / 1e9);
        }
        try {
            ClipSpec spec = new ClipSpec(frames, stride);
            List<ClipRequest> requests = new ArrayList<>();
            for (int i = 0; i < clips; i++) {
                requests.add(new ClipRequest(input, spec, new Placement.RandomStart(seed * 1_000_003L + i), shortSide));
            }
            try (FrameSource src = FrameSources.open(input)) {
                System.out.printf(Locale.ROOT, "input: %s, %dx%d, %.3f fps, %d frames%n", input, src.width(),
                        src.height(), src.fps(), src.frameCount());
            }
            System.out.printf(Locale.ROOT, "clip: %d frames, stride %d at 30 fps, short side %d; %d clips, %d workers"
                    + " (%d available processors)%n", frames, stride, shortSide, clips, threads,
                    Runtime.getRuntime().availableProcessors());
            long t0 = System.nanoTime();
            int done = 0;
            long bytes = 0;
            int skipped;
            try (ClipLoader loader = new ClipLoader(requests, threads)) {
                while (loader.hasNext()) {
                    bytes += loader.next().clip().rgb().length;
                    done++;
                }
                skipped = loader.skippedCount();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "decoded %d clips (%d skipped, %.1f MiB) in %.2f s: %.1f clips/s, %.1f frames/s,"
                    + " %d threads%n", done, skipped, bytes / 1048576.0, s, done / s, done * (double) frames / s, threads);
            return skipped == 0 ? 0 : 1;
        } finally {
            if (tmp != null) {
                try (Stream<Path> files = Files.walk(tmp)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

}
