/** Verify: reconciles the source, the lake and the warehouse. */
package dev.blackwater.verify;
