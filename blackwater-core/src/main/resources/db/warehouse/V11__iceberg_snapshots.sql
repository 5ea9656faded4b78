-- Per table, the Iceberg snapshot of the processed zone's table that appended the batch this row
-- records (a JSON object: table name -> snapshot id), so that the warehouse says which snapshot of
-- the lake it has loaded. Null for a batch loaded without Iceberg tables, or before this column.
-- Load itself still takes batches in order by their manifests, exactly once.

ALTER TABLE blackwater_loaded_batch ADD COLUMN iceberg_snapshots jsonb;
