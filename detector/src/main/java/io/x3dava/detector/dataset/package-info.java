/**
 * {@code make-dataset}: the user's videos and ground truth laid out as an AVA folder in PySlowFast's layout (frame
 * folders at 30 fps with frame lists, train/val CSVs split by video, label map, person proposals with their recall,
 * empty excluded timestamps), so that {@code check-ava}, {@code train-ava} and {@code detect-ava} read it as they read
 * AVA.
 */
package io.x3dava.detector.dataset;
