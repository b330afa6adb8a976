package io.x3dava.backbone.video;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keyframe-sequence reader: like {@link ClipLoader} (same requests, same clips, same order, failures logged and
 * skipped) but each run of consecutive requests on the same video is read through one {@link ClipSequence}, so a
 * video is opened once and decoded once in order instead of seeking and decoding again for every clip. Meant for
 * requests sorted by video and time (AVA keyframes); any order stays correct, only slower.
 * <p>
 * A worker takes a whole run; up to {@code workers} runs are decoded at once, each at most {@link #AHEAD} clips ahead
 * of the consumer, so memory is bounded whatever the number of keyframes.
 */
public final class SequentialClipLoader extends ClipStream {
    private static final AtomicInteger POOL_ID = new AtomicInteger();
    /** Clips a run's worker may decode ahead of the consumer. */
    static final int AHEAD = 4;

    /** One video's consecutive requests, from position {@code start} of the request list. */
    private record Run(int start, List<ClipRequest> requests) {}

    /** What a worker hands over for one request: a clip or the reason it failed. */
    private record Item(int position, LoadedClip clip, Throwable error) {}

    private final List<Run> runs = new ArrayList<>();
    private final List<ClipRequest> requests;
    private final FrameSources.Opener opener;
    private final ExecutorService pool;
    private final int workers;
    private final ArrayDeque<Active> active = new ArrayDeque<>();
    private int submittedRuns;

    private static final class Active {
        final Run run;
        final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(AHEAD);
        Future<?> future;
        int taken;

        Active(Run run) {
            this.run = run;
        }
    }

    public SequentialClipLoader(List<ClipRequest> requests, int workers) {
        this(requests, workers, FrameSources::open);
    }

    public SequentialClipLoader(List<ClipRequest> requests, int workers, FrameSources.Opener opener) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.requests = List.copyOf(requests);
        this.opener = opener;
        this.workers = workers;
        for (int i = 0; i < this.requests.size(); ) {
            Path video = this.requests.get(i).video();
            int j = i;
            while (j < this.requests.size() && this.requests.get(j).video().equals(video)) {
                j++;
            }
            runs.add(new Run(i, this.requests.subList(i, j)));
            i = j;
        }
        int id = POOL_ID.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "clip-sequence-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        fill();
    }

    private void fill() {
        while (active.size() < workers && submittedRuns < runs.size()) {
            Active a = new Active(runs.get(submittedRuns++));
            a.future = pool.submit(() -> decodeRun(a));
            active.add(a);
        }
    }

    /** Worker: every clip of one run, in order, through one sequence. */
    private void decodeRun(Active a) {
        Run run = a.run;
        int done = 0;
        try (FrameSource src = opener.open(run.requests().get(0).video())) {
            List<long[]> windows = new ArrayList<>();
            for (ClipRequest r : run.requests()) {
                windows.add(TemporalSampler.indices(src.frameCount(), src.fps(), r.spec(), r.placement()));
            }
            int shortSide = run.requests().get(0).shortSide();
            boolean sameSize = run.requests().stream().allMatch(r -> r.shortSide() == shortSide);
            try (ClipSequence seq = sameSize ? src.sequence(windows, shortSide) : null) {
                for (; done < run.requests().size(); done++) {
                    ClipRequest r = run.requests().get(done);
                    long[] idx = windows.get(done);
                    int pos = run.start() + done;
                    Item item;
                    try {
                        DecodedClip clip = seq != null ? seq.next() : src.read(idx, r.shortSide());
                        for (int i = 0; i < idx.length; i++) {
                            idx[i] = Math.max(0, Math.min(src.frameCount() - 1, idx[i]));
                        }
                        item = new Item(pos, new LoadedClip(pos, r, clip, idx, src.fps(), src.height(), src.width()),
                                null);
                    } catch (Exception e) {
                        item = new Item(pos, null, e);
                    }
                    a.queue.put(item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            // The video could not be opened: every request of the run left fails with that reason.
            try {
                for (; done < run.requests().size(); done++) {
                    a.queue.put(new Item(run.start() + done, null, e));
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    protected LoadedClip fetch() {
        LoadedClip clip = null;
        while (clip == null && !active.isEmpty()) {
            Active a = active.peek();
            if (a.taken == a.run.requests().size()) {
                active.poll();
                fill();
                continue;
            }
            Item item;
            try {
                item = a.queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while waiting for clip " + (a.run.start() + a.taken), e);
            }
            a.taken++;
            if (item.error() != null) {
                skip(item.position(), requests.get(item.position()).video(), item.error());
            } else {
                clip = item.clip();
            }
        }
        return clip;
    }

    @Override
    public void close() {
        for (Active a : active) {
            a.future.cancel(true);
        }
        active.clear();
        pool.shutdownNow();
    }
}
