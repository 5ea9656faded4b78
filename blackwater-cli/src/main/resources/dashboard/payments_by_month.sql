/*
  Payments by month: payments falling in each calendar month (their payment_date), per currency
  and direction: transaction_type SALE is money in from a customer, PURCHASE money out to a
  supplier. Counts the current version of each payment, paid or not; amount is in
  currency_code.
  Columns: month (date, first day of the month), currency_code (text), transaction_type (text:
  SALE or PURCHASE), payments (bigint), amount (numeric: sum of payment_amount),
  paid_amount (numeric: the part already paid).
*/
SELECT
  date_trunc('month', p.payment_date::timestamp)::date AS month,
  c.currency_code,
  t.transaction_type,
  count(*) AS payments,
  sum(p.payment_amount) AS amount,
  sum(p.payment_amount) FILTER (WHERE p.paid) AS paid_amount
FROM fact_payment_current p
JOIN dim_transaction t ON t.transaction_id = p.transaction_id
JOIN dim_currency c ON c.currency_id = p.currency_id
GROUP BY 1, c.currency_code, t.transaction_type
ORDER BY 1, c.currency_code, t.transaction_type
