-- dim_payment_type: the latest version of each payment type changed in this batch (an ingestion
-- batch is one snapshot of the source, so it holds one version of each row at most).
SELECT
  payment_type_id,
  payment_type_name
FROM batch.payment_type
