package io.x3dava.detector.run;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;

import io.x3dava.annotations.json.Json;
import io.x3dava.backbone.train.ScheduleConfig;
import io.x3dava.backbone.train.SgdConfig;
import io.x3dava.detector.infer.TestCrop;
import io.x3dava.proposals.InferenceBoxes;
import io.x3dava.detector.model.DetectorConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An AVA detection run as one JSON document (the {@code --config} file; the shipped ones are in detector/recipes/).
 * Every default of the AVA recipe lives here, beside the source it comes from: the X3D paper's appendix A.1, which
 * follows SlowFast's AVA recipe, and PySlowFast's configs/AVA/SLOW_8x8_R50_SHORT.yaml where the paper is silent.
 * Built with {@link #builder()} (set... for what has no default, opt... for the rest) or read from JSON; data paths may
 * be left out of the JSON and come from {@code --ava}.
 *
 * <p>JSON fields: description (lines saying where each value comes from); detector (DetectorConfig); videos,
 * offsetSeconds, labelMap, trainGt, trainProposals, valGt, valProposals, valExcluded, trainFrameList, valFrameList
 * (data); batchSize, schedule (ScheduleConfig), sgd (SgdConfig), workers, seed (training); trainProposalIou,
 * proposalThreshold (boxes); testCrop ("full" / "center"), testFlip, evalPeriod, padMissingFrames (inference and
 * validation).
 */
@JsonDeserialize(builder = AvaRecipe.Builder.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"description", "detector", "videos", "offsetSeconds", "labelMap", "trainGt", "trainProposals",
    "valGt", "valProposals", "valExcluded", "trainFrameList", "valFrameList", "batchSize", "schedule", "sgd", "workers",
    "seed", "trainProposalIou",
    "proposalThreshold", "testCrop", "testFlip", "evalPeriod", "padMissingFrames"})
public final class AvaRecipe {

    /** SOLVER.BASE_LR 0.1 for TRAIN.BATCH_SIZE 64 (paper appendix A.1; configs/AVA/*_SHORT.yaml), scaled linearly. */
    public static final double LR_PER_64_CLIPS = 0.1;
    /** SOLVER.WARMUP_START_LR 0.000125 = BASE_LR / 800 (configs/AVA/*_SHORT.yaml). */
    public static final double WARMUP_START_FRACTION = 1.0 / 800.0;
    /** SOLVER.MAX_EPOCH 20 (configs/AVA/*_SHORT.yaml; the paper gives 14k iterations instead). */
    public static final int EPOCHS = 20;
    /** SOLVER.WARMUP_EPOCHS 5 of 20 (configs/AVA/*_SHORT.yaml; the paper: 1k of 14k iterations). */
    public static final double WARMUP_FRACTION = 0.25;
    /** SOLVER.STEPS [0, 10, 15] of 20 with LRS [1, 0.1, 0.01]: step decay x0.1 (paper A.1; SlowFast's short config). */
    public static final List<Double> STEP_FRACTIONS = List.of(0.0, 0.5, 0.75);
    public static final List<Double> STEP_LRS = List.of(1.0, 0.1, 0.01);
    /** SOLVER.WEIGHT_DECAY 1e-7 (paper A.1; configs/AVA/*_SHORT.yaml), Nesterov momentum 0.9 (paper A.1). */
    public static final double WEIGHT_DECAY = 1e-7;
    /** Clips per step when nothing says otherwise: 16 fits a CPU; the paper uses 64 (with lr scaled linearly). */
    public static final int BATCH_SIZE = 16;
    /** AVA.DETECTION_SCORE_THRESH 0.8: person proposals kept at inference (paper section 5). */
    public static final double PROPOSAL_THRESHOLD = InferenceBoxes.SCORE_THRESHOLD;
    /** Proposals with IoU > 0.9 to a ground-truth box join the training boxes (paper section 5; ava_helper). */
    public static final double TRAIN_PROPOSAL_IOU = 0.9;
    /** AVA's cut clips start at movie second 900 (the AVA release). */
    public static final double OFFSET_SECONDS = 900;

    private final List<String> description;
    private final DetectorConfig detector;
    private final Path videos;
    private final double offsetSeconds;
    private final Path labelMap;
    private final Path trainGt;
    private final Path trainProposals;
    private final Path valGt;
    private final Path valProposals;
    private final Path valExcluded;
    private final Path trainFrameList;
    private final Path valFrameList;
    private final boolean padMissingFrames;
    private final int batchSize;
    private final ScheduleConfig schedule;
    private final SgdConfig sgd;
    private final int workers;
    private final long seed;
    private final double trainProposalIou;
    private final double proposalThreshold;
    private final TestCrop testCrop;
    private final boolean testFlip;
    private final int evalPeriod;

    private AvaRecipe(Builder b) {
        description = b.description == null ? null : List.copyOf(b.description);
        detector = b.detector;
        videos = b.videos;
        offsetSeconds = b.offsetSeconds;
        labelMap = b.labelMap;
        trainGt = b.trainGt;
        trainProposals = b.trainProposals;
        valGt = b.valGt;
        valProposals = b.valProposals;
        valExcluded = b.valExcluded;
        trainFrameList = b.trainFrameList;
        valFrameList = b.valFrameList;
        padMissingFrames = b.padMissingFrames;
        batchSize = b.batchSize;
        schedule = b.schedule != null ? b.schedule : defaultSchedule(b.batchSize, EPOCHS);
        sgd = b.sgd != null ? b.sgd : defaultSgd();
        workers = b.workers != null ? b.workers : Runtime.getRuntime().availableProcessors();
        seed = b.seed;
        trainProposalIou = b.trainProposalIou;
        proposalThreshold = b.proposalThreshold;
        testCrop = b.testCrop;
        testFlip = b.testFlip;
        evalPeriod = b.evalPeriod;
        if (detector == null) {
            throw new IllegalArgumentException("AVA recipe needs a detector");
        }
        if (batchSize <= 0 || workers <= 0) {
            throw new IllegalArgumentException("AVA recipe needs batchSize > 0 and workers > 0");
        }
        if (proposalThreshold < 0 || proposalThreshold > 1 || trainProposalIou < 0 || trainProposalIou > 1) {
            throw new IllegalArgumentException("AVA recipe needs proposalThreshold and trainProposalIou in [0, 1]");
        }
        if (evalPeriod < 0 || testCrop == null) {
            throw new IllegalArgumentException("AVA recipe needs evalPeriod >= 0 and a testCrop (full or center)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every value of this recipe, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.description = description;
        b.detector = detector;
        b.videos = videos;
        b.offsetSeconds = offsetSeconds;
        b.labelMap = labelMap;
        b.trainGt = trainGt;
        b.trainProposals = trainProposals;
        b.valGt = valGt;
        b.valProposals = valProposals;
        b.valExcluded = valExcluded;
        b.trainFrameList = trainFrameList;
        b.valFrameList = valFrameList;
        b.padMissingFrames = padMissingFrames;
        b.batchSize = batchSize;
        b.schedule = schedule;
        b.sgd = sgd;
        b.workers = workers;
        b.seed = seed;
        b.trainProposalIou = trainProposalIou;
        b.proposalThreshold = proposalThreshold;
        b.testCrop = testCrop;
        b.testFlip = testFlip;
        b.evalPeriod = evalPeriod;
        return b;
    }

    /**
     * The recipe's schedule for {@code batchSize} clips and {@code epochs}: lr 0.1 per 64 clips, step decay x0.1 at
     * 50% and 75% of the run, linear warm-up over the first quarter from lr/800 (configs/AVA/*_SHORT.yaml's 20 epochs
     * with steps at 10 and 15 and 5 warm-up epochs, scaled to {@code epochs}).
     */
    public static ScheduleConfig defaultSchedule(int batchSize, int epochs) {
        double lr = LR_PER_64_CLIPS * batchSize / 64.0;
        return ScheduleConfig.steps(lr, epochs, STEP_FRACTIONS.stream().map(f -> f * epochs).toList(), STEP_LRS,
                WARMUP_FRACTION * epochs, lr * WARMUP_START_FRACTION);
    }

    /** Nesterov SGD, momentum 0.9, weight decay 1e-7 (paper appendix A.1). */
    public static SgdConfig defaultSgd() {
        return SgdConfig.x3d(WEIGHT_DECAY);
    }

    /**
     * {@code s} stretched to {@code epochs}: steps and warm-up keep their fraction of the run (the paper's and SlowFast's
     * schedules are both given as fractions of one run length).
     */
    public static ScheduleConfig withEpochs(ScheduleConfig s, int epochs) {
        double f = epochs / s.maxEpoch();
        return new ScheduleConfig(s.policy(), s.baseLr(), epochs, s.warmupEpochs() * f, s.warmupStartLr(),
                s.cosineEndLr(), s.steps().stream().map(x -> x * f).toList(), s.relativeLrs());
    }

    /** {@code s} with base lr {@code lr}; the warm-up start keeps its ratio to it (1/800). */
    public static ScheduleConfig withBaseLr(ScheduleConfig s, double lr) {
        return new ScheduleConfig(s.policy(), lr, s.maxEpoch(), s.warmupEpochs(), s.warmupStartLr() * lr / s.baseLr(),
                s.cosineEndLr(), s.steps(), s.relativeLrs());
    }

    /** Where each value comes from (lines of free text; a single string is read as one line). */
    @JsonProperty
    public List<String> description() {
        return description;
    }

    @JsonProperty
    public DetectorConfig detector() {
        return detector;
    }

    @JsonProperty
    public Path videos() {
        return videos;
    }

    @JsonProperty
    public double offsetSeconds() {
        return offsetSeconds;
    }

    @JsonProperty
    public Path labelMap() {
        return labelMap;
    }

    @JsonProperty
    public Path trainGt() {
        return trainGt;
    }

    @JsonProperty
    public Path trainProposals() {
        return trainProposals;
    }

    @JsonProperty
    public Path valGt() {
        return valGt;
    }

    @JsonProperty
    public Path valProposals() {
        return valProposals;
    }

    @JsonProperty
    public Path valExcluded() {
        return valExcluded;
    }

    @JsonProperty
    public int batchSize() {
        return batchSize;
    }

    @JsonProperty
    public ScheduleConfig schedule() {
        return schedule;
    }

    @JsonProperty
    public SgdConfig sgd() {
        return sgd;
    }

    @JsonProperty
    public int workers() {
        return workers;
    }

    @JsonProperty
    public long seed() {
        return seed;
    }

    @JsonProperty
    public double trainProposalIou() {
        return trainProposalIou;
    }

    @JsonProperty
    public double proposalThreshold() {
        return proposalThreshold;
    }

    /** PySlowFast's frame list of the training frames (row i of a video = its frame i); null: the file names. */
    @JsonProperty
    public Path trainFrameList() {
        return trainFrameList;
    }

    @JsonProperty
    public Path valFrameList() {
        return valFrameList;
    }

    /**
     * Inference: score a keyframe whose clip misses frames with the nearest frame repeated, instead of leaving it
     * out (written only when on, so that older recipes compare equal).
     */
    @JsonProperty
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean padMissingFrames() {
        return padMissingFrames;
    }

    @JsonProperty
    public TestCrop testCrop() {
        return testCrop;
    }

    @JsonProperty
    public boolean testFlip() {
        return testFlip;
    }

    @JsonProperty
    public int evalPeriod() {
        return evalPeriod;
    }

    public int epochs() {
        return (int) Math.ceil(schedule.maxEpoch());
    }

    public String toJson() throws IOException {
        return Json.toString(this);
    }

    /** Reads a recipe; a malformed one is reported as {@code file:line: expected ...}. */
    public static AvaRecipe read(Path file) throws IOException {
        return Json.read(file, AvaRecipe.class);
    }

    /**
     * Named construction of a recipe (DJL's builder style): set... for the detector, which has no default, opt... for
     * the rest, whose defaults are the constants above. Jackson fills it from the JSON field names.
     */
    @JsonPOJOBuilder(withPrefix = "opt", buildMethodName = "build")
    public static final class Builder {
        private List<String> description;
        private DetectorConfig detector;
        private Path videos;
        private double offsetSeconds = OFFSET_SECONDS;
        private Path labelMap;
        private Path trainGt;
        private Path trainProposals;
        private Path valGt;
        private Path valProposals;
        private Path valExcluded;
        private Path trainFrameList;
        private Path valFrameList;
        private boolean padMissingFrames;
        private int batchSize = BATCH_SIZE;
        private ScheduleConfig schedule;
        private SgdConfig sgd;
        private Integer workers;
        private long seed;
        private double trainProposalIou = TRAIN_PROPOSAL_IOU;
        private double proposalThreshold = PROPOSAL_THRESHOLD;
        private TestCrop testCrop = TestCrop.FULL;
        private boolean testFlip;
        private int evalPeriod;

        private Builder() {
        }

        @JsonProperty("detector")
        public Builder setDetector(DetectorConfig d) {
            detector = d;
            return this;
        }

        public DetectorConfig detector() {
            return detector;
        }

        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        public Builder optDescription(List<String> lines) {
            description = lines;
            return this;
        }

        public Builder optVideos(Path p) {
            videos = p;
            return this;
        }

        public Builder optOffsetSeconds(double s) {
            offsetSeconds = s;
            return this;
        }

        public Builder optLabelMap(Path p) {
            labelMap = p;
            return this;
        }

        public Builder optTrainGt(Path p) {
            trainGt = p;
            return this;
        }

        public Builder optTrainProposals(Path p) {
            trainProposals = p;
            return this;
        }

        public Builder optValGt(Path p) {
            valGt = p;
            return this;
        }

        public Builder optValProposals(Path p) {
            valProposals = p;
            return this;
        }

        public Builder optValExcluded(Path p) {
            valExcluded = p;
            return this;
        }

        public Builder optTrainFrameList(Path p) {
            trainFrameList = p;
            return this;
        }

        public Builder optValFrameList(Path p) {
            valFrameList = p;
            return this;
        }

        public Builder optPadMissingFrames(boolean pad) {
            padMissingFrames = pad;
            return this;
        }

        /** Clips per step; without a schedule of its own the lr follows it (0.1 per 64 clips). */
        public Builder optBatchSize(int n) {
            batchSize = n;
            return this;
        }

        public int batchSize() {
            return batchSize;
        }

        /** The schedule; null = {@link #defaultSchedule} for the batch size over {@link #EPOCHS} epochs. */
        public Builder optSchedule(ScheduleConfig s) {
            schedule = s;
            return this;
        }

        public ScheduleConfig schedule() {
            return schedule != null ? schedule : defaultSchedule(batchSize, EPOCHS);
        }

        public Builder optSgd(SgdConfig s) {
            sgd = s;
            return this;
        }

        /** Decoding threads; null = every processor. */
        public Builder optWorkers(Integer n) {
            workers = n;
            return this;
        }

        public Builder optSeed(long s) {
            seed = s;
            return this;
        }

        public Builder optTrainProposalIou(double iou) {
            trainProposalIou = iou;
            return this;
        }

        public Builder optProposalThreshold(double t) {
            proposalThreshold = t;
            return this;
        }

        public Builder optTestCrop(TestCrop c) {
            testCrop = c;
            return this;
        }

        public Builder optTestFlip(boolean f) {
            testFlip = f;
            return this;
        }

        /** Validation (detection + frame-mAP) every this many epochs; 0 = only after training. */
        public Builder optEvalPeriod(int n) {
            evalPeriod = n;
            return this;
        }

        public AvaRecipe build() {
            return new AvaRecipe(this);
        }
    }
}
