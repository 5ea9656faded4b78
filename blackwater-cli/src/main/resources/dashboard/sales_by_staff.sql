/*
  Sales by staff: what each member of staff sold, per currency, with their department (as
  dim_staff has it now). Counts the current version of each sales order; sales_value is in
  currency_code.
  Columns: staff_id (integer), staff_name (text: first and last name), department_name (text),
  currency_code (text), orders (bigint), units_sold (bigint),
  sales_value (numeric: sum of units_sold * unit_price).
*/
SELECT
  st.staff_id,
  st.first_name || ' ' || st.last_name AS staff_name,
  st.department_name,
  c.currency_code,
  count(*) AS orders,
  sum(s.units_sold) AS units_sold,
  sum(s.units_sold * s.unit_price) AS sales_value
FROM fact_sales_order_current s
JOIN dim_staff st ON st.staff_id = s.sales_staff_id
JOIN dim_currency c ON c.currency_id = s.currency_id
GROUP BY st.staff_id, st.first_name, st.last_name, st.department_name, c.currency_code
ORDER BY c.currency_code, sales_value DESC, st.staff_id
