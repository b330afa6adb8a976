package io.x3dava.viewer;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * A decoded frame: packed RGB bytes (rows of width*3, no padding: the backbone reader removes FFmpeg's row stride), its
 * index and its time on the video clock.
 */
public record VideoFrame(long index, double time, int width, int height, byte[] rgb) {
    public VideoFrame {
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes, expected " + width + "x" + height + "x3");
        }
    }

    /** The pixels as a BufferedImage sharing the bytes (no copy): R, G, B interleaved, sRGB. */
    public BufferedImage image() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, width, height, 3,
                width * 3, new int[] {0, 1, 2});
        return new BufferedImage(cm, Raster.createWritableRaster(sm, new DataBufferByte(rgb, rgb.length), null), false,
                null);
    }

    /** 0xRRGGBB at (x, y). */
    public int rgbAt(int x, int y) {
        int o = (y * width + x) * 3;
        return (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | rgb[o + 2] & 0xff;
    }
}
