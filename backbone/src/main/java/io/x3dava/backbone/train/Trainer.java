package io.x3dava.backbone.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import io.x3dava.backbone.checkpoint.Checkpoints;
import io.x3dava.backbone.checkpoint.TensorData;
import io.x3dava.backbone.video.MissingFrames;
import io.x3dava.backbone.x3d.X3DStateDict;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by Kinetics pre-training, Charades fine-tuning and AVA detection: one optimizer step per
 * batch with the recipe's schedule evaluated at the fractional epoch, a checkpoint every few epochs written atomically,
 * resume from the newest checkpoint with the same schedule, metrics.jsonl and a PNG of the curves, and a clean stop on
 * a NaN or exploding loss. With several GPUs each batch is split over them (data parallel, {@link
 * ReplicaParameterStore}); the schedule advances once per global step.
 */
public final class Trainer<B> {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainerConfig config;
    private final ScheduleConfig schedule;
    private final SgdConfig sgd;
    private final Map<String, Parameter> params;
    private final Set<String> noDecay;
    private final TrainStep<B> step;
    private final EpochSource<B> data;
    private final IntFunction<Map<String, Double>> evaluator;
    private final String configJson;
    private final ProgressReporter progress;

    /**
     * @param params every parameter and BN statistic by reference name (what checkpoints hold)
     * @param noDecay parameters without weight decay (BatchNorm gamma and beta)
     * @param evaluator called with the epoch number after evaluation epochs; returns named metrics
     * @param configJson stored beside the weights so a checkpoint says what network and task it is
     */
    public Trainer(TrainerConfig config, ScheduleConfig schedule, SgdConfig sgd, Map<String, Parameter> params,
                   Set<String> noDecay, TrainStep<B> step, EpochSource<B> data,
                   IntFunction<Map<String, Double>> evaluator, String configJson, ProgressReporter progress) {
        this.config = config;
        this.schedule = schedule;
        this.sgd = sgd;
        this.params = params;
        this.noDecay = noDecay;
        this.step = step;
        this.data = data;
        this.evaluator = evaluator;
        this.configJson = configJson;
        this.progress = progress;
    }

    /** Summary of a finished run; {@code missingFrames}: training clips skipped for missing frames, all epochs. */
    public record Summary(int epochs, long globalStep, List<EpochMetrics> history, CheckpointStore.Checkpoint last,
                          MissingFrames missingFrames) {
    }

    public Summary run(NDManager manager) throws IOException {
        Files.createDirectories(config.outputDir());
        CheckpointStore store = new CheckpointStore(config.outputDir().resolve("checkpoints"), config.keepLast());
        MetricsLog metrics = new MetricsLog(config.outputDir().resolve("metrics.jsonl"));
        LearningRateSchedule lrAt = schedule.build();
        int batches = data.batchesPerEpoch();
        if (batches <= 0) {
            throw new IllegalArgumentException(
                    "the training set yields no batch (is it empty or smaller than a batch?)");
        }
        for (Parameter p : params.values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
        try (SgdOptimizer opt = new SgdOptimizer(sgd, params, noDecay, manager)) {
            int startEpoch = 0;
            long globalStep = 0;
            CheckpointStore.Checkpoint last = null;
            Optional<CheckpointStore.Checkpoint> resume = store.latest();
            if (resume.isPresent()) {
                last = resume.get();
                restore(last, opt);
                startEpoch = last.epoch();
                globalStep = last.globalStep();
                metrics.resume(startEpoch);
                progress.message("resuming from " + last.dir() + " (epoch " + startEpoch + ", step " + globalStep
                        + ")");
            }
            List<Device> devices = config.resolvedDevices();
            if (devices.size() > 1) {
                progress.message("data parallel over " + devices);
            }
            // Created after a resume has restored the weights: every replica starts from them.
            try (ReplicaParameterStore replicas = new ReplicaParameterStore(manager, params, devices)) {
                long stepsTotal = (long) (config.maxEpoch() - startEpoch) * batches;
                long stepsDone = 0;
                for (int epoch = startEpoch; epoch < config.maxEpoch(); epoch++) {
                    long t0 = System.nanoTime();
                    double lossSum = 0;
                    double correct = 0;
                    long samples = 0;
                    double lr = 0;
                    Iterator<B> it = data.batches(epoch);
                    int i = 0;
                    while (it.hasNext()) {
                        B batch = it.next();
                        lr = lrAt.lr(epoch + (double) i / batches);
                        StepResult r = forwardBackward(replicas, batch, epoch, i, last);
                        double loss = r.loss();
                        samples += r.samples();
                        correct += r.correct();
                        replicas.reduceGradients();
                        opt.step(lr);
                        replicas.broadcast();
                        globalStep++;
                        stepsDone++;
                        i++;
                        lossSum += loss;
                        double secs = (System.nanoTime() - t0) / 1e9;
                        progress.step(epoch + 1, config.maxEpoch(), i, batches, lossSum / i, lr, samples / secs,
                                stepsDone, stepsTotal);
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    int done = epoch + 1;
                    boolean lastEpoch = done == config.maxEpoch();
                    Map<String, Double> eval = Map.of();
                    if (config.evalPeriod() > 0 && (done % config.evalPeriod() == 0 || lastEpoch)) {
                        eval = new LinkedHashMap<>(evaluator.apply(done));
                    }
                    EpochMetrics m = new EpochMetrics(done, globalStep, lr, lossSum / Math.max(1, i),
                            samples == 0 ? Double.NaN : correct / samples, samples / seconds, seconds,
                            data.skippedSamples(), eval, data.missingFrames().clips(),
                            data.missingFrames().videos());
                    metrics.add(m);
                    progress.message(String.format(Locale.ROOT, "epoch %d: loss %.4f, train acc %.3f, %.1f clips/s%s",
                            done, m.trainLoss(), m.trainAccuracy(), m.clipsPerSecond(),
                            eval.isEmpty() ? "" : ", " + eval));
                    if (done % config.checkpointPeriod() == 0 || lastEpoch) {
                        last = store.save(done, globalStep, X3DStateDict.export(params), exportMomentum(opt),
                                configJson, config.checkpointFiles());
                    }
                }
            }
            MetricsPlot.write(config.outputDir().resolve("metrics.png"), metrics.epochs());
            MissingFrames gaps = data.missingFrames();
            if (data.skippedSamples() > gaps.clips()) {
                progress.message((data.skippedSamples() - gaps.clips())
                        + " samples were skipped because their video could not be read");
            }
            if (gaps.clips() > 0) {
                progress.message(gaps.summary("clips"));
            }
            return new Summary(config.maxEpoch(), globalStep, metrics.epochs(), last, gaps);
        }
    }

    /** Loss and counts of one optimizer step. */
    private record StepResult(double loss, long samples, double correct) {
    }

    /**
     * One step, split over the devices when there are several: each shard's forward and backward run on its device
     * with its replica of the parameters; each shard's mean loss is weighted by 1/shards so that the summed gradient is
     * the batch mean's.
     */
    private StepResult forwardBackward(ReplicaParameterStore replicas, B batch, int epoch, int i,
                                       CheckpointStore.Checkpoint last) {
        List<B> shards = step.split(batch, replicas.size());
        double loss = 0;
        long samples = 0;
        double correct = 0;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            for (int k = 0; k < shards.size(); k++) {
                replicas.use(k);
                StepSeeds.seedTorch(config.seed(), epoch, i, k);
                try (NDManager dm = NDManager.newBaseManager(replicas.device(k))) {
                    TrainStep.Output out = step.forward(replicas, dm, shards.get(k));
                    double l = out.loss().getFloat();
                    checkLoss(l, epoch, i, last);
                    gc.backward(shards.size() == 1 ? out.loss() : out.loss().div(shards.size()));
                    loss += l / shards.size();
                    samples += out.samples();
                    correct += out.correct();
                }
            }
        } finally {
            replicas.use(0);
        }
        return new StepResult(loss, samples, correct);
    }

    private void checkLoss(double loss, int epoch, int batch, CheckpointStore.Checkpoint last) {
        if (!Double.isFinite(loss) || loss > config.explodeLoss()) {
            String where = last == null ? "no checkpoint was written yet" : "the last good checkpoint is " + last.dir();
            throw new TrainingDivergedException(String.format(Locale.ROOT,
                    "training stopped: loss is %s at epoch %d, batch %d (limit %.3g); %s. Lower the learning rate or "
                            + "check the inputs.", loss, epoch + 1, batch + 1, config.explodeLoss(), where));
        }
    }

    private void restore(CheckpointStore.Checkpoint ck, SgdOptimizer opt) throws IOException {
        X3DStateDict.load(params, Checkpoints.readStateDict(ck.model()), true, List.of());
        Map<String, float[]> buffers = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : Checkpoints.readStateDict(ck.optimizer()).entrySet()) {
            buffers.put(e.getKey(), e.getValue().toFloatArray());
        }
        opt.load(buffers);
        LOG.info("restored {} parameters and {} momentum buffers from {}", params.size(), buffers.size(), ck.dir());
    }

    private static Map<String, TensorData> exportMomentum(SgdOptimizer opt) {
        return X3DStateDict.exportArrays(new java.util.TreeMap<>(opt.state()));
    }
}
