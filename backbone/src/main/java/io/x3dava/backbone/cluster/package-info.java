/**
 * Spreading a command's work over a cluster: the command splits its work into serializable tasks and a
 * {@link io.x3dava.backbone.cluster.TaskFunction}; a {@link io.x3dava.backbone.cluster.ClusterTasks} engine (Apache
 * Spark, module scripts/spark, found at run time) runs them on its executors and returns one result per task, in task
 * order. Nothing here depends on Spark, and no engine class is loaded unless {@code --master} is given.
 */
package io.x3dava.backbone.cluster;
