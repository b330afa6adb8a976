package io.x3dava.viewer;

import io.x3dava.annotations.ava.LabelMapEntry;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which action classes are shown: all, or an explicit set of ids. */
public record ClassFilter(Set<Integer> enabled) {
    private static final ClassFilter ALL = new ClassFilter(null);

    public ClassFilter {
        enabled = enabled == null ? null : Set.copyOf(enabled);
    }

    public static ClassFilter all() {
        return ALL;
    }

    public static ClassFilter only(Set<Integer> ids) {
        return new ClassFilter(ids);
    }

    public boolean accepts(int actionId) {
        return enabled == null || enabled.contains(actionId);
    }

    /** The entries whose name contains the query or whose id equals it (case-insensitive; blank = all): the search field. */
    public static List<LabelMapEntry> search(List<LabelMapEntry> entries, String query) {
        String q = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.copyOf(entries);
        }
        return entries.stream()
                .filter(e -> e.name().toLowerCase(Locale.ROOT).contains(q) || Integer.toString(e.id()).equals(q))
                .toList();
    }
}
