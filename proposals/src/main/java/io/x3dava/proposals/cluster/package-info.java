/**
 * detect-proposals spread over a cluster ({@code --master}): one task per video and range of keyframes, run on
 * executors that open the person detector once each and reuse it; boxes gathered in video and keyframe order.
 */
package io.x3dava.proposals.cluster;
