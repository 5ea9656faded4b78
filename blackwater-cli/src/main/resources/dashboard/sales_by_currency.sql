/*
  Sales by currency: orders, units and value of all sales in each currency, most orders first.
  Counts the current version of each sales order; sales_value is in currency_code.
  Columns: currency_code (text), currency_name (text), orders (bigint), units_sold (bigint),
  sales_value (numeric: sum of units_sold * unit_price).
*/
SELECT
  c.currency_code,
  c.currency_name,
  count(*) AS orders,
  sum(s.units_sold) AS units_sold,
  sum(s.units_sold * s.unit_price) AS sales_value
FROM fact_sales_order_current s
JOIN dim_currency c ON c.currency_id = s.currency_id
GROUP BY c.currency_code, c.currency_name
ORDER BY orders DESC, c.currency_code
