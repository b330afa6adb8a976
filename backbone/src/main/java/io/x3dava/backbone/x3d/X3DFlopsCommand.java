package io.x3dava.backbone.x3d;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints {@link X3DComplexity}'s per-stage table (multiply-adds, parameters without BN, activations; the counting of the
 * X3D paper's Table 3) for presets and/or a config file, plus the parameter count with BatchNorm as PyTorch reports it.
 */
@Command(name = "x3d-flops", mixinStandardHelpOptions = true,
        description = "Per-stage GFLOPs (multiply-adds), parameters and activations of an X3D network, counted as in "
                + "the X3D paper's Table 3. With no --preset/--config, prints every preset.")
public final class X3DFlopsCommand implements Callable<Integer> {

    @Option(names = "--preset", description = "preset name (X2D, XS, S, M, L, XL; with or without 'X3D-')")
    String preset;

    @Option(names = "--all", description = "every preset")
    boolean all;

    @Option(names = "--config", description = "X3DConfig JSON file")
    Path config;

    @Option(names = "--frames", description = "frames per clip (default: the config's training clip)")
    Integer frames;

    @Option(names = "--crop", description = "spatial size H = W (default: the config's training crop)")
    Integer crop;

    private final PrintStream out;

    public X3DFlopsCommand() {
        this(System.out);
    }

    public X3DFlopsCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (frames != null && frames < 1) {
            throw new IllegalArgumentException("--frames must be >= 1, got " + frames);
        }
        if (crop != null && crop < 32) {
            throw new IllegalArgumentException("--crop must be >= 32, got " + crop);
        }
        List<X3DConfig> configs = new ArrayList<>();
        if (all || (preset == null && config == null)) {
            for (String name : X3DPresets.names()) {
                configs.add(X3DPresets.get(name));
            }
        } else if (preset != null) {
            configs.add(X3DPresets.get(preset));
        }
        if (config != null) {
            configs.add(X3DConfig.read(config));
        }
        for (int i = 0; i < configs.size(); i++) {
            if (i > 0) {
                out.println();
            }
            print(configs.get(i));
        }
        return 0;
    }

    private void print(X3DConfig c) {
        int t = frames != null ? frames : c.numFrames();
        int s = crop != null ? crop : c.trainCrop();
        X3DComplexity.Report r = X3DComplexity.of(c, t, s, s);
        out.print(r.table());
        out.printf(Locale.ROOT, "parameters: %,d conv/fc (paper counting), %,d with BatchNorm gamma/beta "
                + "(PyTorch parameters())%n", r.params(), X3DParameterCount.withBatchNorm(c));
    }

}
