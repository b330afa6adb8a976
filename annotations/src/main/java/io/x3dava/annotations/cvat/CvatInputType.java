package io.x3dava.annotations.cvat;

import java.util.Locale;

/** The input type of a CVAT attribute ({@code <input_type>} in the task's label list). */
public enum CvatInputType {
    CHECKBOX, SELECT, RADIO, NUMBER, TEXT;

    /** The type named in a CVAT file, or null for a name CVAT does not use. */
    static CvatInputType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** What CVAT writes in {@code <input_type>}. */
    public String xmlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
