package io.x3dava.backbone.checkpoint;

/** A tensor as torch pickles it: a strided view into a storage (offset, size and stride in elements). */
record TensorRef(StorageRef storage, long storageOffset, long[] size, long[] stride) {
}
