/*
  Sales value by month: what was ordered each calendar month (the order's created date), per
  currency. Counts the current version of each sales order; amounts are in currency_code and
  are never added across currencies.
  Columns: month (date, first day of the month), currency_code (text), orders (bigint),
  units_sold (bigint), sales_value (numeric: sum of units_sold * unit_price).
*/
SELECT
  date_trunc('month', s.created_date::timestamp)::date AS month,
  c.currency_code,
  count(*) AS orders,
  sum(s.units_sold) AS units_sold,
  sum(s.units_sold * s.unit_price) AS sales_value
FROM fact_sales_order_current s
JOIN dim_currency c ON c.currency_id = s.currency_id
GROUP BY 1, c.currency_code
ORDER BY 1, c.currency_code
