package io.x3dava.backbone.cluster;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * What is costly to open (loaded networks, a person detector) kept in an executor JVM between tasks, per job: a task
 * takes an idle one or opens its own, and gives it back when it ends, so that there is one per task running at the
 * same time and each is opened once.
 *
 * @param <K> what names the job (its settings)
 * @param <V> what a task uses
 */
public final class ExecutorPool<K, V> {
    private final Map<K, Deque<V>> idle = new HashMap<>();

    /** How a task opens its own when none is idle. */
    @FunctionalInterface
    public interface Opener<V> {
        V open() throws IOException;
    }

    /** An idle one of {@code key}'s, or a new one from {@code opener} (opened outside the lock: it takes seconds). */
    public V take(K key, Opener<V> opener) throws IOException {
        synchronized (this) {
            V v = idle.computeIfAbsent(key, k -> new ArrayDeque<>()).poll();
            if (v != null) {
                return v;
            }
        }
        return opener.open();
    }

    /** Puts back what {@link #take} gave, for the next task of the job. */
    public synchronized void give(K key, V v) {
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(v);
    }
}
