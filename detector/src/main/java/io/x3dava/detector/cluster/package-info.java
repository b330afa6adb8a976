/**
 * AVA detection spread over a cluster ({@code detect-ava --master}): the keyframes split into tasks of (video,
 * keyframe range), run on executors that each load the detector once, and the rows gathered in keyframe order.
 */
package io.x3dava.detector.cluster;
