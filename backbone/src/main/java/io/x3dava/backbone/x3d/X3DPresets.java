package io.x3dava.backbone.x3d;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The named X3D networks with PySlowFast's config values (configs/Kinetics/X3D_*.yaml), which reproduce the paper's
 * Table 3 (X3D-XS..XL) and the X2D basis of Table 1; 400 Kinetics classes.
 */
public final class X3DPresets {

    private static final Map<String, X3DConfig> PRESETS = new LinkedHashMap<>();

    static {
        // X2D: one frame at 112^2 and no bottleneck expansion, the basis before any expansion (paper section 3.1).
        put(X3DConfig.builder("X2D").build());
        // The X3D family (paper Table 3; PySlowFast configs/Kinetics/X3D_*.yaml): gamma_t frames at stride gamma_tau,
        // gamma_s training crop with the test short side PySlowFast uses, gamma_w, gamma_b and gamma_d.
        put(x3d("X3D-XS").setClip(4, 12).setCrops(160, 182).build());
        put(x3d("X3D-S").setClip(13, 6).setCrops(160, 182).build());
        put(x3d("X3D-M").setClip(16, 5).setCrops(224, 256).build());
        // X3D-L and -XL train at 312^2 (paper Table 3) and are tested at 356^2 as in PySlowFast.
        put(x3d("X3D-L").setClip(16, 5).setCrops(312, 356).setDepthFactor(5.0).build());
        put(x3d("X3D-XL").setClip(16, 5).setCrops(312, 356).setDepthFactor(5.0).setWidthFactor(2.9).build());
    }

    /** What every X3D network of Table 3 shares: gamma_b = 2.25 and gamma_d = 2.2 unless a larger model deepens it. */
    private static X3DConfig.Builder x3d(String name) {
        return X3DConfig.builder(name).setBottleneckFactor(2.25).setDepthFactor(2.2);
    }

    private X3DPresets() {
    }

    private static void put(X3DConfig c) {
        PRESETS.put(c.name(), c);
    }

    /** Looks a preset up by name, case-insensitively and with or without the "X3D-" prefix ("xs", "X3D_M"). */
    public static X3DConfig get(String name) {
        String key = name.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        X3DConfig c = PRESETS.get(key);
        if (c == null) {
            c = PRESETS.get("X3D-" + key);
        }
        if (c == null) {
            throw new IllegalArgumentException("unknown X3D preset '" + name + "'; known: " + PRESETS.keySet());
        }
        return c;
    }

    public static Iterable<String> names() {
        return PRESETS.keySet();
    }
}
