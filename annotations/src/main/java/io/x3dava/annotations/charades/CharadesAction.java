package io.x3dava.annotations.charades;

/** One action interval of a Charades video: class index 0..156 (from "c092") and start/end in seconds. */
public record CharadesAction(int classIndex, double start, double end) {
    public boolean overlaps(double from, double to) {
        return start < to && from < end;
    }
}
