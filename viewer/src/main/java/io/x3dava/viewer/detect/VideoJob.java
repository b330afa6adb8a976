package io.x3dava.viewer.detect;

import io.x3dava.detector.video.StreamSettings;
import io.x3dava.detector.video.VideoDetectionSettings;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What every video of a detect-video run shares: the models to open and how to run them. Serializable, so that a
 * cluster ships it to the executors, which open the models from it ({@link VideoModels}), with its paths made
 * absolute ({@link #withAbsolutePaths}).
 *
 * @param detector person detector spec (DetectorSpec's text: hog, zoo:NAME, a TorchScript file)
 * @param personThreshold minimum person score
 * @param torchvisionLib torchvision's native library for scripted torchvision detectors, or null
 * @param download whether DJL may download a zoo detector
 * @param checkpoint the AVA detector checkpoint folder, or null (people and tracks only)
 * @param labelMap the label map file given on the command line, or null (the checkpoint's)
 * @param settings how often and how long to predict
 * @param stream how sources are read
 * @param threshold minimum action score drawn on the video
 * @param topK actions drawn per person
 * @param writeVideo whether annotated.mp4 is written
 */
record VideoJob(String detector, double personThreshold, String torchvisionLib, boolean download, String checkpoint,
                String labelMap, VideoDetectionSettings settings, StreamSettings stream, double threshold, int topK,
                boolean writeVideo) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The same job with absolute paths, for executors whose working folder is not this process's. */
    VideoJob withAbsolutePaths() {
        return new VideoJob(detector, personThreshold, absolute(torchvisionLib), download, absolute(checkpoint),
                absolute(labelMap), settings, stream, threshold, topK, writeVideo);
    }

    private static String absolute(String path) {
        return path == null ? null : Path.of(path).toAbsolutePath().normalize().toString();
    }
}
