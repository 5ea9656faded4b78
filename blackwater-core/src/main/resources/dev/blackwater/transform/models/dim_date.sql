-- dim_date: one row for every date a fact row of this batch refers to, future agreed delivery and
-- payment dates included. day_of_week is ISO (Monday = 1, Sunday = 7); day and month names are
-- English and unpadded ('Monday', 'May'). The warehouse adds the dates it does not have yet.
WITH dates AS (
  SELECT created_date AS d FROM fact_sales_order
  UNION SELECT last_updated_date FROM fact_sales_order
  UNION SELECT agreed_payment_date FROM fact_sales_order
  UNION SELECT agreed_delivery_date FROM fact_sales_order
  UNION SELECT created_date FROM fact_purchase_order
  UNION SELECT last_updated_date FROM fact_purchase_order
  UNION SELECT agreed_delivery_date FROM fact_purchase_order
  UNION SELECT agreed_payment_date FROM fact_purchase_order
  UNION SELECT created_date FROM fact_payment
  UNION SELECT last_updated_date FROM fact_payment
  UNION SELECT payment_date FROM fact_payment
)
SELECT
  d                          AS date_id,
  CAST(year(d) AS INTEGER)    AS year,
  CAST(month(d) AS INTEGER)   AS month,
  CAST(day(d) AS INTEGER)     AS day,
  CAST(isodow(d) AS INTEGER)  AS day_of_week,
  dayname(d)                 AS day_name,
  monthname(d)               AS month_name,
  CAST(quarter(d) AS INTEGER) AS quarter
FROM dates
