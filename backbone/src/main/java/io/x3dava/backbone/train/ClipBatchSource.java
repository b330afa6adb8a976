package io.x3dava.backbone.train;

import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.LoadedClip;
import io.x3dava.backbone.video.MissingFrameTally;
import io.x3dava.backbone.video.MissingFrames;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training batches of decoded clips, decoded by a worker pool while the previous batch trains. The sample order and
 * every random choice depend only on (seed, epoch); incomplete last batches are dropped as PySlowFast does. Each
 * loaded clip's tag is a {@link SeededSample} of the sample it was made for.
 *
 * @param <S> the task's sample (a classification video, an AVA keyframe)
 */
public final class ClipBatchSource<S> implements EpochSource<List<LoadedClip>> {

    /** Makes the decode request of a sample; {@code seed} is for random temporal placement. */
    @FunctionalInterface
    public interface RequestFactory<S> {
        ClipRequest request(S sample, long seed, SeededSample<S> tag);
    }

    private final List<S> samples;
    private final RequestFactory<S> factory;
    private final int batchSize;
    private final int workers;
    private final long seed;
    private final FrameSources.Opener opener;
    private final AtomicLong skipped = new AtomicLong();
    private final MissingFrameTally missingFrames = new MissingFrameTally();

    public ClipBatchSource(List<S> samples, RequestFactory<S> factory, int batchSize, int workers, long seed) {
        this(samples, factory, batchSize, workers, seed, FrameSources::open);
    }

    /** @param opener how a request's path becomes frames (a data set's own frame-folder layout) */
    public ClipBatchSource(List<S> samples, RequestFactory<S> factory, int batchSize, int workers, long seed,
                           FrameSources.Opener opener) {
        if (batchSize <= 0 || batchSize > samples.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be in 1.." + samples.size()
                    + " (the number of training samples)");
        }
        this.samples = List.copyOf(samples);
        this.factory = factory;
        this.batchSize = batchSize;
        this.workers = workers;
        this.seed = seed;
        this.opener = opener;
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
    public MissingFrames missingFrames() {
        return missingFrames.snapshot();
    }

    @Override
    public Iterator<List<LoadedClip>> batches(int epoch) {
        long epochSeed = seed * 1_000_003L + epoch;
        List<S> order = ClipLoader.shuffled(samples, epochSeed);
        List<ClipRequest> requests = new ArrayList<>();
        for (int i = 0; i < batchesPerEpoch() * batchSize; i++) {
            long s = epochSeed * 7919 + i;
            requests.add(factory.request(order.get(i), s, new SeededSample<>(order.get(i), s)));
        }
        ClipLoader loader = new ClipLoader(requests, workers, opener);
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
                    missingFrames.addAll(loader.missingFrameTally());
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

    /** The sample and augmentation seed a training clip was loaded for. */
    @SuppressWarnings("unchecked")
    public static <S> SeededSample<S> tagOf(LoadedClip clip) {
        return (SeededSample<S>) clip.request().tag();
    }
}
