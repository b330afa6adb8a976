package io.x3dava.backbone.x3d;

import java.util.List;

/**
 * What a state-dict load did, by key.
 *
 * @param loaded keys copied into the network
 * @param missing network keys the checkpoint does not have
 * @param unexpected checkpoint keys the network does not have
 * @param shapeMismatches "key: checkpoint [..] vs network [..]" for keys present on both sides with different shapes
 * @param skipped checkpoint keys deliberately ignored (BN num_batches_tracked, excluded prefixes)
 */
public record WeightLoadReport(List<String> loaded, List<String> missing, List<String> unexpected,
                               List<String> shapeMismatches, List<String> skipped) {

    public boolean isExact() {
        return missing.isEmpty() && unexpected.isEmpty() && shapeMismatches.isEmpty();
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(loaded.size()).append(" tensors loaded");
        append(sb, "missing from the checkpoint", missing);
        append(sb, "not in the network", unexpected);
        append(sb, "shape mismatch", shapeMismatches);
        if (!skipped.isEmpty()) {
            sb.append("; ").append(skipped.size()).append(" skipped");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            sb.append("; ").append(keys.size()).append(' ').append(what).append(": ");
            sb.append(String.join(", ", keys.size() > 12 ? keys.subList(0, 12) : keys));
            if (keys.size() > 12) {
                sb.append(", ...");
            }
        }
    }
}
