/** Extract: new or changed source rows, in one snapshot, into one ingestion batch. */
package dev.blackwater.extract;
