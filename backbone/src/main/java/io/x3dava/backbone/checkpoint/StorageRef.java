package io.x3dava.backbone.checkpoint;

/**
 * A torch storage named by a persistent id: {@code numel} elements starting {@code rootOffset} elements into the
 * root storage {@code rootKey} (legacy files can reference views of a root storage; zip files never do).
 */
record StorageRef(String rootKey, TensorDType dtype, long rootOffset, long numel) {
}
