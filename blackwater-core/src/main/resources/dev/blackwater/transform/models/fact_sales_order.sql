-- fact_sales_order: every sales order version of the batch becomes one fact row.
-- created_at and last_updated split into a date and a time (milliseconds kept), the agreed dates
-- (varchar 'YYYY-MM-DD' in totesys) become dates, staff_id becomes sales_staff_id.
-- sales_record_id is not here: the warehouse numbers fact rows as it loads them.
-- unit_price arrives as text (sources.sql); every value that does not fit numeric(10,2)
-- exactly has failed the batch or been set aside (rules.sql), so this one cast neither rounds nor
-- fails.
SELECT
  sales_order_id,
  CAST(created_at AS DATE)              AS created_date,
  CAST(created_at AS TIME)              AS created_time,
  CAST(last_updated AS DATE)            AS last_updated_date,
  CAST(last_updated AS TIME)            AS last_updated_time,
  staff_id                              AS sales_staff_id,
  counterparty_id,
  units_sold,
  CAST(unit_price AS DECIMAL(10,2))     AS unit_price,
  currency_id,
  design_id,
  CAST(agreed_payment_date AS DATE)     AS agreed_payment_date,
  CAST(agreed_delivery_date AS DATE)    AS agreed_delivery_date,
  agreed_delivery_location_id
FROM batch.sales_order
