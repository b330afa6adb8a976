package io.x3dava.backbone.classify;

import io.x3dava.backbone.train.EpochSource;
import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.Placement;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training batches of randomly placed clips, decoded by a worker pool while the previous batch trains. The sample
 * order and clip starts depend only on (seed, epoch); incomplete last batches are dropped as PySlowFast does.
 */
public final class ClipBatchSource implements EpochSource<List<LoadedClip>> {

    private final List<VideoSample> samples;
    private final ClipSpec spec;
    private final int decodeShortSide;
    private final int batchSize;
    private final int workers;
    private final long seed;
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param decodeShortSide FFmpeg scales frames to this short side while decoding (the top of the scale jitter), so
     *     no full-resolution frame reaches Java; 0 keeps the native size
     */
    public ClipBatchSource(List<VideoSample> samples, ClipSpec spec, int decodeShortSide, int batchSize, int workers,
                           long seed) {
        if (batchSize <= 0 || batchSize > samples.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be in 1.." + samples.size()
                    + " (the number of training videos)");
        }
        this.samples = List.copyOf(samples);
        this.spec = spec;
        this.decodeShortSide = decodeShortSide;
        this.batchSize = batchSize;
        this.workers = workers;
        this.seed = seed;
    }

    @Override
    public int batchesPerEpoch() {
        return samples.size() / batchSize;
    }

    @Override
    public long skippedSamples() {
        return skipped.get();
    }

    @Override
    public Iterator<List<LoadedClip>> batches(int epoch) {
        long epochSeed = seed * 1_000_003L + epoch;
        List<VideoSample> order = ClipLoader.shuffled(samples, epochSeed);
        List<ClipRequest> requests = new ArrayList<>();
        for (int i = 0; i < batchesPerEpoch() * batchSize; i++) {
            VideoSample s = order.get(i);
            requests.add(new ClipRequest(s.video(), spec, new Placement.RandomStart(epochSeed * 7919 + i),
                    decodeShortSide, s));
        }
        ClipLoader loader = new ClipLoader(requests, workers);
        return new Iterator<>() {
            private List<LoadedClip> next = advance();

            private List<LoadedClip> advance() {
                List<LoadedClip> batch = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && loader.hasNext()) {
                    batch.add(loader.next());
                }
                if (batch.size() < batchSize) {
                    // Skipped videos leave the last batch short: drop it, count the skips, stop the workers.
                    skipped.addAndGet(loader.skippedCount());
                    loader.close();
                    return null;
                }
                return batch;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public List<LoadedClip> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                List<LoadedClip> out = next;
                next = advance();
                return out;
            }
        };
    }
}
