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
        // X3D-L and -XL train at 312^2 (paper Table 3) and are tested at 356^2 as in PySlowFast.
        put(new X3DConfig("X2D", 400, 1, 1, 112, 112, 12, 2048, 2.0, 1.0, 1.0, 0.0625, 5, 0.5, false));
        put(new X3DConfig("X3D-XS", 400, 4, 12, 160, 182, 12, 2048, 2.0, 2.2, 2.25, 0.0625, 5, 0.5, false));
        put(new X3DConfig("X3D-S", 400, 13, 6, 160, 182, 12, 2048, 2.0, 2.2, 2.25, 0.0625, 5, 0.5, false));
        put(new X3DConfig("X3D-M", 400, 16, 5, 224, 256, 12, 2048, 2.0, 2.2, 2.25, 0.0625, 5, 0.5, false));
        put(new X3DConfig("X3D-L", 400, 16, 5, 312, 356, 12, 2048, 2.0, 5.0, 2.25, 0.0625, 5, 0.5, false));
        put(new X3DConfig("X3D-XL", 400, 16, 5, 312, 356, 12, 2048, 2.9, 5.0, 2.25, 0.0625, 5, 0.5, false));
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
