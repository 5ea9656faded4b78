-- dim_transaction: the latest version of each transaction changed in this batch.
SELECT
  transaction_id,
  transaction_type,
  sales_order_id,
  purchase_order_id
FROM batch."transaction"
QUALIFY row_number() OVER (PARTITION BY transaction_id ORDER BY last_updated DESC) = 1
