/** Failures with a kind (ErrorCode): an exit code, a run record, a Lambda error. */
package dev.blackwater.error;
