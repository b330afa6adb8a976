package io.x3dava.backbone.check;

import java.nio.file.Path;
import java.util.List;

/**
 * What check-charades found. Problems are what costs accuracy or stops a run (videos listed but not on disk, frames
 * the list names that are missing or undecodable, labels outside the class list); the rest is information.
 *
 * @param root    the --data folder
 * @param classes classes in Charades_v1_classes.txt
 */
public record CharadesCheckReport(Path root, int classes, List<Split> splits, List<String> problems, double seconds) {

    public CharadesCheckReport {
        splits = List.copyOf(splits);
        problems = List.copyOf(problems);
    }

    public boolean fine() {
        return problems.isEmpty();
    }

    /**
     * One list of one layout: a frame list ({@code frame_lists/train.csv}) or an official CSV
     * ({@code Charades_v1_train.csv}).
     *
     * @param framesListed     frames the list gives its present videos (rows; for the CSVs' frame folders, the
     *                         files up to the highest number)
     * @param framesMissing    of those, the files not on disk
     * @param videosWithGaps   present videos missing at least one frame
     * @param framesNotListed  frame files of the videos' folders that no row names (an extraction with more frames)
     * @param videosDecoded    videos whose every present frame was decoded (a sample, or all with --full)
     * @param labelsOutside    rows (frame lists) or actions (CSVs) with a class outside the class list
     * @param examples         the first few findings of each kind, with their paths
     */
    public record Split(String name, Path list, String layout, int videosListed, int videosPresent,
                        long framesListed, long framesMissing, int videosWithGaps, long framesNotListed,
                        int videosDecoded, long framesDecoded, long framesUndecodable, long labelsOutside,
                        List<String> examples) {
        public Split {
            examples = List.copyOf(examples);
        }
    }
}
