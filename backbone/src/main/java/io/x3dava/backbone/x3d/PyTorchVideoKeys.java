package io.x3dava.backbone.x3d;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps PyTorchVideo's X3D state-dict keys (pytorchvideo.models.x3d.create_x3d) onto PySlowFast's. PyTorchVideo calls
 * the stem's 1x3x3 spatial conv "conv_t" and its 5x1x1 temporal conv "conv_xy", the reverse of their roles and of
 * PySlowFast's names (conv_xy, conv); its SE lives inside norm_b as norm_b.1.block.{0,2}.
 */
public final class PyTorchVideoKeys {

    private static final Pattern STEM = Pattern.compile("blocks\\.0\\.(conv\\.conv_t|conv\\.conv_xy|norm)\\.(.+)");
    private static final Pattern RES = Pattern.compile("blocks\\.([1-4])\\.res_blocks\\.(\\d+)\\.(.+)");
    private static final Pattern HEAD = Pattern.compile("blocks\\.5\\.(pool\\.pre_conv|pool\\.pre_norm|pool\\.post_conv"
            + "|proj)\\.(.+)");

    private PyTorchVideoKeys() {
    }

    /** True when the keys look like PyTorchVideo's (they start with "blocks."). */
    public static boolean looksLikePyTorchVideo(Iterable<String> keys) {
        for (String k : keys) {
            if (k.startsWith("blocks.")) {
                return true;
            }
        }
        return false;
    }

    /** The PySlowFast key for a PyTorchVideo key, or empty when it has no counterpart. */
    public static Optional<String> toPySlowFast(String key) {
        Matcher m = STEM.matcher(key);
        if (m.matches()) {
            String module = switch (m.group(1)) {
                case "conv.conv_t" -> "conv_xy";
                case "conv.conv_xy" -> "conv";
                default -> "bn";
            };
            return Optional.of("s1.pathway0_stem." + module + "." + m.group(2));
        }
        m = RES.matcher(key);
        if (m.matches()) {
            String prefix = "s" + (Integer.parseInt(m.group(1)) + 1) + ".pathway0_res" + m.group(2) + ".";
            return block(m.group(3)).map(rest -> prefix + rest);
        }
        m = HEAD.matcher(key);
        if (m.matches()) {
            String module = switch (m.group(1)) {
                case "pool.pre_conv" -> "conv_5";
                case "pool.pre_norm" -> "conv_5_bn";
                case "pool.post_conv" -> "lin_5";
                default -> "projection";
            };
            return Optional.of("head." + module + "." + m.group(2));
        }
        return Optional.empty();
    }

    private static Optional<String> block(String rest) {
        String[][] rules = {
            {"branch1_conv.", "branch1."},
            {"branch1_norm.", "branch1_bn."},
            {"branch2.conv_a.", "branch2.a."},
            {"branch2.norm_a.", "branch2.a_bn."},
            {"branch2.conv_b.", "branch2.b."},
            {"branch2.norm_b.0.", "branch2.b_bn."},
            {"branch2.norm_b.1.block.0.", "branch2.se.fc1."},
            {"branch2.norm_b.1.block.2.", "branch2.se.fc2."},
            {"branch2.norm_b.", "branch2.b_bn."},
            {"branch2.conv_c.", "branch2.c."},
            {"branch2.norm_c.", "branch2.c_bn."},
        };
        for (String[] r : rules) {
            if (rest.startsWith(r[0])) {
                return Optional.of(r[1] + rest.substring(r[0].length()));
            }
        }
        return Optional.empty();
    }
}
