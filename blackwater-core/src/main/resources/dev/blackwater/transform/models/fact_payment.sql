-- fact_payment: every payment version of the batch becomes one fact row.
-- created_at and last_updated split into a date and a time (milliseconds kept), payment_date
-- (varchar 'YYYY-MM-DD' in totesys) becomes a date, the two account numbers are dropped.
-- payment_record_id is not here: the warehouse numbers fact rows as it loads them.
-- payment_amount arrives as text (sources.sql); every value that does not fit numeric(10,2)
-- exactly has failed the batch or been set aside (rules.sql), so this one cast neither rounds nor
-- fails.
SELECT
  payment_id,
  CAST(created_at AS DATE)              AS created_date,
  CAST(created_at AS TIME)              AS created_time,
  CAST(last_updated AS DATE)            AS last_updated_date,
  CAST(last_updated AS TIME)            AS last_updated_time,
  transaction_id,
  counterparty_id,
  CAST(payment_amount AS DECIMAL(10,2)) AS payment_amount,
  currency_id,
  payment_type_id,
  paid,
  CAST(payment_date AS DATE)            AS payment_date
FROM batch.payment
