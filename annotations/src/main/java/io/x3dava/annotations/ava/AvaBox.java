package io.x3dava.annotations.ava;

/**
 * A box in normalized [0,1] image coordinates, as in the AVA CSV files (x1, y1, x2, y2).
 * Area and IoU follow the ActivityNet evaluator's np_box_ops exactly: no "+1" pixel convention.
 */
public record AvaBox(double x1, double y1, double x2, double y2) {

    public double area() {
        return (y2 - y1) * (x2 - x1);
    }

    /** Intersection over union; 0 when the union is empty (two zero-area boxes). */
    public double iou(AvaBox o) {
        double ih = Math.max(0.0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
        double iw = Math.max(0.0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
        double inter = ih * iw;
        double union = area() + o.area() - inter;
        return union > 0 ? inter / union : 0.0;
    }

    /** True for a box with strictly positive width and height (what the evaluator and the detectors keep). */
    public boolean hasPositiveArea() {
        return y1 < y2 && x1 < x2;
    }
}
