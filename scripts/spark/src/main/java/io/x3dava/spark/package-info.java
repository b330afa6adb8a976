/**
 * The Apache Spark engine of {@code --master} ({@link io.x3dava.spark.SparkTasks}): a command's tasks as an RDD with one
 * partition per task, run by Spark's executors, results collected on the driver in task order.
 */
package io.x3dava.spark;
