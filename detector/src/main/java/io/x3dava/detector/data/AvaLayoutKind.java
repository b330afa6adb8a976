package io.x3dava.detector.data;

/** How an AVA folder was prepared. */
public enum AvaLayoutKind {
    /** PySlowFast's DATASET.md: frames/{vid}/{vid}_%06d.jpg, frame_lists/, annotations/. */
    PYSLOWFAST("PySlowFast"),
    /** MMAction2's tools/data/ava: rawframes/{vid}/img_%05d.jpg, annotations/ with the .pkl proposals. */
    MMACTION2("MMAction2"),
    /** The 15-minute cuts videos_15min/ (or videos/) read directly. */
    CUT_CLIPS("cut clips");

    private final String label;

    AvaLayoutKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
