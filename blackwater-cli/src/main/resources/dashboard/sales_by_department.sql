/*
  Sales by department: what the staff of each department sold, per currency (departments as
  dim_staff has them now). Counts the current version of each sales order; sales_value is in
  currency_code.
  Columns: department_name (text), currency_code (text), staff (bigint: staff with sales),
  orders (bigint), units_sold (bigint), sales_value (numeric: sum of units_sold * unit_price).
*/
SELECT
  st.department_name,
  c.currency_code,
  count(DISTINCT st.staff_id) AS staff,
  count(*) AS orders,
  sum(s.units_sold) AS units_sold,
  sum(s.units_sold * s.unit_price) AS sales_value
FROM fact_sales_order_current s
JOIN dim_staff st ON st.staff_id = s.sales_staff_id
JOIN dim_currency c ON c.currency_id = s.currency_id
GROUP BY st.department_name, c.currency_code
ORDER BY c.currency_code, sales_value DESC, st.department_name
