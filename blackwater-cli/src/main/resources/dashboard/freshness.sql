/*
  Freshness: for each fact table, how many facts it holds now, how many versions of them, and
  the newest last_updated it has seen (the source's clock, no time zone).
  Columns: fact_table (text), current_rows (bigint: facts, one per natural id),
  versions (bigint: rows, every version), last_updated (timestamp, null when empty).
*/
SELECT
  'fact_sales_order' AS fact_table,
  count(DISTINCT sales_order_id) AS current_rows,
  count(*) AS versions,
  max(last_updated_date + last_updated_time) AS last_updated
FROM fact_sales_order
UNION ALL
SELECT
  'fact_purchase_order',
  count(DISTINCT purchase_order_id),
  count(*),
  max(last_updated_date + last_updated_time)
FROM fact_purchase_order
UNION ALL
SELECT
  'fact_payment',
  count(DISTINCT payment_id),
  count(*),
  max(last_updated_date + last_updated_time)
FROM fact_payment
