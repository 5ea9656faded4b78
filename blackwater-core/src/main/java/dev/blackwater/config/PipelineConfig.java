package dev.blackwater.config;

import java.net.URI;

/**
 * Everything a full run needs, parsed once at the edge (the CLI from flags and environment, a
 * Lambda handler from its environment).
 *
 * @param source the totesys database
 * @param warehouse the warehouse database
 * @param ingestion the ingestion zone
 * @param processed the processed zone
 * @param extract how extract runs
 * @param transform how transform runs
 * @param load how load runs
 */
public record PipelineConfig(
    DatabaseConfig source,
    DatabaseConfig warehouse,
    URI ingestion,
    URI processed,
    ExtractSettings extract,
    TransformSettings transform,
    LoadSettings load) {}
