-- dim_design: the latest version of each design changed in this batch.
SELECT
  design_id,
  design_name,
  file_location,
  file_name
FROM batch.design
QUALIFY row_number() OVER (PARTITION BY design_id ORDER BY last_updated DESC) = 1
