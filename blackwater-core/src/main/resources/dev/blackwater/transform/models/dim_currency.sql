-- dim_currency: the latest version of each currency changed in this batch, with its ISO 4217
-- English name (currency_names comes from Java's java.util.Currency). A code without a known name
-- keeps the code as its name; the transform logs a warning for it.
SELECT
  c.currency_id,
  c.currency_code,
  coalesce(n.currency_name, c.currency_code) AS currency_name
FROM batch.currency AS c
LEFT JOIN currency_names AS n ON n.currency_code = upper(c.currency_code)
