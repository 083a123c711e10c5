/**
 * The declarations of MLEM's options (key, type, default, rule, doc) and the typed settings read
 * through them: the single source the command line, config files, MLlib params and run.json are
 * derived from.
 */
package org.mlem.core.config;
