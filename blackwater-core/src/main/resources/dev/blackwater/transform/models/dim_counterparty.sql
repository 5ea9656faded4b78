-- dim_counterparty: the latest version of each counterparty with its legal address (the address
-- row of legal_address_id, its phone as counterparty_legal_phone_number).
-- Emitted for every counterparty changed in this batch and, when an address changed, for every
-- counterparty whose legal address it is.
SELECT
  c.counterparty_id,
  c.counterparty_legal_name,
  a.address_line_1 AS counterparty_legal_address_line_1,
  a.address_line_2 AS counterparty_legal_address_line_2,
  a.district       AS counterparty_legal_district,
  a.city           AS counterparty_legal_city,
  a.postal_code    AS counterparty_legal_postal_code,
  a.country        AS counterparty_legal_country,
  a.phone          AS counterparty_legal_phone_number
FROM current.counterparty AS c
JOIN current.address AS a ON a.address_id = c.legal_address_id
WHERE c.counterparty_id IN (SELECT counterparty_id FROM batch.counterparty)
   OR c.legal_address_id IN (SELECT address_id FROM batch.address)
