package io.x3dava.viewer;

/** One action of a detected person with its score. */
public record ActionScore(int actionId, double score) {}
