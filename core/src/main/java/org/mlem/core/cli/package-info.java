/**
 * Command-line entry points of the core module: a small demonstration run and the paper-scale
 * benchmark. The only place in core that prints to the console.
 */
package org.mlem.core.cli;
