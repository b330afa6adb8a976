package io.x3dava.backbone.train;

import java.util.Map;

/**
 * One line of metrics.jsonl.
 *
 * @param epoch 1-based epoch just finished
 * @param globalStep optimizer steps so far
 * @param lr learning rate of the last step
 * @param trainLoss mean training loss of the epoch
 * @param trainAccuracy fraction correct as counted by the task (top-1 for classification), NaN when not counted
 * @param clipsPerSecond training throughput of the epoch
 * @param seconds wall time of the epoch
 * @param skipped samples skipped so far (unreadable inputs, missing frames included)
 * @param eval evaluation metrics of this epoch (empty when not evaluated)
 * @param missingFrameClips of the skipped samples, those whose clip needed a missing or undecodable frame
 * @param missingFrameVideos the videos those frames belong to
 */
public record EpochMetrics(int epoch, long globalStep, double lr, double trainLoss, double trainAccuracy,
                           double clipsPerSecond, double seconds, long skipped, Map<String, Double> eval,
                           long missingFrameClips, int missingFrameVideos) {
}
