/**
 * CVAT's "CVAT for video 1.1" XML (also inside CVAT's export zip), read and written: person tracks become AVA
 * ground-truth rows at keyframes, and AVA rows (or detect-video's tracks) become tracks to open in CVAT.
 */
package io.x3dava.annotations.cvat;
