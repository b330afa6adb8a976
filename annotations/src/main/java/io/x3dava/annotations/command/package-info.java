/**
 * The conventions every {@code x3d-ava} command follows: help with defaults, and one error handler (bad input: one
 * line naming the file, line and what was expected, exit 2; a bug: a short message, the trace only with
 * {@code --debug}). It lives in the lowest module so that every module's commands and tests share it.
 */
package io.x3dava.annotations.command;
