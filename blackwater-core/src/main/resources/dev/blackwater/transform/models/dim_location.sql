-- dim_location: the latest version of each address changed in this batch; address_id becomes
-- location_id.
SELECT
  address_id AS location_id,
  address_line_1,
  address_line_2,
  district,
  city,
  postal_code,
  country,
  phone
FROM current.address
WHERE address_id IN (SELECT address_id FROM batch.address)
