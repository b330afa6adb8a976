package io.x3dava.backbone.synthetic;

import io.x3dava.annotations.charades.CharadesAction;
import io.x3dava.annotations.charades.CharadesClasses;
import io.x3dava.annotations.charades.CharadesCsv;
import io.x3dava.annotations.charades.CharadesVideo;
import io.x3dava.annotations.kinetics.KineticsClasses;
import io.x3dava.annotations.kinetics.KineticsClip;
import io.x3dava.annotations.kinetics.KineticsCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small data sets in the real Kinetics and Charades formats, made of generated moving-shape videos whose classes are
 * {@link MotionLabels} (static, sideways, up, down, pulse): only motion tells them apart.
 */
public final class SyntheticClassification {

    /** Where the generated Kinetics part is. */
    public record KineticsLayout(Path root, Path trainCsv, Path valCsv, Path classes, Path videos) {
    }

    /** Where the generated Charades part is. */
    public record CharadesLayout(Path root, Path trainCsv, Path testCsv, Path classes, Path videos) {
    }

    private SyntheticClassification() {
    }

    /**
     * Kinetics layout: {@code videos/<class>/<youtube_id>_<start>_<end>.mp4}, train.csv and validate.csv in the
     * official CSV format, classes.txt.
     */
    public static KineticsLayout writeKinetics(Path root, int trainPerClass, int valPerClass, int size, int frames,
                                               long seed) throws IOException {
        Path videos = root.resolve("videos");
        KineticsLayout out = new KineticsLayout(root, root.resolve("train.csv"), root.resolve("validate.csv"),
                root.resolve("classes.txt"), videos);
        new KineticsClasses(MotionLabels.NAMES).write(out.classes());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<KineticsClip> train = new ArrayList<>();
        List<KineticsClip> val = new ArrayList<>();
        for (int c = 0; c < MotionLabels.count(); c++) {
            for (int i = 0; i < trainPerClass + valPerClass; i++) {
                boolean isTrain = i < trainPerClass;
                String id = String.format("syn%s%02d%04d", isTrain ? "t" : "v", c, i);
                KineticsClip clip = new KineticsClip(MotionLabels.NAMES.get(c), id, 0, frames / 30,
                        isTrain ? "train" : "validate");
                Path file = videos.resolve(clip.label()).resolve(clip.fileStem() + ".mp4");
                Actor actor = MotionActors.random(MotionLabels.motionFor(c, rnd), rnd);
                writeIfAbsent(file, List.of(actor), size, frames, rnd.nextLong());
                (isTrain ? train : val).add(clip);
            }
        }
        KineticsCsv.write(out.trainCsv(), train);
        KineticsCsv.write(out.valCsv(), val);
        return out;
    }

    /**
     * Charades layout: {@code videos/<id>.mp4}, Charades_v1_train.csv / _test.csv, Charades_v1_classes.txt. Each video
     * has two actors; an actor's class is an action for the span it is visible.
     */
    public static CharadesLayout writeCharades(Path root, int trainVideos, int testVideos, int size, int frames,
                                               long seed) throws IOException {
        Path videos = root.resolve("videos");
        CharadesLayout out = new CharadesLayout(root, root.resolve("Charades_v1_train.csv"),
                root.resolve("Charades_v1_test.csv"), root.resolve("Charades_v1_classes.txt"), videos);
        new CharadesClasses(MotionLabels.NAMES).write(out.classes());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<CharadesVideo> train = new ArrayList<>();
        List<CharadesVideo> test = new ArrayList<>();
        double length = frames / 30.0;
        for (int i = 0; i < trainVideos + testVideos; i++) {
            String id = String.format("SYN%02d", i);
            int a = rnd.nextInt(MotionLabels.count());
            int b = rnd.nextInt(MotionLabels.count());
            List<Actor> actors = List.of(MotionActors.inBand(MotionLabels.motionFor(a, rnd), 0.0, 0.5, rnd),
                    MotionActors.inBand(MotionLabels.motionFor(b, rnd), 0.5, 1.0, rnd));
            writeIfAbsent(videos.resolve(id + ".mp4"), actors, size, frames, rnd.nextLong());
            List<CharadesAction> actions = new ArrayList<>();
            actions.add(new CharadesAction(a, 0, length));
            if (b != a) {
                actions.add(new CharadesAction(b, 0, length));
            }
            (i < trainVideos ? train : test).add(CharadesVideo.of(id, actions, length));
        }
        CharadesCsv.write(out.trainCsv(), train);
        CharadesCsv.write(out.testCsv(), test);
        return out;
    }

    private static void writeIfAbsent(Path file, List<Actor> actors, int size, int frames, long seed)
            throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return; // generation is deterministic: a file already there is the same video
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp.mp4");
        SyntheticVideos.writeVideo(tmp, actors, size, size, frames, 30, seed);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
