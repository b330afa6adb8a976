package io.x3dava.backbone.train;

/**
 * SGD hyper-parameters (PySlowFast SOLVER.MOMENTUM, NESTEROV, WEIGHT_DECAY, DAMPENING; BN.WEIGHT_DECAY is 0).
 *
 * @param momentum 0.9 in the X3D recipes
 * @param nesterov X3D recipes use Nesterov momentum
 * @param weightDecay L2 on every parameter except BatchNorm's (5e-5 Kinetics, 1e-5 Charades, 1e-7 AVA)
 * @param dampening torch.optim.SGD dampening, 0 in every recipe
 */
public record SgdConfig(double momentum, boolean nesterov, double weightDecay, double dampening) {

    public SgdConfig {
        if (momentum < 0 || weightDecay < 0 || dampening < 0 || dampening > 1) {
            throw new IllegalArgumentException("SGD needs momentum >= 0, weightDecay >= 0, dampening in [0,1]");
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires momentum > 0 and zero dampening (PyTorch)");
        }
    }

    public static SgdConfig x3d(double weightDecay) {
        return new SgdConfig(0.9, true, weightDecay, 0);
    }
}
