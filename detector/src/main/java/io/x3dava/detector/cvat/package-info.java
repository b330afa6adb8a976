/**
 * The CVAT commands: {@code import-cvat} (CVAT for video 1.1 tracks to an AVA ground-truth CSV) and
 * {@code export-cvat} (a ground-truth CSV, or detect-video's tracks and actions, to CVAT), with the video they are
 * about opened to learn its size, rate and length.
 */
package io.x3dava.detector.cvat;
