/**
 * {@code annotate}: label people's actions at keyframes in a window. Boxes are pre-filled (detect-video's tracks, a
 * proposals CSV or the built-in person detector), moved, resized, drawn and deleted with the mouse; actions are ticked
 * per box; every change is written at once to the AVA ground-truth CSV (atomically), which is also where a reopened
 * session continues from.
 */
package io.x3dava.viewer.annotate;
