/**
 * Person boxes for AVA detection: the actor proposals that the detector classifies.
 *
 * <p>Sources: SlowFast's proposal CSVs ({@link io.x3dava.proposals.SlowFastProposals}), MMAction2's dense proposal
 * pickles read without Python through the backbone's safe pickle machine ({@link io.x3dava.proposals.MmactionProposals}),
 * or a local TorchScript detector run on the keyframes ({@link io.x3dava.proposals.PersonDetector},
 * {@code detect-proposals}). {@link io.x3dava.proposals.TrainingBoxes} builds the training set (ground truth plus
 * proposals with IoU > 0.9), {@link io.x3dava.proposals.InferenceBoxes} the test boxes (score >= 0.8).
 */
package io.x3dava.proposals;
