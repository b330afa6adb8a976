/**
 * Reading and writing tensor checkpoints in pure Java: torch.save files (zip format and the legacy format),
 * numpy .npz and .safetensors, through {@link io.x3dava.backbone.checkpoint.Checkpoints}.
 *
 * <p>Safety model: torch files are pickles, which in Python can run arbitrary code. Here they go through our own
 * pickle machine ({@code PickleMachine}) whose globals are resolved only against an allow-list
 * ({@code TorchPickleResolver}); nothing is ever loaded or called by name. Every length, size, offset and stride
 * read from a file is checked against the file size or the storage it indexes before anything is allocated, and
 * extra copies (strided views, inflated entries) are bounded by a {@code CopyBudget}, so a truncated, corrupt or
 * hostile file ends in a {@link io.x3dava.backbone.checkpoint.CheckpointFormatException}.
 */
package io.x3dava.backbone.checkpoint;
