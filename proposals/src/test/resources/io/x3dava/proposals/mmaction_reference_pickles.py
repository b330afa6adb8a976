# Writes the reference MMAction2 proposal pickles of MmactionProposalsReferenceTest with Python's own pickle and
# numpy (Debian's /usr/bin/python3, python3-numpy 1.24.2), as MMAction2 keeps its ava_dense_proposals_*.pkl:
# {"<video_id>,<%04d timestamp>": numpy array (N, 5) of x1, y1, x2, y2, score}. Run from this folder:
#   /usr/bin/python3 mmaction_reference_pickles.py
import pickle
import numpy as np

proposals = {
    "-5KQ66BBWC4,0902": np.array([[0.125, 0.25, 0.5, 1.0, 0.9975],
                                  [0.5, 0.0625, 0.875, 0.75, 0.375]], dtype=np.float32),
    "-5KQ66BBWC4,0903": np.array([[0.0, 0.0, 1.0, 1.0, 0.8]], dtype=np.float32),
    "vid,with,commas,1798": np.array([[0.1, 0.2, 0.3, 0.4, 0.55]], dtype=np.float64),
}
for protocol in (2, 3, 4):
    with open(f"mmaction_reference_p{protocol}.pkl", "wb") as f:
        pickle.dump(proposals, f, protocol=protocol)
