/*
  Purchases by month: what was bought each calendar month (the purchase order's created date),
  per currency. Counts the current version of each purchase order; purchase_value is in
  currency_code.
  Columns: month (date, first day of the month), currency_code (text), purchase_orders (bigint),
  items (bigint: sum of item_quantity), purchase_value (numeric: sum of
  item_quantity * item_unit_price).
*/
SELECT
  date_trunc('month', p.created_date::timestamp)::date AS month,
  c.currency_code,
  count(*) AS purchase_orders,
  sum(p.item_quantity) AS items,
  sum(p.item_quantity * p.item_unit_price) AS purchase_value
FROM fact_purchase_order_current p
JOIN dim_currency c ON c.currency_id = p.currency_id
GROUP BY 1, c.currency_code
ORDER BY 1, c.currency_code
