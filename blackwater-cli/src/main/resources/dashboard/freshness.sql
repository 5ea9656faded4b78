/*
  Freshness: for each fact table, how many facts it holds now, how many versions of them, how
  many facts were deleted from the source, and the newest last_updated it has seen (the source's
  clock, no time zone).
  Columns: fact_table (text), current_rows (bigint: facts alive, one per natural id, as the
  fact_*_current view holds them), versions (bigint: rows, every version), deleted (bigint:
  facts whose newest version records their deletion), last_updated (timestamp, null when empty).
*/
SELECT
  'fact_sales_order' AS fact_table,
  (SELECT count(*) FROM fact_sales_order_current) AS current_rows,
  count(*) AS versions,
  count(DISTINCT sales_order_id) - (SELECT count(*) FROM fact_sales_order_current) AS deleted,
  max(last_updated_date + last_updated_time) AS last_updated
FROM fact_sales_order
UNION ALL
SELECT
  'fact_purchase_order',
  (SELECT count(*) FROM fact_purchase_order_current),
  count(*),
  count(DISTINCT purchase_order_id) - (SELECT count(*) FROM fact_purchase_order_current),
  max(last_updated_date + last_updated_time)
FROM fact_purchase_order
UNION ALL
SELECT
  'fact_payment',
  (SELECT count(*) FROM fact_payment_current),
  count(*),
  count(DISTINCT payment_id) - (SELECT count(*) FROM fact_payment_current),
  max(last_updated_date + last_updated_time)
FROM fact_payment
