package io.x3dava.viewer;

import java.util.Locale;

/** How boxes known only at keyframes (whole seconds) are shown on the frames between them. */
public enum DrawMode {
    /** Only on the frame(s) within the keyframe tolerance: shows exactly what was predicted, nothing invented. */
    KEYFRAME_ONLY,
    /** The last keyframe's boxes until the next keyframe (AVA keyframes are 1 s apart). */
    HOLD,
    /** Boxes matched by IoU between consecutive keyframes move linearly; unmatched ones switch at the midpoint. */
    INTERPOLATE;

    /** Parses "keyframe-only", "hold", "interpolate" (case and '-'/'_' insensitive) with an error naming the choices. */
    public static DrawMode parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (DrawMode m : values()) {
            if (m.name().equals(t) || (m == KEYFRAME_ONLY && t.equals("KEYFRAME"))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown draw mode '" + text + "' (expected keyframe-only, hold or interpolate)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
