package io.x3dava.detector.dataset;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.AvaCsv;
import io.x3dava.annotations.ava.AvaGroundTruthRow;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.backbone.synthetic.Actor;
import io.x3dava.backbone.synthetic.MotionActors;
import io.x3dava.backbone.synthetic.MotionLabels;
import io.x3dava.backbone.synthetic.SyntheticVideos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A user's material as it arrives: a folder of videos (not AVA's 15-minute cuts: seconds from 0, 25 fps) with ground
 * truth in video seconds and a 3-class label map of the user's own names (ids 1..3 = still, pace, bob: the generated
 * static, sideways and vertical motions).
 */
final class OwnVideos {
    static final List<String> NAMES = List.of("stand still", "pace", "bob");
    static final double FPS = 25;

    record Material(Path videos, Path gt, Path labelMap) {
    }

    private OwnVideos() {
    }

    static Material write(Path dir, int videos, int actors, int seconds, int size, long seed) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("videos"));
        SplittableRandom rnd = new SplittableRandom(seed);
        List<AvaGroundTruthRow> rows = new ArrayList<>();
        for (int v = 0; v < videos; v++) {
            String vid = "dock_" + v;
            List<Actor> list = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int a = 0; a < actors; a++) {
                int label = (v + a) % NAMES.size();
                labels.add(label);
                list.add(MotionActors.inBand(MotionLabels.motionFor(label, rnd), (double) a / actors,
                        (double) (a + 1) / actors, rnd));
            }
            SyntheticVideos.writeVideo(folder.resolve(vid + ".mp4"), list, size, size, (int) (seconds * FPS), FPS,
                    rnd.nextLong());
            // keyframes at video seconds 2 .. seconds - 2 (AVA's 902.. once laid out)
            for (int t = 2; t <= seconds - 2; t++) {
                List<SyntheticVideos.Box> boxes = SyntheticVideos.boxesAt(list, (int) Math.round(t * FPS));
                for (int a = 0; a < actors; a++) {
                    SyntheticVideos.Box b = boxes.get(a);
                    rows.add(new AvaGroundTruthRow(new Keyframe(vid, t), new AvaBox(b.x1(), b.y1(), b.x2(), b.y2()),
                            labels.get(a) + 1, a));
                }
            }
        }
        Path gt = dir.resolve("my_gt.csv");
        AvaCsv.writeGroundTruth(gt, rows);
        Path map = dir.resolve("my_actions.pbtxt");
        List<LabelMapEntry> entries = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            entries.add(new LabelMapEntry(i + 1, NAMES.get(i), null));
        }
        new LabelMap(entries).write(map);
        return new Material(folder, gt, map);
    }
}
