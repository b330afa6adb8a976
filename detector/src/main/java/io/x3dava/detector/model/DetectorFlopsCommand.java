package io.x3dava.detector.model;

import io.x3dava.backbone.x3d.X3DConfig;
import io.x3dava.backbone.x3d.X3DPresets;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Parameters (and GFLOPs per keyframe) of the AVA detector per X3D preset and feature option, to compare with the X3D
 * paper's Table 8 (X3D-M on AVA: 3.1M parameters).
 */
@Command(name = "detector-flops", mixinStandardHelpOptions = true,
        description = "Parameters and GFLOPs per keyframe (one box, square test view) of the AVA detector for each "
                + "X3D preset and box-feature option (res5, conv5, lin5); compare with the X3D paper's Table 8.")
public final class DetectorFlopsCommand implements Callable<Integer> {

    @Option(names = "--preset", description = "one preset (XS, S, M, L, XL); default: all of them")
    String preset;

    @Option(names = "--features", description = "one feature option (res5, conv5, lin5); default: all")
    DetectorFeatures features;

    @Option(names = "--classes", defaultValue = "80", description = "classifier outputs (80 for AVA v2.1/v2.2)")
    int classes;

    private final PrintStream out;

    public DetectorFlopsCommand() {
        this(System.out);
    }

    public DetectorFlopsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (classes < 1) {
            throw new IllegalArgumentException("--classes must be >= 1, got " + classes);
        }
        List<X3DConfig> backbones = new ArrayList<>();
        if (preset != null) {
            backbones.add(X3DPresets.get(preset));
        } else {
            for (String name : X3DPresets.names()) {
                if (name.startsWith("X3D-")) {
                    backbones.add(X3DPresets.get(name));
                }
            }
        }
        List<DetectorFeatures> options = features != null ? List.of(features) : List.of(DetectorFeatures.values());
        out.printf(Locale.ROOT, "%-8s %-8s %9s %12s %12s %10s%n", "preset", "features", "test", "params (M)",
                "paper (M)", "GFLOPs");
        for (X3DConfig b : backbones) {
            for (DetectorFeatures f : options) {
                DetectorConfig c = DetectorConfig.paper(b, classes).withFeatures(f);
                DetectorComplexity r = DetectorComplexity.of(c);
                out.printf(Locale.ROOT, "%-8s %-8s %9s %12.3f %12.3f %10.2f%n", b.name(), f.key(),
                        b.numFrames() + "x" + c.testSize() + "^2", r.params() / 1e6, r.paperParams() / 1e6,
                        r.gflops());
            }
        }
        out.println("params: every learned parameter (with BN gamma/beta); paper: conv/fc weights and biases only.");
        out.println("GFLOPs: multiply-adds per keyframe at the square test size (128/112 of the training crop), "
                + "one box; RoIAlign not counted.");
        return 0;
    }
}
