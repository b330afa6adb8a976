package io.x3dava.viewer;

/** An axis-aligned rectangle in pixels (a label block, the legend). */
public record LabelRect(double x, double y, double w, double h) {
    /** Whether the interiors overlap (touching edges do not count). */
    public boolean intersects(LabelRect o) {
        return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }

    LabelRect at(double nx, double ny) {
        return new LabelRect(nx, ny, w, h);
    }
}
