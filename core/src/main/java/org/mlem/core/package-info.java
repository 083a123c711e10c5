/**
 * MLEM core: the Metric Learning Encoding Models method (Jalouzot, Pallier, Chemla, Lakretz,
 * arXiv:2402.11608) in plain Java. Sub-packages hold one concern each; nothing here depends on
 * Spark, Hadoop or Scala (the Maven enforcer bans them). The Spark module implements
 * {@code org.mlem.core.train.PairSource} on executors and otherwise delegates here.
 */
package org.mlem.core;
