package io.x3dava.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import io.x3dava.annotations.CsvFiles;
import io.x3dava.annotations.ava.AvaBox;
import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.synthetic.Actor;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.backbone.synthetic.SyntheticVideos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PersonDetectorTest {
    /** The model sees 128 x 96 images: boxes are in those pixels. */
    private static final float[][] BOXES = {
            {32, 24, 96, 72},    // person 0.9 -> (0.25, 0.25, 0.75, 0.75)
            {0, 0, 64, 96},      // person 0.5: below 0.8
            {10, 10, 50, 50},    // class 3 (car) 0.99: not a person
            {100, 12, 140, 48},  // person 0.85, x2 past the edge: clipped to 1
    };
    private static final float[] SCORES = {0.9f, 0.5f, 0.99f, 0.85f};
    private static final float[] LABELS = {1, 1, 3, 1};

    @TempDir
    Path dir;
    Path modelDir;

    @BeforeEach
    void saveTinyModel() throws IOException {
        modelDir = Files.createDirectories(dir.resolve("model"));
        try (Model model = Model.newInstance("tiny", "PyTorch")) {
            FixedDetectionsBlock block = new FixedDetectionsBlock(BOXES.length);
            block.setDetections(model.getNDManager(), BOXES, SCORES, LABELS);
            model.setBlock(block);
            model.save(modelDir, "tiny");
        }
    }

    private static List<AvaBox> expectedBoxes() {
        return List.of(new AvaBox(0.25, 0.25, 0.75, 0.75), new AvaBox(100 / 128.0, 12 / 96.0, 1.0, 48 / 96.0));
    }

    @Test
    void keepsPersonsAboveThresholdNormalized() throws IOException {
        PersonBoxTranslator translator = new PersonBoxTranslator(128, 96, 1, 0.8, true);
        Keyframe kf = new Keyframe("vid", 902);
        DecodedClip black = new DecodedClip(new byte[48 * 64 * 3], 1, 48, 64);
        try (PersonDetector detector = PersonDetector.load(modelDir, "tiny", new FixedDetectionsBlock(BOXES.length),
                translator)) {
            List<PersonBox> found = detector.detect(kf, PersonDetector.toImage(black, 0));
            assertEquals(expectedBoxes(), found.stream().map(PersonBox::box).toList());
            assertEquals(List.of((double) 0.9f, (double) 0.85f), found.stream().map(PersonBox::score).toList());
            assertTrue(found.stream().allMatch(b -> b.keyframe().equals(kf)));
        }
        try (PersonDetector detector = PersonDetector.load(modelDir, "tiny", new FixedDetectionsBlock(BOXES.length),
                new PersonBoxTranslator(128, 96, 3, 0.0, false))) {
            List<PersonBox> cars = detector.detect(kf, PersonDetector.toImage(black, 0));
            assertEquals(List.of(new AvaBox(10 / 128.0, 10 / 96.0, 50 / 128.0, 50 / 96.0)),
                    cars.stream().map(PersonBox::box).toList(), "personClass is configurable");
        }
    }

    @Test
    void imageFromDecodedFrameKeepsRgb() {
        byte[] rgb = {(byte) 200, 100, 50, 0, 0, (byte) 255};
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            var a = PersonDetector.toImage(new DecodedClip(rgb, 1, 1, 2), 0)
                    .toNDArray(m, ai.djl.modality.cv.Image.Flag.COLOR);
            assertEquals(List.of(200, 100, 50, 0, 0, 255),
                    java.util.Arrays.stream(a.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray())
                            .boxed().toList());
        }
    }

    @Test
    void commandWritesSlowFastCsvForGeneratedVideo() throws IOException {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        // 2.5 s at 10 fps from movie second 900: keyframes 901 and 902 exist, 903 is past the end
        SyntheticVideos.writeVideo(videos.resolve("vidA.mp4"), List.of(Actor.of(Actor.RIGHT, 0.5, 0.5, 0.3)),
                64, 48, 25, 10, 1);
        Path out = dir.resolve("out/proposals.csv");
        DetectProposalsCommand cmd = new DetectProposalsCommand();
        cmd.testBlock = new FixedDetectionsBlock(BOXES.length);
        cmd.testModelName = "tiny";
        int rc = new CommandLine(cmd).execute("--videos", videos.toString(), "--keyframes", "901-903",
                "--model", modelDir.toString(), "--threshold", "0.8", "--input-size", "128x96", "--out", out.toString());
        assertEquals(0, rc);
        StringBuilder expected = new StringBuilder();
        for (String ts : List.of("0901", "0902")) {
            for (int i = 0; i < 2; i++) {
                AvaBox b = expectedBoxes().get(i);
                expected.append("vidA,").append(ts).append(',').append(CsvFiles.number(b.x1())).append(',')
                        .append(CsvFiles.number(b.y1())).append(',').append(CsvFiles.number(b.x2())).append(',')
                        .append(CsvFiles.number(b.y2())).append(",,").append(CsvFiles.number(i == 0 ? 0.9f : 0.85f))
                        .append('\n');
            }
        }
        assertEquals(expected.toString(), Files.readString(out));
        assertEquals(4, SlowFastProposals.read(out, 0.8).size());
        assertEquals(2, SlowFastProposals.read(out, 0.86).size());
        try (var s = Files.list(out.getParent())) {
            assertEquals(1, s.count(), "no temporary files left next to the output");
        }
    }
}
