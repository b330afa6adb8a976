package io.x3dava.proposals;

import io.x3dava.annotations.ava.Keyframe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Person boxes indexed by keyframe (immutable). Within a keyframe, boxes keep the order they were given in, so
 * results are reproducible from file order.
 */
public final class ProposalSet {
    private final SortedMap<Keyframe, List<PersonBox>> byKeyframe;

    private ProposalSet(SortedMap<Keyframe, List<PersonBox>> byKeyframe) {
        this.byKeyframe = byKeyframe;
    }

    public static ProposalSet of(Collection<PersonBox> boxes) {
        SortedMap<Keyframe, List<PersonBox>> m = new TreeMap<>();
        for (PersonBox b : boxes) {
            m.computeIfAbsent(b.keyframe(), k -> new ArrayList<>()).add(b);
        }
        m.replaceAll((k, list) -> List.copyOf(list));
        return new ProposalSet(Collections.unmodifiableSortedMap(m));
    }

    /** The boxes of {@code keyframe}; empty when it has none. */
    public List<PersonBox> atKeyframe(Keyframe keyframe) {
        return byKeyframe.getOrDefault(keyframe, List.of());
    }

    /** Keyframes with at least one box, sorted. */
    public SortedSet<Keyframe> keyframes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byKeyframe.keySet()));
    }

    /** Boxes with score >= minScore; keyframes left without boxes disappear. */
    public ProposalSet filter(double minScore) {
        List<PersonBox> kept = new ArrayList<>();
        for (List<PersonBox> list : byKeyframe.values()) {
            for (PersonBox b : list) {
                if (b.score() >= minScore) {
                    kept.add(b);
                }
            }
        }
        return of(kept);
    }

    /** All boxes, keyframes in order. */
    public List<PersonBox> all() {
        List<PersonBox> out = new ArrayList<>(size());
        byKeyframe.values().forEach(out::addAll);
        return out;
    }

    public int size() {
        int n = 0;
        for (List<PersonBox> l : byKeyframe.values()) {
            n += l.size();
        }
        return n;
    }

    public Map<Keyframe, List<PersonBox>> asMap() {
        return byKeyframe;
    }
}
