/*
  Paid versus unpaid: payments already paid and still open, per currency and direction
  (transaction_type SALE: owed to us; PURCHASE: owed by us). Counts the current version of each
  payment; amount is in currency_code.
  Columns: currency_code (text), transaction_type (text: SALE or PURCHASE), paid (boolean),
  payments (bigint), amount (numeric: sum of payment_amount).
*/
SELECT
  c.currency_code,
  t.transaction_type,
  p.paid,
  count(*) AS payments,
  sum(p.payment_amount) AS amount
FROM fact_payment_current p
JOIN dim_transaction t ON t.transaction_id = p.transaction_id
JOIN dim_currency c ON c.currency_id = p.currency_id
GROUP BY c.currency_code, t.transaction_type, p.paid
ORDER BY c.currency_code, t.transaction_type, p.paid DESC
