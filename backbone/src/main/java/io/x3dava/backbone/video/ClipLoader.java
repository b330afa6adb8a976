package io.x3dava.backbone.video;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes a list of clip requests on a pool of worker threads, ahead of the consumer, and hands them out in request
 * order. Prefetch is bounded: at most 2 x workers requests are in flight or waiting (a window of futures), so memory
 * stays flat however long the list. Workers produce plain {@link DecodedClip}s; the consumer turns them into
 * NDArrays on its own thread. A request that fails (missing or corrupt video) is logged with its path and skipped.
 */
public final class ClipLoader extends ClipStream {
    private static final AtomicInteger POOL_ID = new AtomicInteger();

    private final List<ClipRequest> requests;
    private final FrameSources.Opener opener;
    private final ExecutorService pool;
    private final int capacity;
    private final ArrayDeque<Future<LoadedClip>> window = new ArrayDeque<>();
    private int submitted;
    private int taken;

    public ClipLoader(List<ClipRequest> requests) {
        this(requests, Runtime.getRuntime().availableProcessors(), FrameSources::open);
    }

    public ClipLoader(List<ClipRequest> requests, int workers) {
        this(requests, workers, FrameSources::open);
    }

    public ClipLoader(List<ClipRequest> requests, int workers, FrameSources.Opener opener) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.requests = List.copyOf(requests);
        this.opener = opener;
        this.capacity = 2 * workers;
        int id = POOL_ID.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "clip-loader-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true); // never keeps the JVM alive if the consumer forgets close()
            return t;
        });
        fill();
    }

    /** The requests in an order fixed by the seed (an epoch's shuffle), independent of thread timing. */
    public static <T> List<T> shuffled(List<T> items, long seed) {
        List<T> out = new ArrayList<>(items);
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    /** Decodes one request on the calling thread (also what the workers run). */
    public static LoadedClip load(int position, ClipRequest r, FrameSources.Opener opener) throws Exception {
        try (FrameSource src = opener.open(r.video())) {
            long[] idx = TemporalSampler.indices(src.frameCount(), src.fps(), r.spec(), r.placement());
            DecodedClip clip = src.read(idx, r.shortSide());
            for (int i = 0; i < idx.length; i++) {
                idx[i] = Math.max(0, Math.min(src.frameCount() - 1, idx[i]));
            }
            return new LoadedClip(position, r, clip, idx, src.fps(), src.height(), src.width());
        }
    }

    private void fill() {
        while (window.size() < capacity && submitted < requests.size()) {
            int pos = submitted++;
            ClipRequest r = requests.get(pos);
            window.add(pool.submit(() -> load(pos, r, opener)));
        }
    }

    @Override
    protected LoadedClip fetch() {
        LoadedClip clip = null;
        while (clip == null && !window.isEmpty()) {
            Future<LoadedClip> f = window.poll();
            int pos = taken++;
            try {
                clip = f.get();
            } catch (ExecutionException e) {
                skip(pos, requests.get(pos).video(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for clip " + pos, e);
            }
            fill();
        }
        return clip;
    }

    @Override
    public void close() {
        for (Future<LoadedClip> f : window) {
            f.cancel(true);
        }
        window.clear();
        pool.shutdownNow();
    }
}
