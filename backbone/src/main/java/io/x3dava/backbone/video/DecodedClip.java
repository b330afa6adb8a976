package io.x3dava.backbone.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;

/**
 * Decoded frames as plain Java data (so worker threads never touch DJL): RGB uint8, layout (T, H, W, 3).
 */
public record DecodedClip(byte[] rgb, int frames, int height, int width) {
    public DecodedClip {
        long expected = (long) frames * height * width * 3;
        if (rgb.length != expected) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes, expected T*H*W*3 = " + expected);
        }
    }

    /** Byte offset of pixel (t, y, x), channel 0. */
    public int offset(int t, int y, int x) {
        return ((t * height + y) * width + x) * 3;
    }

    /** Mean of one channel over frame t (tests and diagnostics). */
    public double meanChannel(int t, int channel) {
        long sum = 0;
        int base = t * height * width * 3;
        for (int i = base + channel; i < base + height * width * 3; i += 3) {
            sum += rgb[i] & 0xff;
        }
        return sum / (double) (height * width);
    }

    /** A uint8 NDArray (T, H, W, 3) owned by {@code manager}; call on the consumer thread. */
    public NDArray toNDArray(NDManager manager) {
        ByteBuffer buf = ByteBuffer.allocateDirect(rgb.length);
        buf.put(rgb).flip();
        return manager.create(buf, new Shape(frames, height, width, 3), DataType.UINT8);
    }
}
