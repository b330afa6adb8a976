"""PyAV anchor for x3d-ava bench-decode (run only when python3 with PyAV is installed; the product never needs it).

clips: PySlowFast's training decode (datasets/decoder.py pyav_decode): open the file, seek to 1024 pts before the
clip start (backward, keyframe), decode forward keeping the frames whose pts lie in the clip, convert them all to RGB
(frame.to_rgb().to_ndarray()), keep num_frames of them evenly spaced (temporal_sampling), resize to the short side
(here FFmpeg's scaler on the kept frames, cheaper than PySlowFast's torch interpolate). Clip starts are uniform in
[0, frames - clip_size] as get_start_end_idx with clip_idx = -1. Work is spread over `workers` processes, as a
DataLoader's workers would be.
lean: the same decode, but only the kept frames are converted, straight to the short side (frame.to_ndarray with
width/height: FFmpeg's scaler, as x3d-ava does): PyAV at its best.
full: every frame to an RGB ndarray in one process (thread_type AUTO), like an export loop.
Prints one line: "<mode> <count> <wall seconds>".
"""
import sys, time, random
from multiprocessing import Pool

import av
import numpy as np


def clip(args):
    path, start_idx, num_frames, stride, target_fps, short, lean = args
    container = av.open(path)
    stream = container.streams.video[0]
    stream.thread_type = "AUTO"
    fps = float(stream.average_rate)
    frames_length = stream.frames
    duration = stream.duration
    timebase = duration / frames_length
    clip_size = stride * num_frames / target_fps * fps
    end_idx = start_idx + clip_size - 1
    start_pts, end_pts = int(start_idx * timebase), int(end_idx * timebase)
    container.seek(max(start_pts - 1024, 0), any_frame=False, backward=True, stream=stream)
    kept = {}
    for frame in container.decode(video=0):
        if frame.pts < start_pts:
            continue
        if frame.pts > end_pts:
            break
        kept[frame.pts] = frame
    container.close()
    ordered = [kept[p] for p in sorted(kept)]
    index = np.clip(np.linspace(0, len(ordered) - 1, num_frames).astype(np.int64), 0, len(ordered) - 1)
    h, w = ordered[0].height, ordered[0].width
    nh, nw = (short, int(w * short / h)) if h <= w else (int(h * short / w), short)
    if lean:
        out = [ordered[i].to_ndarray(format="rgb24", width=nw, height=nh) for i in index]
    else:
        frames = [f.to_rgb().to_ndarray() for f in ordered]
        out = [av.VideoFrame.from_ndarray(frames[i], format="rgb24").reformat(width=nw, height=nh).to_ndarray()
               for i in index]
    return np.stack(out).shape[0]


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "full":
        t0 = time.perf_counter()
        container = av.open(path)
        container.streams.video[0].thread_type = "AUTO"
        n = 0
        for frame in container.decode(video=0):
            frame.to_ndarray(format="rgb24")
            n += 1
        print("full", n, time.perf_counter() - t0)
        return
    clips, num_frames, stride, short, seed, workers = map(int, sys.argv[3:9])
    container = av.open(path)
    stream = container.streams.video[0]
    fps, frames_length = float(stream.average_rate), stream.frames
    container.close()
    delta = max(frames_length - stride * num_frames / 30.0 * fps, 0)
    rnd = random.Random(seed)
    jobs = [(path, rnd.uniform(0, delta), num_frames, stride, 30.0, short, mode == "lean") for _ in range(clips)]
    t0 = time.perf_counter()
    with Pool(workers) as pool:
        n = sum(1 for _ in pool.imap(clip, jobs))
    print(mode, n, time.perf_counter() - t0)


if __name__ == "__main__":
    main()
