package io.x3dava.detector.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;

import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.LabelMap;
import io.x3dava.annotations.ava.LabelMapEntry;
import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.classify.ClassificationTask;
import io.x3dava.backbone.synthetic.SyntheticVideos;
import io.x3dava.backbone.train.CheckpointStore;
import io.x3dava.backbone.video.ClipLoader;
import io.x3dava.backbone.video.ClipRequest;
import io.x3dava.backbone.video.ClipSpec;
import io.x3dava.backbone.video.FrameSources;
import io.x3dava.backbone.video.Placement;
import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DInit;
import io.x3dava.backbone.x3d.X3DNetwork;
import io.x3dava.backbone.x3d.X3DPresets;
import io.x3dava.backbone.x3d.X3DStateDict;
import io.x3dava.detector.model.AvaDetector;
import io.x3dava.detector.model.DetectorCheckpoint;
import io.x3dava.detector.model.DetectorConfig;
import io.x3dava.detector.video.ActionModel;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java API example compiles and runs against checkpoints written as train-ava and pretrain write them
 * (CheckpointStore, config.json, the label map / class list), and the predictor's scores are detect-video's.
 */
class JavaApiReadmeExampleTest {

    private static final List<String> ACTIONS = List.of("stand", "sit", "walk");
    private static final List<String> CLASSES = List.of("static", "sideways", "vertical", "pulse");

    private static Path detectorCheckpoint(Path run) throws Exception {
        DetectorConfig cfg = DetectorConfig.paper(X3DPresets.get("XS").withClip(4, 4, 64), 3).withCrops(64, 64);
        LabelMap labels = new LabelMap(List.of(new LabelMapEntry(1, ACTIONS.get(0), null),
                new LabelMapEntry(2, ACTIONS.get(1), null), new LabelMapEntry(3, ACTIONS.get(2), null)));
        try (NDManager m = NDManager.newBaseManager()) {
            AvaDetector d = AvaDetector.create(cfg, m, 5);
            d.referenceParameters().get("head.projection.weight").getArray().muli(100); // scores not all 0.5
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("task", "ava");
            doc.put("detector", cfg);
            return new CheckpointStore(run.resolve("checkpoints"), 3).save(1, 10,
                    X3DStateDict.export(d.referenceParameters()), Map.of(), Json.toString(doc),
                    DetectorCheckpoint.files(labels)).dir();
        }
    }

    private static Path classifierCheckpoint(Path run) throws Exception {
        X3DConfig cfg = X3DPresets.get("XS").withNumClasses(CLASSES.size()).withClip(4, 4, 64).withTestCrop(64);
        try (NDManager m = NDManager.newBaseManager()) {
            X3DNetwork net = X3DInit.newNetwork(cfg, m, 6);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("task", ClassificationTask.KINETICS);
            doc.put("model", cfg);
            doc.put("classes", CLASSES);
            return new CheckpointStore(run.resolve("checkpoints"), 3).save(1, 10,
                    X3DStateDict.export(net.referenceParameters()), Map.of(), Json.toString(doc)).dir();
        }
    }

    /** The ```java block after the README's java-api-example marker. */
    private static String readmeExample() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."),
                "README.md"));
        int marker = readme.indexOf("<!-- java-api-example -->");
        assertTrue(marker >= 0, "README.md has the java-api-example marker");
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideos.writeVideo(video, List.of(), 96, 72, 100, 25, 1);
        Path detector = detectorCheckpoint(dir.resolve("ava"));
        Path classifier = classifierCheckpoint(dir.resolve("k400"));

        Path src = dir.resolve("src/ActionsInMyService.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, readmeExample());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diag = new ByteArrayOutputStream();
        int rc = javac.run(null, diag, diag, "-d", dir.resolve("classes").toString(), "-cp",
                System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the README example compiles: " + diag.toString(StandardCharsets.UTF_8));

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader())) {
            Method main = cl.loadClass("ActionsInMyService").getMethod("main", String[].class);
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {video.toString(), detector.toString(), classifier.toString()});
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        String[] lines = out.strip().split("\n");
        assertEquals(3, lines.length, out);
        assertTrue(lines[0].startsWith("person 0: [") && lines[1].startsWith("person 1: ["), out);
        assertTrue(ACTIONS.stream().anyMatch(lines[0]::contains), "action names from the checkpoint: " + out);
        assertTrue(lines[2].startsWith("clip: ") && CLASSES.stream().anyMatch(lines[2]::contains), out);
    }

    @Test
    void predictorScoresAreDetectVideosScores(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideos.writeVideo(video, List.of(), 96, 72, 100, 25, 1);
        Path detector = detectorCheckpoint(dir.resolve("ava"));
        List<AvaBox> people = List.of(new AvaBox(0.5, 0.1, 0.8, 0.95), new AvaBox(0.0, 0.2, 0.3, 0.7));
        PersonActionScores got;
        try (ZooModel<PeopleInClip, PersonActionScores> model = AvaDetectors.criteria(detector).loadModel();
             Predictor<PeopleInClip, PersonActionScores> p = model.newPredictor()) {
            got = p.predict(new PeopleInClip(video, 2.0, people));
        }
        try (ActionModel am = ActionModel.load(detector)) {
            ClipRequest r = new ClipRequest(video, new ClipSpec(4, 4), new Placement.Centered(2.0),
                    am.decodeShortSide());
            float[][] want = am.classify(ClipLoader.load(0, r, FrameSources::open).clip(), people);
            for (int i = 0; i < people.size(); i++) {
                for (int k = 0; k < ACTIONS.size(); k++) {
                    assertEquals(want[i][k], got.boxes().get(i).get(ACTIONS.get(k)).getProbability(), 1e-6,
                            "box " + i + " " + ACTIONS.get(k));
                }
            }
            assertTrue(Math.abs(want[0][0] - want[1][0]) > 1e-3 || Math.abs(want[0][1] - want[1][1]) > 1e-3,
                    "the two boxes score differently, so box order is checked");
        }
    }
}
