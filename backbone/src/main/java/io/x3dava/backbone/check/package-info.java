/** {@code check-charades}: a Charades folder (either layout) checked against its lists before a run. */
package io.x3dava.backbone.check;
