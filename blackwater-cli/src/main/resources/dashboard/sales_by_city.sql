/*
  Sales by delivery city: what was sold for delivery to each city (the order's agreed delivery
  location), per currency. Counts the current version of each sales order; sales_value is in
  currency_code.
  Columns: country (text), city (text), currency_code (text), orders (bigint),
  units_sold (bigint), sales_value (numeric: sum of units_sold * unit_price).
*/
SELECT
  l.country,
  l.city,
  c.currency_code,
  count(*) AS orders,
  sum(s.units_sold) AS units_sold,
  sum(s.units_sold * s.unit_price) AS sales_value
FROM fact_sales_order_current s
JOIN dim_location l ON l.location_id = s.agreed_delivery_location_id
JOIN dim_currency c ON c.currency_id = s.currency_id
GROUP BY l.country, l.city, c.currency_code
ORDER BY c.currency_code, sales_value DESC, l.country, l.city
