package io.x3dava.proposals;

import io.x3dava.annotations.ava.AvaTime;

/** AVA keyframe seconds "first-last" (inclusive, 1 Hz), e.g. the standard 902-1798. */
public record KeyframeRange(int first, int last) {
    public KeyframeRange {
        if (first > last) {
            throw new IllegalArgumentException("keyframe range " + first + "-" + last + " is empty (first > last)");
        }
    }

    public static final KeyframeRange AVA = new KeyframeRange(AvaTime.FIRST_KEYFRAME, AvaTime.LAST_KEYFRAME);

    public static KeyframeRange parse(String text) {
        String[] parts = text.trim().split("-");
        try {
            if (parts.length == 1) {
                int t = Integer.parseInt(parts[0]);
                return new KeyframeRange(t, t);
            }
            if (parts.length == 2) {
                return new KeyframeRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("keyframes '" + text + "': expected FIRST-LAST seconds, e.g. 902-1798");
    }

    public int count() {
        return last - first + 1;
    }
}
