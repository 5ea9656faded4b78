/** DuckDB in process, set up alike everywhere: no downloads, a memory limit, UTC. */
package dev.blackwater.duckdb;
