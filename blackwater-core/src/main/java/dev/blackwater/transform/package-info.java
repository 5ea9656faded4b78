/** Transform: each ingestion batch through DuckDB SQL models into Parquet. */
package dev.blackwater.transform;
