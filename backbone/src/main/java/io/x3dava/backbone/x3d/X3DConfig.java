package io.x3dava.backbone.x3d;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.x3dava.annotations.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One X3D network, in the parameterisation of PySlowFast's X3D configs (so that a user's YAML values carry over):
 * the paper's six expansion factors map to numFrames (gamma_t), samplingRate (gamma_tau), trainCrop (gamma_s * 112),
 * widthFactor (gamma_w, applied to the 12-channel basis dimC1, X3D paper Table 1 doubles it to 24), bottleneckFactor
 * (gamma_b) and depthFactor (gamma_d).
 *
 * @param name preset name or a user label
 * @param numClasses classifier outputs (400 Kinetics, 157 Charades)
 * @param numFrames gamma_t, frames per clip
 * @param samplingRate gamma_tau, stride between sampled frames at 30 fps
 * @param trainCrop spatial crop during training (and for the paper's FLOP counts)
 * @param testCrop short side / crop at test time
 * @param dimC1 basis width of the stem before the width factor (PySlowFast X3D.DIM_C1 = 12)
 * @param dimC5 width of the head's fc1 ("lin_5", X3D.DIM_C5 = 2048)
 * @param widthFactor X3D.WIDTH_FACTOR
 * @param depthFactor X3D.DEPTH_FACTOR
 * @param bottleneckFactor X3D.BOTTLENECK_FACTOR (inner width of the channel-wise conv)
 * @param seRatio squeeze-excitation reduction (1/16, paper section 3)
 * @param stemTemporalKernel temporal kernel of the stem's channel-wise conv (5, paper Table 1)
 * @param dropout dropout before the classifier (0.5, paper section 4)
 * @param scaleRes2 X3D.SCALE_RES2: whether res2 is also widened by 2 over dimC1
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record X3DConfig(String name, int numClasses, int numFrames, int samplingRate, int trainCrop, int testCrop,
                        int dimC1, int dimC5, double widthFactor, double depthFactor, double bottleneckFactor,
                        double seRatio, int stemTemporalKernel, double dropout, boolean scaleRes2) {

    /** Depth of res2..res5 before the depth factor (X2D, paper Table 1). */
    public static final List<Integer> BASE_DEPTHS = List.of(1, 2, 5, 3);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public X3DConfig {
        require(numClasses > 0, "numClasses must be positive, got " + numClasses);
        require(numFrames > 0, "numFrames must be positive, got " + numFrames);
        require(samplingRate > 0, "samplingRate must be positive, got " + samplingRate);
        require(trainCrop >= 32, "trainCrop must be at least 32, got " + trainCrop);
        require(testCrop >= 32, "testCrop must be at least 32, got " + testCrop);
        require(dimC1 > 0 && dimC5 > 0, "dimC1 and dimC5 must be positive");
        require(widthFactor > 0 && depthFactor > 0 && bottleneckFactor > 0, "expansion factors must be positive");
        require(seRatio >= 0 && seRatio < 1, "seRatio must be in [0,1), got " + seRatio);
        require(stemTemporalKernel > 0 && stemTemporalKernel % 2 == 1, "stemTemporalKernel must be odd");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0,1), got " + dropout);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("X3D config: " + message);
        }
    }

    public X3DConfig withNumClasses(int classes) {
        return new X3DConfig(name, classes, numFrames, samplingRate, trainCrop, testCrop, dimC1, dimC5, widthFactor,
                depthFactor, bottleneckFactor, seRatio, stemTemporalKernel, dropout, scaleRes2);
    }

    public X3DConfig withClip(int frames, int rate, int crop) {
        return new X3DConfig(name, numClasses, frames, rate, crop, crop, dimC1, dimC5, widthFactor, depthFactor,
                bottleneckFactor, seRatio, stemTemporalKernel, dropout, scaleRes2);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X3DConfig fromJson(String json) throws IOException {
        return JSON.readValue(json, X3DConfig.class);
    }

    public static X3DConfig read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), X3DConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ":" + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }
}
