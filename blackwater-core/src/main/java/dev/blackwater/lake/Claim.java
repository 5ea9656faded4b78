package dev.blackwater.lake;

import java.time.Instant;

/**
 * A run's claim on a batch sequence number, written with put-if-absent just before the manifest: of
 * two runs racing for the same number, only the one whose claim lands commits.
 *
 * @param batch the batch the claimant is about to commit
 * @param runId the claimant's run
 * @param host the claimant's host name
 * @param pid the claimant's process id
 * @param claimedAt when the claim was written, by the claimant's clock
 */
public record Claim(String batch, String runId, String host, long pid, Instant claimedAt) {}
