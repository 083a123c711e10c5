/**
 * The public entry point for Java users: configure ({@link org.mlem.core.api.MlemConfig}), run
 * ({@link org.mlem.core.api.Mlem}), read the immutable {@link org.mlem.core.api.MlemAnalysis}
 * (weights, held-out scores, importances, provenance). Everything here delegates to the method
 * packages; the Spark module uses the same pieces with its own pair source.
 */
package org.mlem.core.api;
