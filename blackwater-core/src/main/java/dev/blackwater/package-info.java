/** Foundation, below all: Stage, StageResult, ResultJson, Version, Freshness. */
package dev.blackwater;
