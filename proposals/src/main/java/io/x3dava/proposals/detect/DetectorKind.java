package io.x3dava.proposals.detect;

/** Where person boxes come from. */
public enum DetectorKind {
    /** OpenCV's HOG pedestrian detector: built in, offline. */
    HOG,
    /** A COCO detector from DJL's PyTorch model zoo (downloaded once into DJL's cache). */
    ZOO,
    /** An Ultralytics YOLO (v5/v8/11) exported with {@code model.export(format="torchscript")}. */
    YOLO,
    /** A torchvision detection model saved with {@code torch.jit.script(model).save(...)}. */
    TORCHVISION
}
