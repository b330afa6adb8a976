package io.x3dava.backbone.x3d;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.x3dava.annotations.json.Json;
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

    private static final ObjectMapper JSON = Json.mapper();

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
        return toBuilder().setClasses(classes).build();
    }

    public X3DConfig withClip(int frames, int rate, int crop) {
        return toBuilder().setClip(frames, rate).setCrops(crop, crop).build();
    }

    public X3DConfig withTestCrop(int crop) {
        return toBuilder().setCrops(trainCrop, crop).build();
    }

    /** A network named {@code name} with the X3D family's fixed choices; set the expansion factors. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this network's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.numClasses = numClasses;
        b.numFrames = numFrames;
        b.samplingRate = samplingRate;
        b.trainCrop = trainCrop;
        b.testCrop = testCrop;
        b.dimC1 = dimC1;
        b.dimC5 = dimC5;
        b.widthFactor = widthFactor;
        b.depthFactor = depthFactor;
        b.bottleneckFactor = bottleneckFactor;
        b.seRatio = seRatio;
        b.stemTemporalKernel = stemTemporalKernel;
        b.dropout = dropout;
        b.scaleRes2 = scaleRes2;
        return b;
    }

    /**
     * Named construction of an {@link X3DConfig}. The defaults are the choices the paper keeps fixed for every X3D
     * network (section 3 and Table 1) as PySlowFast's X3D configs write them; the expansion factors and the clip are
     * what a preset sets.
     */
    public static final class Builder {
        private final String name;
        /** Kinetics-400 (paper section 4). */
        private int numClasses = 400;
        /** X2D: one frame (paper Table 1). */
        private int numFrames = 1;
        private int samplingRate = 1;
        /** X2D: 112^2 (paper Table 1); the test side is 128/112 of it unless set. */
        private int trainCrop = 112;
        private int testCrop = 112;
        /** X3D.DIM_C1 = 12, the stem basis before the width factor. */
        private int dimC1 = 12;
        /** X3D.DIM_C5 = 2048, the head's lin_5 width (paper Table 1, "2048"). */
        private int dimC5 = 2048;
        /** X3D.WIDTH_FACTOR = 2.0 for XS..L (doubles the 12-channel basis to 24, paper Table 1). */
        private double widthFactor = 2.0;
        private double depthFactor = 1.0;
        private double bottleneckFactor = 1.0;
        /** Squeeze-excitation with ratio 1/16 in every other block (paper section 3). */
        private double seRatio = 0.0625;
        /** The stem's temporal kernel of 5 (paper Table 1, conv1 "5x1^2"). */
        private int stemTemporalKernel = 5;
        /** Dropout 0.5 before the classifier (paper section 4). */
        private double dropout = 0.5;
        private boolean scaleRes2;

        private Builder(String name) {
            this.name = name;
        }

        public Builder setClasses(int classes) {
            this.numClasses = classes;
            return this;
        }

        /** gamma_t frames at stride gamma_tau. */
        public Builder setClip(int frames, int rate) {
            this.numFrames = frames;
            this.samplingRate = rate;
            return this;
        }

        /** gamma_s: the training crop and the test short side. */
        public Builder setCrops(int train, int test) {
            this.trainCrop = train;
            this.testCrop = test;
            return this;
        }

        public Builder setWidthFactor(double gammaW) {
            this.widthFactor = gammaW;
            return this;
        }

        public Builder setDepthFactor(double gammaD) {
            this.depthFactor = gammaD;
            return this;
        }

        public Builder setBottleneckFactor(double gammaB) {
            this.bottleneckFactor = gammaB;
            return this;
        }

        public Builder optStemWidth(int dimC1) {
            this.dimC1 = dimC1;
            return this;
        }

        public Builder optHeadWidth(int dimC5) {
            this.dimC5 = dimC5;
            return this;
        }

        public Builder optSeRatio(double ratio) {
            this.seRatio = ratio;
            return this;
        }

        public Builder optStemTemporalKernel(int kernel) {
            this.stemTemporalKernel = kernel;
            return this;
        }

        public Builder optDropout(double rate) {
            this.dropout = rate;
            return this;
        }

        public Builder optScaleRes2(boolean scale) {
            this.scaleRes2 = scale;
            return this;
        }

        public X3DConfig build() {
            return new X3DConfig(name, numClasses, numFrames, samplingRate, trainCrop, testCrop, dimC1, dimC5,
                    widthFactor, depthFactor, bottleneckFactor, seRatio, stemTemporalKernel, dropout, scaleRes2);
        }
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
        return Json.read(file, X3DConfig.class);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }
}
