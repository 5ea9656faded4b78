-- dim_design: the latest version of each design changed in this batch (an ingestion batch is one
-- snapshot of the source, so it holds one version of each row at most).
SELECT
  design_id,
  design_name,
  file_location,
  file_name
FROM batch.design
