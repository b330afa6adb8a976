package io.x3dava.backbone.train;

/** Learning rate as a function of the fractional epoch (epoch + iteration / iterations per epoch), as PySlowFast. */
@FunctionalInterface
public interface LearningRateSchedule {

    double lr(double epoch);
}
