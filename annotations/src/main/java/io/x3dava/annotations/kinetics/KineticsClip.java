package io.x3dava.annotations.kinetics;

/** One row of a Kinetics CSV; {@code label} is null in test files that have no label column. */
public record KineticsClip(String label, String youtubeId, int timeStart, int timeEnd, String split) {
    /** The conventional clip file name stem: {@code <youtube_id>_<start:06d>_<end:06d>}. */
    public String fileStem() {
        return String.format("%s_%06d_%06d", youtubeId, timeStart, timeEnd);
    }
}
