-- dim_payment_type: the latest version of each payment type changed in this batch.
SELECT
  payment_type_id,
  payment_type_name
FROM batch.payment_type
QUALIFY row_number() OVER (PARTITION BY payment_type_id ORDER BY last_updated DESC) = 1
