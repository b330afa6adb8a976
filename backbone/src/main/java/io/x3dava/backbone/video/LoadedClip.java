package io.x3dava.backbone.video;

/**
 * A decoded request: {@code position} is its index in the request list, {@code frameIndices} the source frames
 * used (after clamping), with the source's native size and rate so boxes and times can be mapped back.
 */
public record LoadedClip(int position, ClipRequest request, DecodedClip clip, long[] frameIndices,
                         double sourceFps, int sourceHeight, int sourceWidth) {}
