/*
  Top designs: the ten designs with the highest sales value in each currency (ties broken by
  design_id). A design is its id: several designs share a name (Granite, Marble, ...), so each
  is labelled with its name and id, e.g. "Granite (#12)", and a label means one design. Counts
  the current version of each sales order; sales_value is in currency_code.
  Columns: currency_code (text), sales_rank (bigint, 1 = best), design_id (integer),
  design_name (text), design_label (text: design_name (#design_id)), orders (bigint),
  units_sold (bigint), sales_value (numeric: sum of units_sold * unit_price).
*/
SELECT currency_code, sales_rank, design_id, design_name,
       design_name || ' (#' || design_id || ')' AS design_label,
       orders, units_sold, sales_value
FROM (
  SELECT
    c.currency_code,
    row_number() OVER (
      PARTITION BY c.currency_code
      ORDER BY sum(s.units_sold * s.unit_price) DESC, d.design_id
    ) AS sales_rank,
    d.design_id,
    d.design_name,
    count(*) AS orders,
    sum(s.units_sold) AS units_sold,
    sum(s.units_sold * s.unit_price) AS sales_value
  FROM fact_sales_order_current s
  JOIN dim_currency c ON c.currency_id = s.currency_id
  JOIN dim_design d ON d.design_id = s.design_id
  GROUP BY c.currency_code, d.design_id, d.design_name
) ranked
WHERE sales_rank <= 10
ORDER BY currency_code, sales_rank
