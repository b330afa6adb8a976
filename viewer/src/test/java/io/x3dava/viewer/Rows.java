package io.x3dava.viewer;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaDetectionRow;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;

/** Short constructors for test rows. */
final class Rows {
    private Rows() {}

    static AvaBox box(double x1, double y1, double x2, double y2) {
        return new AvaBox(x1, y1, x2, y2);
    }

    static AvaDetectionRow det(String vid, int t, AvaBox b, int action, double score) {
        return new AvaDetectionRow(new Keyframe(vid, t), b, action, score);
    }

    static AvaGroundTruthRow gt(String vid, int t, AvaBox b, int action, int person) {
        return new AvaGroundTruthRow(new Keyframe(vid, t), b, action, person);
    }
}
