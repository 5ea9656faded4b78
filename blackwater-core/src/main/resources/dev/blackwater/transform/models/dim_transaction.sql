-- dim_transaction: the latest version of each transaction changed in this batch (an ingestion
-- batch is one snapshot of the source, so it holds one version of each row at most).
SELECT
  transaction_id,
  transaction_type,
  sales_order_id,
  purchase_order_id
FROM batch."transaction"
