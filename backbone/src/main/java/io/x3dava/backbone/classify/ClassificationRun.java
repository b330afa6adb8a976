package io.x3dava.backbone.classify;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import io.x3dava.annotations.charades.CharadesClasses;
import io.x3dava.annotations.kinetics.KineticsClasses;
import io.x3dava.backbone.train.PretrainedWeights;
import io.x3dava.backbone.train.ClipBatchSource;
import io.x3dava.backbone.train.ProgressReporter;
import io.x3dava.backbone.train.Trainer;
import io.x3dava.backbone.train.TrainerConfig;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.FrameFolderSource;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.MissingFramePolicy;
import io.x3dava.backbone.video.MissingFrames;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.eval.charades.CharadesMap;
import io.x3dava.eval.charades.CharadesMapDefinition;
import io.x3dava.eval.kinetics.ClassificationMetrics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Trains and tests a clip classifier from a {@link ClassificationRecipe}. */
public final class ClassificationRun {

    /**
     * Test metrics: top-1/top-5 for Kinetics, mAP for Charades; videos that could not be read are counted, and the
     * clips left out for missing frames.
     */
    public record TestResult(double top1, double top5, double meanAp, int videos, int skipped,
                             MissingFrames missingFrames) {

        public Map<String, Double> asMap(String prefix) {
            Map<String, Double> m = new LinkedHashMap<>();
            if (Double.isFinite(top1)) {
                m.put(prefix + "top1", top1);
                m.put(prefix + "top5", top5);
            }
            if (Double.isFinite(meanAp)) {
                m.put(prefix + "mAP", meanAp);
            }
            return m;
        }
    }

    private final ClassificationRecipe recipe;
    private final PrintStream out;
    private final MissingFramePolicy testPolicy;

    /** Testing and validation skip clips with missing frames ({@link MissingFramePolicy#FAIL}). */
    public ClassificationRun(ClassificationRecipe recipe, PrintStream out) {
        this(recipe, out, MissingFramePolicy.FAIL);
    }

    private ClassificationRun(ClassificationRecipe recipe, PrintStream out, MissingFramePolicy testPolicy) {
        this.recipe = recipe;
        this.out = out;
        this.testPolicy = testPolicy;
    }

    /**
     * The same run with another policy for missing frames at test and validation time ({@code --pad-missing-frames});
     * training always skips such clips: a padded clip would be a made-up training sample.
     */
    public ClassificationRun withTestPolicy(MissingFramePolicy policy) {
        return new ClassificationRun(recipe, out, policy);
    }

    /**
     * How the samples' paths become frames: a frame list's rows (Charades frame lists), a folder with the frame count
     * its list gives (MMAction2 rawframes), else the path's own layout; gaps handled by {@code policy}.
     */
    static FrameSources.Opener opener(List<VideoSample> samples, MissingFramePolicy policy) {
        Map<Path, VideoSample> byPath = new HashMap<>();
        samples.forEach(s -> byPath.put(s.video(), s));
        return path -> {
            VideoSample s = byPath.get(path);
            if (s != null && s.frames() != null) {
                return s.frames().open(FrameFolderSource.CHARADES_FPS, policy);
            }
            return FrameSources.open(path, policy, s == null ? 0 : s.frameCount());
        };
    }

    public List<String> classNames() throws IOException {
        return recipe.multiLabel() ? CharadesClasses.read(recipe.classList()).names()
                : KineticsClasses.read(recipe.classList()).names();
    }

    public List<VideoSample> samples(Path list) throws IOException {
        List<String> names = classNames();
        List<VideoSample> s = switch (recipe.format()) {
            case "kinetics-csv" -> ClipDatasets.kinetics(list, recipe.videoRoot(), new KineticsClasses(names));
            case "path-label" -> ClipDatasets.pathLabels(list, recipe.videoRoot());
            case "rawframes" -> ClipDatasets.rawframes(list, recipe.videoRoot());
            case "charades-csv" -> ClipDatasets.charades(list, recipe.videoRoot());
            case "charades-frame-lists" -> ClipDatasets.charadesFrameLists(list, recipe.videoRoot());
            default -> throw new IOException("unknown data format \"" + recipe.format()
                    + "\" (kinetics-csv, path-label, rawframes, charades-csv, "
                    + "charades-frame-lists)");
        };
        if (s.isEmpty()) {
            throw new IOException(list + ": no videos listed");
        }
        return s;
    }

    /**
     * A network for the recipe: fresh (PySlowFast init) or from {@code pretrained} (the project's checkpoint
     * directory/model.safetensors, or a PySlowFast / PyTorchVideo .pyth). When the class count differs, the old
     * classifier is left out and reported.
     */
    public X3DNetwork network(NDManager m, Path pretrained) throws IOException {
        X3DNetwork net = X3DInit.newNetwork(recipe.model(), m, recipe.seed());
        if (pretrained != null) {
            int classes = recipe.model().numClasses();
            // a classifier of another width (another data set) is left out: a new one is trained
            PretrainedWeights.load(pretrained, net.referenceParameters(), sd -> {
                var proj = sd.get("head.projection.weight");
                return proj != null && proj.shape()[0] == classes ? List.of() : List.of("head.projection.");
            }, recipe.model().name(), out);
        }
        return net;
    }

    public Trainer.Summary train(NDManager m, X3DNetwork net, Path outputDir) throws IOException {
        X3DNetworkTrainingParts parts = X3DNetworkTrainingParts.of(net);
        List<VideoSample> train = samples(recipe.trainList());
        List<VideoSample> val = samples(recipe.valList());
        ClipSpec spec = new ClipSpec(recipe.model().numFrames(), recipe.model().samplingRate());
        int decodeSide = recipe.jitterMax();
        ClipBatchSource<VideoSample> data = new ClipBatchSource<>(train, (s, seed, tag) -> new ClipRequest(s.video(),
                spec, new Placement.RandomStart(seed), decodeSide, tag), recipe.batchSize(), recipe.workers(),
                recipe.seed(), opener(train, MissingFramePolicy.FAIL));
        ClipClassifierStep step = new ClipClassifierStep(net, recipe.multiLabel(), recipe.jitterMin(),
                recipe.jitterMax(), recipe.model().trainCrop(), recipe.inverseUniform());
        out.printf("training %s on %d videos (%d batches of %d per epoch), validating on %d videos%n",
                recipe.model().name(), train.size(), data.batchesPerEpoch(), recipe.batchSize(), val.size());
        Map<String, Object> configDoc = new LinkedHashMap<>();
        configDoc.put("task", recipe.task());
        configDoc.put("model", recipe.model());
        configDoc.put("classes", classNames());
        String configJson = io.x3dava.annotations.json.Json.toString(configDoc);
        Trainer<List<io.x3dava.backbone.video.LoadedClip>> trainer = new Trainer<>(
                TrainerConfig.builder(outputDir, recipe.epochs()).optCheckpointPeriod(recipe.checkpointPeriod())
                        .optEvalPeriod(recipe.evalPeriod() == 0 ? recipe.epochs() : recipe.evalPeriod()).optSeed(recipe.seed())
                        .build(),
                recipe.schedule(), recipe.sgd(), parts.parameters(), parts.noDecay(), step, data,
                epoch -> test(m, net, val, 1, 1).asMap("val_"), configJson,
                new ProgressReporter(out, Math.max(1, data.batchesPerEpoch() / 4)));
        return trainer.run(m);
    }

    /** Multi-view test: K clips x crops per video (training-time validation uses 1 x 1 as PySlowFast does). */
    public TestResult test(NDManager m, X3DNetwork net, List<VideoSample> samples, int clips, int crops) {
        ClipSpec spec = new ClipSpec(recipe.model().numFrames(), recipe.model().samplingRate());
        MultiViewTester tester = MultiViewTester.builder(net, spec).setViews(clips, crops)
                .setScale(recipe.model().testCrop(), recipe.model().testCrop()).optMultiLabel(recipe.multiLabel())
                .optWorkers(recipe.workers()).optBatchSize(recipe.batchSize()).optOpener(opener(samples, testPolicy))
                .build();
        MultiViewTester.Result r = tester.run(m, samples);
        List<float[]> scores = new ArrayList<>();
        List<VideoSample> kept = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (r.scores()[i] != null) {
                scores.add(r.scores()[i]);
                kept.add(samples.get(i));
            }
        }
        if (kept.isEmpty()) {
            return new TestResult(Double.NaN, Double.NaN, Double.NaN, 0, r.skippedVideos(), r.missingFrames());
        }
        int classes = recipe.model().numClasses();
        float[][] s = scores.toArray(new float[0][]);
        if (recipe.multiLabel()) {
            boolean[][] labels = new boolean[kept.size()][];
            for (int i = 0; i < kept.size(); i++) {
                labels[i] = kept.get(i).videoLabels(classes);
            }
            double map = CharadesMap.compute(s, labels, CharadesMapDefinition.SLOWFAST).meanAp();
            return new TestResult(Double.NaN, Double.NaN, map, kept.size(), r.skippedVideos(), r.missingFrames());
        }
        int[] labels = kept.stream().mapToInt(VideoSample::label).toArray();
        ClassificationMetrics cm = ClassificationMetrics.compute(s, labels);
        return new TestResult(cm.top1(), cm.top5(), Double.NaN, kept.size(), r.skippedVideos(), r.missingFrames());
    }

    /** The trainable parameters and which of them are exempt from weight decay. */
    record X3DNetworkTrainingParts(Map<String, Parameter> parameters, Set<String> noDecay) {

        static X3DNetworkTrainingParts of(X3DNetwork net) {
            Map<String, Parameter> p = net.referenceParameters();
            return new X3DNetworkTrainingParts(p, X3DInit.batchNormKeys(p.keySet()));
        }
    }
}
