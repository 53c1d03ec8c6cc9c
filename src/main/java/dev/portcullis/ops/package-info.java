/** Operations endpoints: liveness, readiness (and metrics). */
package dev.portcullis.ops;
