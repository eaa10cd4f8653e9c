/** nn on Apache Spark: sweeps as Spark tasks and data-parallel training with the bits of one machine (docs/spark.md). */
package nn.spark;
