package io.x3dava.proposals;

import io.x3dava.annotations.ava.Keyframe;
import io.x3dava.backbone.video.DecodedClip;
import io.x3dava.proposals.detect.DetectorSpec;
import io.x3dava.proposals.detect.FrameImages;
import io.x3dava.proposals.detect.FramePersonDetector;
import io.x3dava.proposals.detect.PersonDetectors;
import io.x3dava.proposals.detect.TorchvisionOps;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * The person detector of detect-proposals as its options name it, in a form that can be sent to a cluster executor
 * and opened there: a TorchScript model with torchvision-convention settings, or a detector spec (hog, zoo:NAME, ...).
 *
 * @param model TorchScript file, or null for {@code detector}
 * @param detector a {@link DetectorSpec} text, or null for HOG (unless model is given)
 * @param torchvisionLib torchvision's native library for scripted torchvision detectors, or null
 */
public record PersonDetectorSettings(String model, String detector, String torchvisionLib, int inputWidth,
                                     int inputHeight, long personClass, double threshold, boolean tensorInput)
        implements Serializable {

    /** Opens the detector (loads the model). */
    public KeyframeDetector open() throws IOException {
        if (model != null) {
            return KeyframeDetector.of(PersonDetector.load(Path.of(model), translator()));
        }
        DetectorSpec spec = detector == null ? DetectorSpec.hog() : DetectorSpec.parse(detector);
        if (torchvisionLib != null) {
            TorchvisionOps.load(Path.of(torchvisionLib));
        }
        FramePersonDetector d = PersonDetectors.open(spec, threshold);
        return new KeyframeDetector() {
            @Override
            public List<PersonBox> detect(Keyframe k, DecodedClip frame) throws IOException {
                return d.detect(FrameImages.bgr(frame, 0)).stream().map(h -> new PersonBox(k, h.box(), h.score()))
                        .toList();
            }

            @Override
            public void close() {
                d.close();
            }
        };
    }

    /** The torchvision-convention translator of a TorchScript model. */
    PersonBoxTranslator translator() {
        return new PersonBoxTranslator(inputWidth, inputHeight, personClass, threshold, !tensorInput);
    }
}
