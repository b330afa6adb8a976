package io.x3dava.detector.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.x3dava.backbone.train.ScheduleConfig;
import io.x3dava.backbone.train.SgdConfig;
import io.x3dava.detector.model.DetectorConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An AVA detection run as one JSON document. Defaults follow the AVA recipe of the X3D paper's appendix A.1 as SlowFast
 * configures it (steps_with_relative_lrs x0.1 at 50% and 75% of the run, linear warm-up for a quarter of the run from
 * lr/800, Nesterov momentum 0.9, weight decay 1e-7, lr 0.1 per 64 clips).
 *
 * @param detector network and crops
 * @param videos AVA cut clips or frame folders
 * @param offsetSeconds movie second at which the files start (900 for AVA)
 * @param proposalThreshold person-box score threshold at inference (0.8, paper section 5)
 */
public record AvaRecipe(DetectorConfig detector, Path videos, double offsetSeconds, Path labelMap, Path trainGt,
                        Path trainProposals, Path valGt, Path valProposals, Path valExcluded, int batchSize,
                        ScheduleConfig schedule, SgdConfig sgd, int workers, long seed, double proposalThreshold) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public AvaRecipe {
        if (detector == null || videos == null || labelMap == null || schedule == null || sgd == null) {
            throw new IllegalArgumentException("AVA recipe needs detector, videos, labelMap, schedule and sgd");
        }
        if (batchSize <= 0 || workers <= 0 || proposalThreshold < 0 || proposalThreshold > 1) {
            throw new IllegalArgumentException("AVA recipe needs batchSize, workers > 0 and a threshold in [0, 1]");
        }
    }

    public static ScheduleConfig defaultSchedule(int batchSize, int epochs) {
        double lr = 0.1 * batchSize / 64.0;
        return ScheduleConfig.steps(lr, epochs, List.of(0.0, 0.5 * epochs, 0.75 * epochs), List.of(1.0, 0.1, 0.01),
                0.25 * epochs, lr / 800.0);
    }

    public static SgdConfig defaultSgd() {
        return SgdConfig.x3d(1e-7);
    }

    public int epochs() {
        return (int) Math.ceil(schedule.maxEpoch());
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }

    public static AvaRecipe read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), AvaRecipe.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }
}
